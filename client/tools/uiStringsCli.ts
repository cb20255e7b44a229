/**
 * `npm run ui-strings -- export --out DIR [--version 1.2] [--lang xx]…`
 * `npm run ui-strings -- import FILE…`
 * Both take `--locales DIR` (default client/src/locales). The logic is in uiStrings.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SOURCE_LANGUAGE, exportUiStrings, importUiStrings, type LocaleTree, type UiImportReport, type UiXliffVersion } from './uiStrings.js';

const DEFAULT_LOCALES = fileURLToPath(new URL('../src/locales/', import.meta.url));

const USAGE = `usage:
  npm run ui-strings -- export --out DIR [--version 2.0|1.2] [--lang xx]... [--locales DIR]
      one XLIFF file per UI language (DIR/lockstep-ui.<lang>.xlf); --lang also starts a new language
  npm run ui-strings -- import FILE... [--locales DIR]
      writes each translated file back into <locales>/<lang>.json`;

class UsageError extends Error {}

function readLocale(dir: string, lang: string): LocaleTree | undefined {
  const file = path.join(dir, `${lang}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LocaleTree) : undefined;
}

function localeLanguages(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => /^([A-Za-z-]+)\.json$/.exec(name)?.[1] ?? [])
    .filter((lang) => lang !== SOURCE_LANGUAGE)
    .sort();
}

async function runExport(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, version: { type: 'string', default: '2.0' }, lang: { type: 'string', multiple: true }, locales: { type: 'string', default: DEFAULT_LOCALES } },
  });
  if (!values.out) throw new UsageError('export needs --out DIR');
  if (values.version !== '2.0' && values.version !== '1.2') throw new UsageError(`--version must be 2.0 or 1.2, not ${values.version}`);
  const version: UiXliffVersion = values.version;
  const en = readLocale(values.locales, SOURCE_LANGUAGE);
  if (!en) throw new UsageError(`no ${SOURCE_LANGUAGE}.json in ${values.locales}`);
  mkdirSync(values.out, { recursive: true });
  for (const lang of values.lang ?? localeLanguages(values.locales)) {
    const file = path.join(values.out, `lockstep-ui.${lang}.xlf`);
    writeFileSync(file, await exportUiStrings(en, lang, readLocale(values.locales, lang), version));
    console.log(`${file}  (XLIFF ${version}, ${lang})`);
  }
  return 0;
}

function describe(file: string, r: UiImportReport): string {
  const lines = [`${file}: ${r.lang}, XLIFF ${r.version}`];
  if (r.refusedFile) {
    lines.push(`  refused: its English no longer matches en.json for ${r.sourceMismatches.length} key(s) — export again and carry the work over:`);
    for (const m of r.sourceMismatches) lines.push(`    ${m.key}: ${m.reason}`);
    return lines.join('\n');
  }
  lines.push(`  ${r.applied.length} changed, ${r.unchanged} unchanged, ${r.untranslated.length} without translation in the file (kept as they were)`);
  for (const m of r.refused) lines.push(`  refused ${m.key}: ${m.reason} (kept as it was)`);
  if (r.obsolete.length) lines.push(`  kept ${r.obsolete.length} key(s) en.json no longer has: ${r.obsolete.join(', ')}`);
  return lines.join('\n');
}

async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { locales: { type: 'string', default: DEFAULT_LOCALES } } });
  if (positionals.length === 0) throw new UsageError('import needs at least one FILE');
  const en = readLocale(values.locales, SOURCE_LANGUAGE);
  if (!en) throw new UsageError(`no ${SOURCE_LANGUAGE}.json in ${values.locales}`);
  let status = 0;
  for (const file of positionals) {
    try {
      const { report, json } = await importUiStrings(readFileSync(file, 'utf8'), en, (lang) => readLocale(values.locales, lang));
      if (json !== undefined) writeFileSync(path.join(values.locales, `${report.lang}.json`), json);
      console.log(describe(file, report));
      if (report.refusedFile || report.refused.length) status = 1;
    } catch (error) {
      console.error(`${file}: refused: ${(error as Error).message}`);
      status = 1;
    }
  }
  return status;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'export') return await runExport(rest);
    if (command === 'import') return await runImport(rest);
    if (command === '--help' || command === '-h') {
      console.log(USAGE);
      return 0;
    }
    throw new UsageError(command ? `unknown command ${command}` : 'no command');
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
