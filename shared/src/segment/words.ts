import type { LanguageCode } from '../languages.js';

/*
 * Source word counts, as translators and CAT tools count them: runs of letters, marks and
 * digits, kept whole across inner apostrophes, hyphens and dots (`don't`, `Russian-speaking`,
 * `3.14`, `U.S`) and digit groups (`1,000`). Korean counts eojeol (space-separated units) and
 * Hindi keeps its vowel signs and viramas inside words, which is what Intl.Segmenter's
 * `isWordLike` words give for these scripts too, at a fraction of the cost.
 */
const WORD_PART = '[\\p{L}\\p{M}\\p{N}\\u200C\\u200D]+';
const WORD = new RegExp(`${WORD_PART}(?:(?:['’\\-‐‑.·@]|(?<=\\p{N})[,.](?=\\p{N}))${WORD_PART})*`, 'gu');
/** Scripts written without spaces between words: only Intl.Segmenter's dictionaries can count them. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const wordSegmenters = new Map<string, Intl.Segmenter>();

function countWithIntl(text: string, lang: string): number {
  let segmenter = wordSegmenters.get(lang);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
    wordSegmenters.set(lang, segmenter);
  }
  let n = 0;
  for (const s of segmenter.segment(text)) if (s.isWordLike) n++;
  return n;
}

export function countWords(text: string, lang: LanguageCode): number {
  if (UNSPACED.test(text)) return countWithIntl(text, lang);
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}
