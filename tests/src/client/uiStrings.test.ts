import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The UI's own strings through XLIFF (client/tools/uiStrings.ts, `npm run ui-strings`): every
 * locale file survives export → import unchanged in both versions, a translator's edit comes
 * back, a file made from other English is refused as a whole, a translation that loses a
 * placeholder is refused (and nothing else is lost), and the exports are schema-valid.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LOCALES = path.join(ROOT, 'client/src/locales');

type LocaleTree = { [key: string]: string | LocaleTree };
type Version = '2.0' | '1.2';
interface Report {
  lang: string;
  version: Version;
  refusedFile: boolean;
  sourceMismatches: { key: string; reason: string }[];
  refused: { key: string; reason: string }[];
  applied: string[];
  unchanged: number;
  untranslated: string[];
  obsolete: string[];
}

// A computed path, as in clientModule.ts: the tests' TypeScript project must not pull client/ files in.
const toolsModule = path.join(ROOT, 'client/tools/uiStrings.ts');
const { exportUiStrings, importUiStrings } = (await import(toolsModule)) as {
  exportUiStrings(en: LocaleTree, lang: string, current: LocaleTree | undefined, version: Version): Promise<string>;
  importUiStrings(xml: string, en: LocaleTree, currentOf: (lang: string) => LocaleTree | undefined): Promise<{ report: Report; json?: string }>;
};

const text = (lang: string) => readFileSync(path.join(LOCALES, `${lang}.json`), 'utf8');
const load = (lang: string) => JSON.parse(text(lang)) as LocaleTree;
const en = load('en');
const currentOf = (lang: string) => (existsSync(path.join(LOCALES, `${lang}.json`)) ? load(lang) : undefined);
const targetLanguages = readdirSync(LOCALES)
  .map((name) => name.replace(/\.json$/, ''))
  .filter((lang) => lang !== 'en')
  .sort();
const versions: Version[] = ['2.0', '1.2'];

/** Replaces the target (or, with `element: 'source'`, the source) of unit `id` in an exported file. */
function rewrite(xml: string, id: string, replace: (old: string) => string, element: 'source' | 'target' = 'target'): string {
  const unit = new RegExp(`(<(?:unit|trans-unit) id="${id.replace(/\./g, '\\.')}">[\\s\\S]*?<${element}>)([^<]*)(</${element}>)`);
  expect(xml).toMatch(unit);
  return xml.replace(unit, (_, open: string, old: string, close: string) => `${open}${replace(old)}${close}`);
}

test('there are locale files to translate', () => {
  expect(targetLanguages).toEqual(expect.arrayContaining(['ko', 'ru', 'hi']));
});

