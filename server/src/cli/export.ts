import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { CONNECTION_OPTIONS, CONNECTION_USAGE, oneOf, parseOptions, required, UsageError, type CliIo, type Command } from './command.js';
import { clientFor, seg } from './http.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'download XLIFF for one language or for all of them',
  usage: [
    'Usage: npm run lockstep -- export --doc <id> (--lang <code> | --all) [options]',
    '',
    '  --doc ID               the document',
    '  --lang CODE            one target language: one file, <doc>.<lang>.xlf',
    '  --all                  every target language: one file per language',
    '  --version 2.0|1.2      XLIFF version (default 2.0)',
    '  --scope all|todo       every segment, or only untranslated and stale ones (default all)',
    '  --profile generic|omegat  omegat: untranslated units carry their source as the target,',
    '                         marked needs-translation (OmegaT shows nothing without a target;',
    '                         use --version 1.2 for OmegaT, which reads no XLIFF 2). Default generic',
    '  --out PATH             with --lang: a file, a directory, or - for standard output;',
    '                         with --all: a directory (the files are unpacked into it) or',
    '                         a name ending in .zip (the zip is saved as it is).',
    '                         Default: the current directory.',
    '',
    'Every export is recorded on the server, so that importing the file back can tell what',
    'changed on the server since.',
    '',
    CONNECTION_USAGE,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      ...CONNECTION_OPTIONS,
      doc: { type: 'string' },
      lang: { type: 'string' },
      all: { type: 'boolean' },
      version: { type: 'string' },
      scope: { type: 'string' },
      profile: { type: 'string' },
      out: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const doc = required(values.doc, 'doc');
    if ((values.lang === undefined) === (values.all === undefined)) throw new UsageError('name one language with --lang, or --all');
    const query = {
      version: oneOf(values.version, 'version', ['2.0', '1.2'], '2.0'),
      scope: oneOf(values.scope, 'scope', ['all', 'todo'], 'all'),
      profile: oneOf(values.profile, 'profile', ['generic', 'omegat'], 'generic'),
    };
    const client = clientFor(values, io);
    if (values.lang !== undefined) {
      const file = await client.download(`/api/documents/${seg(doc)}/xliff/${seg(values.lang)}`, query);
      // Our own name, never the server's: a hostile server (or anyone on plain http) could
      // suggest `../../x` (issue #18).
      const name = `${safeNamePart(doc)}.${safeNamePart(values.lang)}.xlf`;
      if (values.out === '-') {
        io.stdout.write(file.bytes);
        return 0;
      }
      let target = path.resolve(io.cwd, values.out ?? '.');
      if (intoDirectory(values.out, io)) {
        await mkdir(target, { recursive: true });
        target = path.join(target, name);
      }
      await writeFile(target, file.bytes);
      io.stdout.write(`wrote ${target} (${kb(file.bytes.length)})\n`);
      return 0;
    }
    const zip = await client.download(`/api/documents/${seg(doc)}/xliff`, query);
    if (values.out?.toLowerCase().endsWith('.zip')) {
      const target = path.resolve(io.cwd, values.out);
      await writeFile(target, zip.bytes);
      io.stdout.write(`wrote ${target} (${kb(zip.bytes.length)})\n`);
      return 0;
    }
    await writeZipEntries(zip.bytes, path.resolve(io.cwd, values.out ?? '.'), doc, 'xlf', io);
    return 0;
  },
};

/**
 * A downloaded zip's files written into `dir` (created if needed), each under the name
 * `zipEntryName` allows, and reported on stdout: what `export --all` and `site` write.
 */
export async function writeZipEntries(zip: Uint8Array, dir: string, doc: string, extension: string, io: CliIo): Promise<void> {
  await mkdir(dir, { recursive: true });
  const taken = new Set<string>();
  for (const [i, [entry, bytes]] of Object.entries(unzipSync(zip)).entries()) {
    const target = path.join(dir, zipEntryName(entry, `${safeNamePart(doc)}.${i + 1}.${extension}`, taken, extension));
    await writeFile(target, bytes);
    io.stdout.write(`wrote ${target} (${kb(bytes.length)})\n`);
  }
}

/** A document id or language code as part of a file name: letters, digits, `.`, `_`, `-` only. */
export function safeNamePart(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[._-]+/, '') || 'document';
}

/**
 * The name a zip entry is saved under in the --out directory: its base name when that is a
 * plain name with the expected extension (letters, digits, `.`, `_`, `-`, not hidden) not used
 * yet, else `fallback`. So no entry reaches outside the directory, hides, or overwrites another.
 */
export function zipEntryName(entry: string, fallback: string, taken: Set<string>, extension = 'xlf'): string {
  const base = entry.split(/[\\/]/).pop() ?? '';
  const plain = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(base) && base.endsWith(`.${extension}`);
  const name = plain && !taken.has(base) ? base : fallback;
  taken.add(name);
  return name;
}

/** `--out` names a directory when it is one already, ends with a slash, or is not given. */
function intoDirectory(out: string | undefined, io: CliIo): boolean {
  if (out === undefined || out.endsWith('/') || out.endsWith(path.sep)) return true;
  const abs = path.resolve(io.cwd, out);
  return existsSync(abs) && statSync(abs).isDirectory();
}

export const kb = (bytes: number): string => (bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`);
