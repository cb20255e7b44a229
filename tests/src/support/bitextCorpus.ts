import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LANGUAGES,
  plainOfCoded,
  segmentMarkdown,
  translatedMarkdown,
  type BitextPair,
  type BitextResult,
  type BitextSourceSegment,
  type LanguageCode,
  type Segment,
  type SourceRun,
} from '@lockstep/shared';

/*
 * Synthetic published translations for the aligner's tests: the demo statement rendered with
 * its demo translations (fixtures/statement/translations) through the translated-Markdown
 * renderer, segments without a demo translation given a pseudo-translation in the target's
 * script, then perturbed the way translators do: sentences merged and split, a sentence left
 * out, paragraphs swapped, a paragraph of their own added.
 */

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/statement');
export const STATEMENT = readFileSync(path.join(FIXTURES, 'statement.md'), 'utf8');

interface FixtureFile {
  segments: { source: string; text: string }[];
}

function fixtureTranslations(lang: LanguageCode): Map<string, string> {
  try {
    const file = JSON.parse(readFileSync(path.join(FIXTURES, 'translations', `${lang}.json`), 'utf8')) as FixtureFile;
    return new Map(file.segments.map((s) => [s.source, s.text.normalize('NFC')]));
  } catch {
    return new Map();
  }
}

const ALPHABETS: Record<string, string> = {
  Hang: '가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주',
  Deva: 'कखगचजटडतदनपबमयरलवसहािीुेो',
  Cyrl: 'абвгдежзиклмнопрстуфхцчшыэюя',
  Grek: 'αβγδεζηθικλμνξοπρστυφχψω',
  Latn: 'abdeghiklmnoprstuy',
};

function hash(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return h >>> 0;
}

/** A word of the target's script, about as long as that language writes it; names stay. */
function pseudoWord(word: string, lang: LanguageCode): string {
  const script = LANGUAGES[lang].script;
  if (/^\p{Lu}/u.test(word) && (script !== 'Latn' ? /^\p{Lu}+$/u.test(word) : true)) return word;
  const ratio = { ko: 0.5, hi: 1, ru: 1.05, el: 1.1, tl: 1.2, es: 1.1, pt: 1.1, fr: 1.15, en: 1 }[lang];
  const letters = ALPHABETS[script];
  const n = Math.max(1, Math.round([...word].length * ratio));
  let h = hash(word + lang);
  let out = '';
  // Latin pseudo words alternate consonants and vowels: a word without a vowel reads as an
  // abbreviation to the segmenter.
  const latin = script === 'Latn';
  for (let k = 0; k < n; k++) {
    const pool = latin ? [...(k % 2 ? 'aeiou' : 'bdghklmnprst')] : [...letters];
    out += pool[h % pool.length];
    h = Math.imul(h, 1103515245) + 12345;
    h >>>= 0;
  }
  // A capital stays a capital where the script has case: it is what starts a sentence.
  return /^\p{Lu}/u.test(word) ? out.charAt(0).toLocaleUpperCase() + out.slice(1) : out;
}

/** Pseudo-translation of a coded text: words replaced, codes, digits and punctuation kept. */
export function pseudoTranslate(coded: string, lang: LanguageCode): string {
  return coded.replace(/(<\/?\d+\/?>)|([\p{L}][\p{L}\p{M}'’]*)(?=([.!?]?))/gu, (m, code: string | undefined, _w, end: string) => {
    if (code) return m;
    const word = pseudoWord(m, lang);
    // A short word before a full stop reads as an abbreviation to the segmenter ("pt."): a real
    // sentence does not end on one, so neither does a pseudo one.
    return end && [...word].length < 4 ? word + word : word;
  });
}

export interface Corpus {
  source: BitextSourceSegment[];
  /** The expected target text (plain) per translatable segment id. */
  expected: Map<string, string>;
  markdown: string;
  sourceLang: LanguageCode;
  targetLang: LanguageCode;
}

function toSource(segments: readonly Segment[], texts?: ReadonlyMap<number, string>): BitextSourceSegment[] {
  return segments.map((s) => ({
    id: `seg${s.index}`,
    blockIndex: s.blockIndex,
    blockKind: s.blockKind,
    text: texts?.get(s.index) ?? s.text,
    plain: texts ? plainOfCoded(texts.get(s.index) ?? s.text) : s.plain,
    runs: s.runs,
    translatable: s.translatable,
    wrapper: s.wrapper ?? null,
  }));
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Every translatable segment of the statement translated into `lang` and rendered. */
export function statementCorpus(lang: LanguageCode): Corpus {
  const doc = segmentMarkdown(STATEMENT, 'en');
  const translatable = doc.segments.filter((s) => s.translatable);
  if (lang === 'en') {
    // The other direction: the Spanish translation as the stored source, the English original as the published text.
    const es = fixtureTranslations('es');
    const texts = new Map(translatable.map((s) => [s.index, es.get(s.text) ?? pseudoTranslate(s.text, 'es')]));
    return {
      source: toSource(doc.segments, texts).map((s) => ({ ...s, translatable: doc.segments[Number(s.id.slice(3))].translatable })),
      expected: new Map(translatable.map((s) => [`seg${s.index}`, norm(s.plain)])),
      markdown: STATEMENT,
      sourceLang: 'es',
      targetLang: 'en',
    };
  }
  const fixture = fixtureTranslations(lang);
  const translations = new Map(translatable.map((s) => [`seg${s.index}`, fixture.get(s.text) ?? pseudoTranslate(s.text, lang)]));
  const splice = doc.segments.map((s) => ({ id: `seg${s.index}`, blockIndex: s.blockIndex, runs: s.runs, translatable: s.translatable, wrapper: s.wrapper ?? null, breakBefore: s.breakBefore }));
  const rendered = translatedMarkdown(STATEMENT, splice, translations);
  const fellBack = new Set(rendered.fallbacks.map((f) => f.id));
  return {
    source: toSource(doc.segments),
    expected: new Map(translatable.map((s) => [`seg${s.index}`, fellBack.has(`seg${s.index}`) ? norm(s.plain) : norm(plainOfCoded(translations.get(`seg${s.index}`)!))])),
    markdown: rendered.markdown,
    sourceLang: 'en',
    targetLang: lang,
  };
}

/** The expected pairs: segment ids joined by `+` → plain target text. */
export type Truth = Map<string, string>;

export function truthOf(corpus: Corpus): Truth {
  return new Map([...corpus.expected].map(([id, text]) => [id, text]));
}

export function score(result: BitextResult, truth: Truth): { precision: number; recall: number; wrong: string[] } {
  const wrong: string[] = [];
  let correct = 0;
  for (const p of result.pairs) {
    const key = p.segmentIds.join('+');
    if (truth.get(key) === norm(plainOfCoded(p.text))) correct++;
    else wrong.push(`${key}: ${plainOfCoded(p.text).slice(0, 80)} ≠ ${(truth.get(key) ?? '(no pair)').slice(0, 80)}`);
  }
  return { precision: result.pairs.length ? correct / result.pairs.length : 1, recall: truth.size ? correct / truth.size : 1, wrong };
}

export type { BitextPair, SourceRun };
