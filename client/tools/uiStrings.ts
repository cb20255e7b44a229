/**
 * The UI's own strings through XLIFF: the client's i18next resources (client/src/locales/*.json,
 * JSON v4, en is the source) to one XLIFF file per language and back, so the translators who
 * translate documents in their CAT tools can translate Lockstep itself.
 *
 * The `xliff` package does the XML both ways: converting i18next resources is its intended job
 * (the document workflow uses our own writer and reader, see shared/design xliff.md). Everything
 * here is pure: the command line (uiStringsCli.ts) reads and writes the files.
 *
 * Units are the dotted i18next keys (unique within the file by construction, which XLIFF 2.0
 * requires of unit ids). Plural keys follow the target language: Russian gets `x_one`, `x_few`,
 * `x_many`, `x_other`, each with the English form it translates (`one` → `x_one`, every other
 * category → `x_other`) as its source. Placeholders (`{{count, number}}`) and <Trans> tags
 * (`<language>…</language>`) stay plain text, listed in each unit's note; the import checks them.
 */
import createxliff from 'xliff/createxliff';
import createxliff12 from 'xliff/createxliff12';
import xliff2js, { type XliffUnitJs, type XliffValue } from 'xliff/xliff2js';
import xliff12ToJs from 'xliff/xliff12ToJs';

export type LocaleTree = { [key: string]: string | LocaleTree };
export type UiXliffVersion = '2.0' | '1.2';

export const SOURCE_LANGUAGE = 'en';
/** The i18next namespace the client uses; it is the XLIFF `<file>` id (1.2: `original`). */
export const NAMESPACE = 'translation';

const PLURAL_SUFFIX = /^(.+)_(zero|one|two|few|many|other)$/;
/** CLDR order, which is also the order of the keys in our locale files. */
const CATEGORY_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];
const PLACEHOLDER = /\{\{[^{}]+\}\}/g;
/** `<language>…</language>` and the like: components of <Trans>. */
const TAG = /<\/?[A-Za-z][\w-]*\s*\/?>/g;

/** The plural categories i18next asks for in `lang` (it resolves them through Intl.PluralRules). */
export function pluralCategories(lang: string): string[] {
  // Node and the browsers know Tagalog as Filipino (`fil`), with the same rules.
  const categories = new Intl.PluralRules(lang === 'tl' ? 'fil' : lang).resolvedOptions().pluralCategories;
  return CATEGORY_ORDER.filter((c) => categories.includes(c as Intl.LDMLPluralRule));
}

/** Leaf keys as dotted paths (i18next's keySeparator) → values, in file order. */
export function flattenLocale(tree: LocaleTree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) flattenLocale(value, full, out);
    else throw new Error(`${full}: not a string or an object`);
  }
  return out;
}

/** One translatable string of a target language: its key, the English it translates, the checks. */
export interface UiUnit {
  key: string;
  source: string;
  /** Placeholders the translation must keep (those of its source). */
  required: string[];
  /** Placeholders it may use: those of every English form of the key (a `one` form may show the count). */
  allowed: string[];
  tags: string[];
  note: string;
}

const distinct = (values: Iterable<string>) => [...new Set(values)].sort();
const placeholdersOf = (text: string) => distinct(text.match(PLACEHOLDER) ?? []);
const tagsOf = (text: string) => distinct(text.match(TAG) ?? []);

/** The units of `lang` in en.json's key order, plural groups expanded to the language's categories. */
export function unitsFor(en: LocaleTree, lang: string): UiUnit[] {
  const english = flattenLocale(en);
  const pluralForms = new Map<string, Map<string, string>>();
  for (const [key, value] of english) {
    const m = PLURAL_SUFFIX.exec(key);
    if (m) pluralForms.set(m[1], (pluralForms.get(m[1]) ?? new Map()).set(m[2], value));
  }
  const units: UiUnit[] = [];
  const seenBases = new Set<string>();
  for (const [key, value] of english) {
    const m = PLURAL_SUFFIX.exec(key);
    const forms = m ? pluralForms.get(m[1]) : undefined;
    if (!m || !forms?.has('other')) {
      units.push(unit(key, value, [value], ''));
      continue;
    }
    if (seenBases.has(m[1])) continue;
    seenBases.add(m[1]);
    for (const category of pluralCategories(lang)) {
      const form = forms.has(category) && category !== 'other' ? category : 'other';
      const plural = `Plural form “${category}” of ${lang}; the English shown is its “${form}” form.`;
      units.push(unit(`${m[1]}_${category}`, forms.get(form)!, [...forms.values()], plural));
    }
  }
  return units;
}

