import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { lockstepLanguageOf, type ExchangeReport, type ImportReport } from '@lockstep/shared';
import { CliError, CONNECTION_OPTIONS, CONNECTION_USAGE, parseOptions, required, UsageError, type CliIo, type Command } from './command.js';
import { idList, progressOn } from './format.js';
import { ApiError, clientFor, seg, type LockstepClient } from './http.js';
import { describeUnits, unitFilterOf } from './unitReport.js';


const XLIFF_FILE = /\.(xlf|xliff|zip)$/i;
const ZIP_FILE = /\.zip$/i;

export const importCommand: Command = {
  name: 'import',
  summary: 'import XLIFF files (a dry run unless --apply)',
  usage: [
    'Usage: npm run lockstep -- import --doc <id> [--lang <code>] [--apply] <file.xlf ... | directory>',
    '',
    '  --doc ID      the document',
    '  --lang CODE   the files’ target language (default: read from each file, trgLang or',
    '                target-language; a .zip\'s files are always read for theirs)',
    '  --apply       apply the files; without it, only shows what importing would do',
    '  --units LIST  list every unit with these outcomes: "all" or a comma list of applied,',
    '                unchanged, conflict, rejected, unknown; each row has the segment\'s number',
    '                in the editor, its id (the unit id in the file), the change as a word diff',
    '                ([-old-]{+new+}) and the reason',
    '  --page N, --page-size N   which page of those units (default 1, 50 a page)',
    '',
    'A .zip goes to the server as it is: each file in it is read for its language, and with',
    '--apply all of them are applied in one transaction or none.',
    'A directory stands for its .xlf, .xliff and .zip files. For each file: the units that would be',
    'applied (or were), unchanged, conflicts and rejected units with their reasons, unit ids',
    'the document does not have, and warnings. Exit code 1 when a file was refused as a whole.',
    '',
    CONNECTION_USAGE,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      ...CONNECTION_OPTIONS,
      doc: { type: 'string' },
      lang: { type: 'string' },
      apply: { type: 'boolean' },
      units: { type: 'string' },
      page: { type: 'string' },
      'page-size': { type: 'string' },
    });
    const units = values.units === undefined ? undefined : unitFilterOf(values.units, values.page, values['page-size']);
    const doc = required(values.doc, 'doc');
    if (positionals.length === 0) throw new UsageError('name the XLIFF files to import, or a directory of them');
    const files = await expandFiles(positionals, io);
    const client = clientFor(values, io);
    const apply = values.apply === true;
    const progress = progressOn(io.stderr, files.length, apply ? 'importing' : 'checking');
    const totals = { applied: 0, unchanged: 0, conflicts: 0, unknown: 0, rejected: 0, failedFiles: 0 };
    /** Files reported: a zip counts its entries. */
    let reported = 0;
    for (const [i, file] of files.entries()) {
      const label = path.relative(io.cwd, file) || file;
      progress.start(i, label);
      let results: FileResult[];
      try {
        const bytes = await readFile(file).catch((e: Error) => {
          throw new FileProblem(e.message);
        });
        results = ZIP_FILE.test(file) ? await importZip(client, doc, label, bytes, apply) : [await importXliffFile(client, doc, label, bytes, values.lang, apply)];
      } catch (err) {
        // A refused file (not XLIFF, wrong language, no such document) is reported and the
        // others still go; a server that cannot be reached stops everything.
        if (!(err instanceof ApiError) && !(err instanceof FileProblem)) throw err;
        results = [{ label, refused: err.message }];
      }
      progress.clear();
      reported += results.length;
      for (const r of results) {
        if (r.refused !== undefined) {
          totals.failedFiles++;
          io.stdout.write(`${r.label}\n  refused: ${r.refused.replace(/\n/g, '\n  ')}\n\n`);
          continue;
        }
        const { report, lang } = r;
        totals.applied += report.applied.length;
        totals.unchanged += report.unchanged.length;
        totals.conflicts += report.conflicts.length;
        totals.unknown += report.unknown.length;
        totals.rejected += report.rejected.length;
        io.stdout.write(`${r.label} → ${lang}\n${describeReport(report, apply)}${units ? `\n  units:\n${describeUnits(report.units, lang, units)}` : ''}\n\n`);
      }
    }
    progress.done();
    const would = apply ? '' : 'would be ';
    io.stdout.write(
      `${reported} file${reported === 1 ? '' : 's'}: ${totals.applied} unit(s) ${would}applied, ${totals.unchanged} unchanged, ` +
        `${totals.conflicts} conflict(s), ${totals.unknown} unknown, ${totals.rejected} rejected` +
        (totals.failedFiles ? `; ${totals.failedFiles} file(s) refused` : '') +
        '\n',
    );
    if (!apply) io.stdout.write('Dry run: nothing was written. Run again with --apply to import.\n');
    return totals.failedFiles > 0 ? 1 : 0;
  },
};