describe.each(versions)('XLIFF %s', (version) => {
  test.each(targetLanguages)('%s.json survives export → import byte for byte', async (lang) => {
    const xml = await exportUiStrings(en, lang, load(lang), version);
    const { report, json } = await importUiStrings(xml, en, currentOf);
    expect(report).toMatchObject({ lang, version, refusedFile: false, refused: [], applied: [], untranslated: [], obsolete: [] });
    expect(json).toBe(text(lang));
  });

  test('Russian gets its four plural forms, each with the English it translates', async () => {
    const xml = await exportUiStrings(en, 'ru', load('ru'), version);
    for (const category of ['one', 'few', 'many', 'other']) expect(xml).toContain(`id="editor.draftsCount_${category}"`);
    expect(rewrite(xml, 'editor.draftsCount_few', (s) => s, 'source')).toContain('{{count, number}} unsaved drafts</source>');
  });

  test('a translator’s changed target is imported; everything else stays as it was', async () => {
    const xml = rewrite(await exportUiStrings(en, 'ko', load('ko'), version), 'signIn.documentTitle', () => '로그인 · {{app}} (새 번역)');
    const { report, json } = await importUiStrings(xml, en, currentOf);
    expect(report).toMatchObject({ refusedFile: false, refused: [], applied: ['signIn.documentTitle'] });
    const expected = load('ko');
    (expected.signIn as LocaleTree).documentTitle = '로그인 · {{app}} (새 번역)';
    expect(json).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  test('a file whose English no longer matches en.json is refused as a whole, naming the keys', async () => {
    let xml = rewrite(await exportUiStrings(en, 'fr', load('fr'), version), 'nav.documents', () => 'Papers', 'source');
    xml = rewrite(xml, 'nav.label', () => 'Menu principal (nouveau)');
    const { report, json } = await importUiStrings(xml, en, currentOf);
    expect(json).toBeUndefined();
    expect(report.refusedFile).toBe(true);
    expect(report.sourceMismatches).toEqual([{ key: 'nav.documents', reason: expect.stringContaining('"Papers"') }]);
  });

  test('a translation that drops a placeholder is refused with a message; the rest is applied', async () => {
    let xml = rewrite(await exportUiStrings(en, 'hi', load('hi'), version), 'signIn.documentTitle', (old) => old.replace('{{app}}', 'Lockstep'));
    xml = rewrite(xml, 'nav.label', () => 'मुख्य मेनू (नया)');
    const { report, json } = await importUiStrings(xml, en, currentOf);
    expect(report.refused).toEqual([{ key: 'signIn.documentTitle', reason: 'drops {{app}}' }]);
    expect(report.applied).toEqual(['nav.label']);
    const written = JSON.parse(json!) as LocaleTree;
    expect((written.signIn as LocaleTree).documentTitle).toBe((load('hi').signIn as LocaleTree).documentTitle);
    expect((written.nav as LocaleTree).label).toBe('मुख्य मेनू (नया)');
  });

  test('a <Trans> tag lost from the target is refused too', async () => {
    const xml = rewrite(await exportUiStrings(en, 'es', load('es'), version), 'editor.subtitle', () => 'Traducción al {{autonym}}');
    const { report } = await importUiStrings(xml, en, currentOf);
    expect(report.refused).toEqual([{ key: 'editor.subtitle', reason: expect.stringContaining('<language>') }]);
  });

  test('units missing from the file or left without target keep their translation, never dropped', async () => {
    let xml = await exportUiStrings(en, 'pt', load('pt'), version);
    xml = xml.replace(/<(unit|trans-unit) id="nav\.label">[\s\S]*?<\/\1>\s*/, '');
    xml = xml.replace(/(<(?:unit|trans-unit) id="nav\.documents">[\s\S]*?)<target>[^<]*<\/target>\s*/, '$1');
    const { report, json } = await importUiStrings(xml, en, currentOf);
    expect(report.untranslated).toEqual(['nav.label', 'nav.documents']);
    expect(json).toBe(text('pt'));
  });
});

test('a language without a locale file yet: every unit without target; the import creates the file', async () => {
  const xml = await exportUiStrings(en, 'de', undefined, '2.0');
  expect(xml).not.toContain('<target>');
  const translated = xml.replace(/(<unit id="nav\.label">[\s\S]*?<source>Main<\/source>)/, '$1<target>Hauptmenü</target>');
  expect(translated).toContain('<target>Hauptmenü</target>');
  const { report, json } = await importUiStrings(translated, en, () => undefined);
  expect(report.applied).toEqual(['nav.label']);
  expect(JSON.parse(json!)).toEqual({ nav: { label: 'Hauptmenü' } });
});

test('a file cut short is refused, not imported as far as it goes', async () => {
  const xml = await exportUiStrings(en, 'ko', load('ko'), '2.0');
  await expect(importUiStrings(xml.slice(0, xml.length / 2), en, currentOf)).rejects.toThrow(/not a complete XLIFF file/);
});

const SCHEMAS = path.join(ROOT, '../shared/xliff/schemas');
const XSD: Record<Version, string> = { '2.0': 'xliff_core_2.0.xsd', '1.2': 'xliff-core-1.2-strict.xsd' };
const canValidate = existsSync(SCHEMAS) && spawnSync('xmllint', ['--version']).status === 0;

/** xmllint against the strict OASIS schema, as tests/src/shared/xliff.writer.test.ts validates the document exports. */
function validate(file: string, version: Version): { status: number | null; stderr: string } {
  const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', path.join(SCHEMAS, XSD[version]), file], {
    env: { ...process.env, XML_CATALOG_FILES: path.join(SCHEMAS, 'catalog.xml') },
    encoding: 'utf8',
  });
  return { status: r.status, stderr: r.stderr };
}

describe('npm run ui-strings', () => {
  const npm = (args: string[]) => spawnSync('npm', ['run', '--silent', 'ui-strings', '--', ...args], { cwd: ROOT, encoding: 'utf8' });

  test.each(versions)('export writes one file per language (XLIFF %s), schema-valid when the schemas are around', (version) => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'ui-strings-'));
    const r = npm(['export', '--out', out, '--version', version]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(targetLanguages.map((lang) => `lockstep-ui.${lang}.xlf`));
    if (!canValidate) return; // ../shared/xliff/schemas or xmllint (libxml2-utils) missing
    for (const file of readdirSync(out)) {
      expect([file, validate(path.join(out, file), version)]).toEqual([file, { status: 0, stderr: expect.stringContaining('validates') }]);
    }
  });

  test('import writes the translated locale; a refused file leaves it untouched and exits 1', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'ui-strings-'));
    const locales = path.join(out, 'locales');
    cpSync(LOCALES, locales, { recursive: true });
    expect(npm(['export', '--out', out, '--lang', 'ru', '--locales', locales]).status).toBe(0);
    const file = path.join(out, 'lockstep-ui.ru.xlf');
    const exported = readFileSync(file, 'utf8');

    writeFileSync(file, rewrite(exported, 'nav.label', () => 'Главное меню'));
    const applied = npm(['import', file, '--locales', locales]);
    expect(applied.status).toBe(0);
    expect(applied.stdout).toContain('1 changed');
    expect((JSON.parse(readFileSync(path.join(locales, 'ru.json'), 'utf8')).nav as LocaleTree).label).toBe('Главное меню');

    const before = readFileSync(path.join(locales, 'ru.json'), 'utf8');
    writeFileSync(file, rewrite(exported, 'nav.label', () => 'Menu', 'source'));
    const refused = npm(['import', file, '--locales', locales]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('nav.label');
    expect(readFileSync(path.join(locales, 'ru.json'), 'utf8')).toBe(before);
  });
});
