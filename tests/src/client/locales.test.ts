import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The UI locales (client/src/locales/*.json, i18next JSON v4) against the English source:
 * same keys, every plural category the language needs and no other, the same placeholders,
 * really translated, in the language's script; and every key the client asks for exists in
 * en.json.
 */
const LOCALES = new URL('../../../client/src/locales/', import.meta.url);
const CLIENT_SRC = fileURLToPath(new URL('../../../client/src/', import.meta.url));

/** Each UI language and the script most of its letters must be in. */
const LANGUAGES = {
  es: 'Latin',
  ko: 'Hangul',
  pt: 'Latin',
  el: 'Greek',
  hi: 'Devanagari',
  fr: 'Latin',
  tl: 'Latin',
  ru: 'Cyrillic',
} as const;
type Lang = keyof typeof LANGUAGES;

const PLURAL_SUFFIX = /^(.+)_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{[^{}]+\}\}/g;
/** `<language>…</language>` and the like: components of <Trans>. */
const TAG = /<\/?[A-Za-z][\w-]*\s*\/?>/g;
/** Names that stay as they are in every language, and key names in shortcuts. */
const UNTRANSLATED_TOKENS = /\b(?:Lockstep|XLIFF|HTML|Ctrl|Alt|Shift|Enter|Esc|[A-Z0-9])\b/g;

type Tree = { [key: string]: string | Tree };

function load(lang: string): Tree {
  return JSON.parse(readFileSync(new URL(`${lang}.json`, LOCALES), 'utf8')) as Tree;
}

/** Leaf keys as dotted paths (i18next's keySeparator) → values; every leaf must be a string. */
function flatten(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value, full, out);
    else throw new Error(`${full}: not a string or an object`);
  }
  return out;
}

const en = flatten(load('en'));

/** Base keys that en.json pluralises (`x_one` / `x_other`). */
const pluralBases = new Set([...en.keys()].flatMap((key) => {
  const m = PLURAL_SUFFIX.exec(key);
  return m ? [m[1]] : [];
}));

interface Shape {
  plain: Set<string>;
  plurals: Map<string, Set<string>>;
}

/** Splits the keys into plain ones and plural base keys with their categories. */
function shapeOf(messages: Map<string, string>): Shape {
  const plain = new Set<string>();
  const plurals = new Map<string, Set<string>>();
  for (const key of messages.keys()) {
    const m = PLURAL_SUFFIX.exec(key);
    if (m && pluralBases.has(m[1])) {
      if (!plurals.has(m[1])) plurals.set(m[1], new Set());
      plurals.get(m[1])!.add(m[2]);
    } else {
      plain.add(key);
    }
  }
  return { plain, plurals };
}

const enShape = shapeOf(en);