type FileResult = { label: string; refused: string } | { label: string; refused?: undefined; lang: string; report: ImportReport };

async function importXliffFile(client: LockstepClient, doc: string, label: string, bytes: Uint8Array, lang: string | undefined, apply: boolean): Promise<FileResult> {
  const target = lang ?? languageOfFile(bytes);
  const report = await client.json<ImportReport>('POST', `/api/documents/${seg(doc)}/xliff/${seg(target)}`, {
    query: apply ? {} : { dryRun: 'true' },
    body: bytes,
    contentType: 'application/xliff+xml',
  });
  return { label, lang: target, report };
}

/** `all.zip: doc.ko.xlf`: the server names an entry `<zip name>/<entry>`. */
const entryLabel = (label: string, name: string) => `${label}: ${name.slice(name.indexOf('/') + 1)}`;

/**
 * A zip goes to the multi-file upload as it is: the server unpacks it, reads each file's
 * language, and applies all of them in one transaction or none (a refused entry refuses the
 * apply, 422, with every entry's report in the error's details).
 */
async function importZip(client: LockstepClient, doc: string, label: string, bytes: Uint8Array, apply: boolean): Promise<FileResult[]> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/zip' }), path.basename(label));
  let result: ExchangeReport;
  try {
    result = await client.json<ExchangeReport>('POST', `/api/documents/${seg(doc)}/xliff`, { query: apply ? {} : { dryRun: 'true' }, form });
  } catch (err) {
    const details = err instanceof ApiError ? (err.details as ExchangeReport | undefined) : undefined;
    if (!details?.files) throw err;
    // Nothing was applied: say so for every entry, and why for the refused ones.
    return details.files.map((f) => ({ label: entryLabel(label, f.name), refused: f.error ? `${f.error.message} (${f.error.code})` : 'not applied: another file in the zip was refused' }));
  }
  return result.files.map((f) =>
    f.report && f.lang ? { label: entryLabel(label, f.name), lang: f.lang, report: f.report } : { label: entryLabel(label, f.name), refused: `${f.error?.message ?? 'not imported'} (${f.error?.code ?? 'refused'})` },
  );
}

/** A file the command cannot send (unreadable, or no language to send it for). */
class FileProblem extends CliError {}

async function expandFiles(names: string[], io: CliIo): Promise<string[]> {
  const files: string[] = [];
  for (const name of names) {
    const abs = path.resolve(io.cwd, name);
    const info = await stat(abs).catch(() => {
      throw new CliError(`${name}: no such file or directory`);
    });
    if (info.isDirectory()) {
      const inside = (await readdir(abs)).filter((f) => XLIFF_FILE.test(f)).sort();
      if (inside.length === 0) throw new CliError(`${name}: no .xlf or .xliff files in this directory`);
      files.push(...inside.map((f) => path.join(abs, f)));
    } else files.push(abs);
  }
  return files;
}

/**
 * The target language a file names, read from its start: XLIFF 2 puts `trgLang` on the root
 * element, 1.2 `target-language` on each <file>. Region variants map as on the server
 * (pt-BR → pt, fil → tl).
 */
export function languageOfFile(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 64 * 1024));
  const text = head[0] === 0xff && head[1] === 0xfe ? head.toString('utf16le') : head.toString('utf8');
  const tag = /\b(?:trgLang|target-language)\s*=\s*(["'])([^"']*)\1/.exec(text)?.[2];
  if (!tag) throw new FileProblem('the file names no target language (trgLang or target-language): pass --lang');
  const lang = lockstepLanguageOf(tag);
  if (!lang) throw new FileProblem(`the file's target language "${tag}" is not one of Lockstep's languages`);
  return lang.code;
}

export function describeReport(r: ImportReport, applied: boolean): string {
  const lines: string[] = [];
  const section = (label: string, ids: string[]): void => {
    if (ids.length === 0) return;
    lines.push(`  ${label} (${ids.length}):`, idList(ids, '    '));
  };
  section(applied ? 'applied' : 'would apply', r.applied);
  // The least interesting outcome, and usually most of the file: a count is enough.
  if (r.unchanged.length) lines.push(`  unchanged: ${r.unchanged.length}`);
  if (r.conflicts.length) {
    lines.push(`  conflicts (${r.conflicts.length}), kept as suggestions${applied ? '' : ' when applied'}:`);
    for (const c of r.conflicts) lines.push(`    ${c.unit}: ${c.reason}`);
  }
  section('unknown units (not in the document)', r.unknown);
  if (r.rejected.length) {
    lines.push(`  rejected (${r.rejected.length}):`);
    for (const c of r.rejected) lines.push(`    ${c.unit}: ${c.reason}`);
  }
  if (r.warnings.length) {
    lines.push(`  warnings (${r.warnings.length}):`);
    for (const w of r.warnings) lines.push(`    ${w.unit ? `${w.unit}: ` : ''}${w.message}`);
  }
  if (lines.length === 0) lines.push('  the file has no units');
  return lines.join('\n');
}