function unit(key: string, source: string, englishForms: string[], note: string): UiUnit {
  const required = placeholdersOf(source);
  const tags = tagsOf(source);
  const keep = [...required, ...tags];
  const notes = [note, keep.length ? `Keep as they are: ${keep.join(' ')}` : ''].filter(Boolean);
  return { key, source, required, allowed: distinct(englishForms.flatMap(placeholdersOf)), tags, note: notes.join(' ') };
}

/** One XLIFF file for `lang`: every unit with its English source and, where there is one, the current translation. */
export async function exportUiStrings(en: LocaleTree, lang: string, current: LocaleTree | undefined, version: UiXliffVersion): Promise<string> {
  if (lang === SOURCE_LANGUAGE) throw new Error(`${SOURCE_LANGUAGE} is the source language: there is nothing to translate into it`);
  const translated = current ? flattenLocale(current) : new Map<string, string>();
  const sources: Record<string, string> = {};
  const targets: Record<string, string> = {};
  const notes: Record<string, string> = {};
  for (const u of unitsFor(en, lang)) {
    sources[u.key] = u.source;
    const target = translated.get(u.key);
    if (target !== undefined) targets[u.key] = target;
    if (u.note) notes[u.key] = u.note;
  }
  const create = version === '1.2' ? createxliff12 : createxliff;
  return `${await create(SOURCE_LANGUAGE, lang, sources, targets, NAMESPACE, undefined, notes)}\n`;
}

/** Why one key of an imported file was not applied. */
export interface RefusedKey {
  key: string;
  reason: string;
}

export interface UiImportReport {
  lang: string;
  version: UiXliffVersion;
  /** The file was refused as a whole: it was made from other English strings than en.json's. */
  refusedFile: boolean;
  /** Keys whose source in the file is not the English of en.json (or no longer exists there). */
  sourceMismatches: RefusedKey[];
  /** Keys whose translation was refused (placeholders, tags, inline elements); their old value is kept. */
  refused: RefusedKey[];
  /** Keys whose translation changed. */
  applied: string[];
  unchanged: number;
  /** Keys the file has no translation for; the current translation (if any) is kept. */
  untranslated: string[];
  /** Keys of the current locale file that en.json no longer has: kept at the end, never dropped silently. */
  obsolete: string[];
}

export interface UiImportResult {
  report: UiImportReport;
  /** The new locale file's text (absent when the file was refused). */
  json?: string;
}

/** Reads an XLIFF file made by exportUiStrings (or a CAT tool's translation of one). */
export async function readUiXliff(xml: string): Promise<{ version: UiXliffVersion; lang: string; units: Map<string, XliffUnitJs> }> {
  // The package's parser accepts a file cut short as whatever it read: require the end of the root.
  if (!/<\/(?:[\w-]+:)?xliff>\s*$/.test(xml)) throw new Error('not a complete XLIFF file: it does not end with </xliff>');
  const version: UiXliffVersion | undefined = /urn:oasis:names:tc:xliff:document:2\.0/.test(xml)
    ? '2.0'
    : /urn:oasis:names:tc:xliff:document:1\.2/.test(xml)
      ? '1.2'
      : undefined;
  if (!version) throw new Error('not XLIFF 2.0 or 1.2 (namespace urn:oasis:names:tc:xliff:document:2.0 or :1.2)');
  const js = await (version === '2.0' ? xliff2js(xml) : xliff12ToJs(xml));
  if (js.sourceLanguage !== SOURCE_LANGUAGE) throw new Error(`source language is “${js.sourceLanguage ?? ''}”, expected “${SOURCE_LANGUAGE}”`);
  const lang = js.targetLanguage ?? '';
  if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(lang) || lang === SOURCE_LANGUAGE) throw new Error(`target language “${lang}” is not a UI language`);
  const files = Object.keys(js.resources ?? {});
  if (files.length !== 1 || files[0] !== NAMESPACE) throw new Error(`expected one <file> “${NAMESPACE}”, found: ${files.join(', ') || 'none'}`);
  const units = new Map<string, XliffUnitJs>();
  for (const [id, u] of Object.entries(js.resources[NAMESPACE])) units.set(id, u);
  return { version, lang, units };
}