/** The plural categories i18next will ask for: it resolves them through Intl.PluralRules. */
function pluralCategories(lang: string): string[] {
  // Node and Chromium know Tagalog as Filipino (`fil`), with the same rules.
  return [...new Intl.PluralRules(lang === 'tl' ? 'fil' : lang).resolvedOptions().pluralCategories].sort();
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
const placeholders = (text: string) => sorted(text.match(PLACEHOLDER) ?? []);
const tags = (text: string) => sorted(text.match(TAG) ?? []);

/** The English text a translated key corresponds to: `x_few` and `x_many` translate `x_other`. */
function englishFor(key: string): string | undefined {
  const direct = en.get(key);
  if (direct !== undefined) return direct;
  const m = PLURAL_SUFFIX.exec(key);
  return m && pluralBases.has(m[1]) ? en.get(`${m[1]}_other`) : undefined;
}

/** All the English forms of a key (one for plain keys, each plural form for plural ones). */
function englishForms(key: string): string[] {
  const m = PLURAL_SUFFIX.exec(key);
  if (m && pluralBases.has(m[1])) return [...en.entries()].filter(([k]) => PLURAL_SUFFIX.exec(k)?.[1] === m[1]).map(([, v]) => v);
  return [en.get(key)!];
}

/** Whether the English value has anything to translate besides placeholders, names and key names. */
function translatable(text: string): boolean {
  return /\p{L}/u.test(text.replace(PLACEHOLDER, ' ').replace(TAG, ' ').replace(UNTRANSLATED_TOKENS, ' '));
}

describe('en.json', () => {
  test('plural keys have exactly the English categories (one, other)', () => {
    expect(enShape.plurals.size).toBeGreaterThan(0);
    for (const [base, categories] of enShape.plurals) {
      expect([base, sorted(categories)]).toEqual([base, pluralCategories('en')]);
    }
  });

  describe('every key the client uses exists', () => {
    function sourceFiles(dir: string): string[] {
      return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'locales' ? [] : sourceFiles(full);
        return /\.(tsx?|jsx?)$/.test(entry.name) ? [full] : [];
      });
    }
    const sources = sourceFiles(CLIENT_SRC).map((file) => ({ file: path.relative(CLIENT_SRC, file), text: readFileSync(file, 'utf8') }));

    /** Every match of `re` in the client sources, with its capture group `group`. */
    const found = (re: RegExp, group: number) =>
      sources.flatMap(({ file, text }) => [...text.matchAll(re)].map((m) => ({ file, key: m[group] })));

    const exists = (key: string) => en.has(key) || (en.has(`${key}_one`) && en.has(`${key}_other`));
    const isPrefix = (prefix: string) => [...en.keys()].some((key) => key.startsWith(`${prefix}.`));

    test('static keys: t(\'…\') and i18nKey="…"', () => {
      const used = [
        ...found(/\bt\(\s*(['"])([^'"`]+)\1/g, 2),
        ...found(/\bi18nKey=\{?\s*(['"])([^'"]+)\1/g, 2),
      ];
      expect(used.length).toBeGreaterThan(100);
      expect(used.filter(({ key }) => !exists(key)).map(({ file, key }) => `${file}: ${key}`)).toEqual([]);
    });

    test('dynamic keys: the prefix of every `prefix.${…}` template is a group of keys', () => {
      // Template literals such as `errors.${code}` whose first segment is a top-level key of en.json.
      const topLevel = new Set([...en.keys()].map((key) => key.split('.')[0]));
      const prefixes = found(/`([A-Za-z][\w-]*(?:\.[\w-]+)*)\.\$\{/g, 1)
        .map(({ file, key }) => ({ file, prefix: key }))
        .filter(({ prefix }) => topLevel.has(prefix.split('.')[0]));
      const names = sorted(prefixes.map(({ prefix }) => prefix));
      // The server's error codes and the translation states are looked up this way at least.
      expect(names).toEqual(expect.arrayContaining(['errors', 'states', 'roles', 'codeKinds', 'editor.filters']));
      expect(prefixes.filter(({ prefix }) => !isPrefix(prefix)).map(({ file, prefix }) => `${file}: ${prefix}.*`)).toEqual([]);
    });

    test('and every key of en.json is used: quoted in the client, or under a dynamic prefix', () => {
      // Nine translations of a message nobody sees are work for nothing, and a message left behind
      // by a rewrite reads as if it were still shown.
      const text = sources.map((source) => source.text).join('\n');
      const dynamic = found(/`([A-Za-z][\w-]*(?:\.[\w-]+)*)\.\$\{/g, 1).map(({ key }) => `${key}.`);
      const quoted = (key: string) => ["'", '"', '`'].some((q) => text.includes(`${q}${key}${q}`));
      const unused = sorted([...en.keys()].map((key) => PLURAL_SUFFIX.exec(key)?.[1] ?? key)).filter(
        (key) => !quoted(key) && !dynamic.some((prefix) => key.startsWith(prefix)),
      );
      expect(unused).toEqual([]);
    });
  });
});

describe.each(Object.keys(LANGUAGES) as Lang[])('%s.json', (lang) => {
  const all = flatten(load(lang));
  const shape = shapeOf(all);
  /** Keys with an English counterpart, with it; the key test reports any others. */
  const messages = new Map([...all].flatMap(([key, value]) => {
    const english = englishFor(key);
    return english === undefined ? [] : [[key, value] as const];
  }));

  test('has exactly the keys of en.json (plural suffixes aside)', () => {
    const missing = [...enShape.plain].filter((key) => !shape.plain.has(key));
    const extra = [...shape.plain].filter((key) => !enShape.plain.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    expect(sorted(shape.plurals.keys())).toEqual(sorted(enShape.plurals.keys()));
  });

  test(`plural keys have exactly the categories of Intl.PluralRules('${lang === 'tl' ? 'fil' : lang}')`, () => {
    const expected = pluralCategories(lang);
    for (const base of enShape.plurals.keys()) {
      expect([base, sorted(shape.plurals.get(base) ?? [])]).toEqual([base, expected]);
    }
  });

  test('keeps every placeholder and component tag of the English, and adds none', () => {
    const problems: string[] = [];
    for (const [key, value] of messages) {
      if (!value.trim()) problems.push(`${key}: empty`);
      const english = englishFor(key)!;
      const category = PLURAL_SUFFIX.exec(key)?.[2];
      // A plural form may name the count where English does not (Russian `_one` also covers 21,
      // Filipino `_one` covers 2 and 3), but it needs what the English form of the same kind has.
      const allowed = sorted(englishForms(key).flatMap(placeholders));
      const required = placeholders(category === 'one' ? english : category ? en.get(`${PLURAL_SUFFIX.exec(key)![1]}_other`)! : english);
      const has = placeholders(value);
      for (const p of required) if (!has.includes(p)) problems.push(`${key}: lacks ${p}`);
      for (const p of has) if (!allowed.includes(p)) problems.push(`${key}: adds ${p}`);
      if (tags(value).join() !== tags(english).join()) problems.push(`${key}: tags ${tags(value).join()} ≠ ${tags(english).join()}`);
    }
    expect(problems).toEqual([]);
  });

  test('keeps the leading and trailing spaces of the English (labels around diff words)', () => {
    const edges = (text: string) => [/^\s*/.exec(text)![0].length > 0, /\s*$/.exec(text)![0].length > 0];
    const different = [...messages].filter(([key, value]) => edges(value).join() !== edges(englishFor(key)!).join()).map(([key]) => key);
    expect(different).toEqual([]);
  });

  test('is translated: at least 90% of the translatable values differ from the English', () => {
    const candidates = [...messages].filter(([key]) => translatable(englishFor(key)!));
    const same = candidates.filter(([key, value]) => value === englishFor(key)).map(([key]) => key);
    expect(candidates.length).toBeGreaterThan(150);
    const share = 1 - same.length / candidates.length;
    if (share < 0.9) throw new Error(`${(share * 100).toFixed(1)}% differ; the same as English: ${same.join(', ')}`);
    expect(share).toBeGreaterThanOrEqual(0.9);
  });

  test(`is written in ${LANGUAGES[lang]} script (at least 80% of the letters)`, () => {
    const text = [...messages.values()].join('\n').replace(PLACEHOLDER, ' ').replace(TAG, ' ');
    const letters = text.match(/\p{L}/gu) ?? [];
    // Letters only: Devanagari vowel signs (matras) are marks, not letters.
    const script = new RegExp(`^\\p{Script=${LANGUAGES[lang]}}$`, 'u');
    const inScript = letters.filter((letter) => script.test(letter));
    expect(letters.length).toBeGreaterThan(500);
    expect(inScript.length / letters.length).toBeGreaterThanOrEqual(0.8);
  });
});