/** The plain text of a value, or undefined when it carries inline elements (the export writes none). */
function plainText(value: XliffValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('');
  return undefined;
}

/** Why `target` may not replace the translation of `u`, or undefined when it may. */
export function placeholderProblem(u: UiUnit, target: string): string | undefined {
  const has = placeholdersOf(target);
  const dropped = u.required.filter((p) => !has.includes(p));
  if (dropped.length) return `drops ${dropped.join(' ')}`;
  const unknown = has.filter((p) => !u.allowed.includes(p));
  if (unknown.length) return `adds ${unknown.join(' ')}, which the English does not have`;
  const tags = tagsOf(target);
  const tagDiff = [...u.tags.filter((t) => !tags.includes(t)), ...tags.filter((t) => !u.tags.includes(t))];
  if (tagDiff.length) return `tags differ from the English: ${tagDiff.join(' ')}`;
  return undefined;
}

/**
 * Applies a translated file to the current locale of its language. The result keeps en.json's key
 * order; keys the file does not translate keep their current value; a file whose sources are not
 * en.json's any more is refused as a whole (the translator worked from other English).
 */
export async function importUiStrings(xml: string, en: LocaleTree, currentOf: (lang: string) => LocaleTree | undefined): Promise<UiImportResult> {
  const { version, lang, units: fileUnits } = await readUiXliff(xml);
  const current = currentOf(lang);
  const old = current ? flattenLocale(current) : new Map<string, string>();
  const expected = unitsFor(en, lang);
  const report: UiImportReport = { lang, version, refusedFile: false, sourceMismatches: [], refused: [], applied: [], unchanged: 0, untranslated: [], obsolete: [] };

  const byKey = new Map(expected.map((u) => [u.key, u]));
  for (const [id, u] of fileUnits) {
    const wanted = byKey.get(id);
    const source = plainText(u.source);
    if (!wanted) report.sourceMismatches.push({ key: id, reason: 'en.json has no such key (any more)' });
    else if (u.groupUnits) report.sourceMismatches.push({ key: id, reason: 'a group, not a unit' });
    else if (source !== wanted.source) report.sourceMismatches.push({ key: id, reason: `source is ${JSON.stringify(source ?? u.source)}, en.json has ${JSON.stringify(wanted.source)}` });
  }
  if (report.sourceMismatches.length) return { report: { ...report, refusedFile: true } };

  const values = new Map<string, string>();
  for (const u of expected) {
    const inFile = fileUnits.get(u.key);
    const target = inFile?.target === undefined ? undefined : plainText(inFile.target);
    const before = old.get(u.key);
    const keep = () => {
      if (before !== undefined) values.set(u.key, before);
    };
    if (inFile?.target !== undefined && target === undefined) {
      report.refused.push({ key: u.key, reason: 'the target has XLIFF inline elements; write placeholders and tags as plain text' });
      keep();
    } else if (target === undefined || (target === '' && u.source !== '')) {
      report.untranslated.push(u.key);
      keep();
    } else {
      const problem = placeholderProblem(u, target);
      if (problem) {
        report.refused.push({ key: u.key, reason: problem });
        keep();
      } else {
        values.set(u.key, target);
        if (target === before) report.unchanged += 1;
        else report.applied.push(u.key);
      }
    }
  }
  for (const [key, value] of old) {
    if (!byKey.has(key)) {
      report.obsolete.push(key);
      values.set(key, value);
    }
  }
  return { report, json: serialiseLocale(unflatten(values)) };
}

/** Dotted keys back into nested objects, in the order given. */
function unflatten(values: Map<string, string>): LocaleTree {
  const root: LocaleTree = {};
  for (const [key, value] of values) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      node = (typeof next === 'object' ? next : (node[part] = {})) as LocaleTree;
    }
    node[parts[parts.length - 1]] = value;
  }
  return root;
}

/** The locale files' own format: two-space JSON and a final newline. */
export function serialiseLocale(tree: LocaleTree): string {
  return `${JSON.stringify(tree, null, 2)}\n`;
}
