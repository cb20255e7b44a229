import type { LanguageCode } from '../languages.js';
import { CLOSERS, OPENERS, rulesFor, type SentenceRules } from './rules.js';

/*
 * Sentence boundaries = Intl.Segmenter's candidates (plus breaks it misses after `…` or a
 * language's own terminator before a capital), each kept only if the filters of
 * architecture.md agree. When unsure, do not split: a missed break costs a translator a
 * longer segment; a wrong one breaks a sentence in two for eight languages.
 */

const SPACE = /\s/;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
/** A letter (or vowel sign) of a script without case: Hangul, Devanagari. */
const UNCASED_LETTER = /[\p{Lo}\p{M}]/u;
const DIGIT = /\p{N}/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}.'’\-]/u;
const LETTERS = /^[\p{L}\p{M}]+/u;
const CONTRACTION_SHAPE = /^\p{Lu}?\p{Ll}+$/u;
const VOWEL = /[aeiouyæøœåαεηιουωаеёиоуыэюяіїє]/iu;
/**
 * Up to three letters, or four with a capital, of a cased script: the shape of `art`, `pág`,
 * `ст`, `Abs`, `Sect`. Hangul and Devanagari words that short are just words (`썼다`).
 */
const SHORT_WORD = /^(?:[\p{Lu}\p{Ll}]{1,3}|\p{Lu}[\p{Lu}\p{Ll}]{3})$/u;
/** `U.S`, `e.g`, `т.е`, `J.-C`, `Ph.D`: groups of one or two letters joined by dots (not `x.org`). */
const INITIALISM = /^(?:\p{L}\p{M}*(?:\p{L}\p{M}*)?\.-?)+\p{L}\p{M}*(?:\p{L}\p{M}*)?$/u;

/**
 * V8's segment iterator gets slower with the length of the whole string (a 680 kB text takes
 * seconds), so very long texts are cut into windows that restart at a known boundary.
 */
const WINDOW = 8192;

function icuStarts(segmenter: Intl.Segmenter, text: string, out: number[]): void {
  if (text.length <= 2 * WINDOW) {
    for (const s of segmenter.segment(text)) if (s.index > 0) out.push(s.index);
    return;
  }
  let base = 0;
  let size = WINDOW;
  while (base < text.length) {
    const end = Math.min(text.length, base + size);
    const starts: number[] = [];
    for (const s of segmenter.segment(text.slice(base, end))) starts.push(s.index);
    if (end === text.length) {
      for (let i = 1; i < starts.length; i++) out.push(base + starts[i]);
      return;
    }
    // The last two starts may depend on text past the window: keep those before them.
    if (starts.length < 3) {
      size *= 2;
      continue;
    }
    for (let i = 1; i < starts.length - 1; i++) out.push(base + starts[i]);
    base += starts[starts.length - 2];
    size = WINDOW;
  }
}

/** Start of the "word" before a full stop at `dot`: letters, digits, inner dots, hyphens, apostrophes. */
function wordStart(text: string, dot: number): number {
  let i = dot;
  while (i > 0 && WORD_CHAR.test(text[i - 1])) i--;
  while (i < dot && /[.'’-]/.test(text[i])) i++;
  return i;
}

function lowerFirst(w: string): string {
  return w.charAt(0).toLowerCase() + w.slice(1);
}

const has = (set: ReadonlySet<string>, w: string) => set.has(w) || set.has(lowerFirst(w));

/**
 * `Sgt`, `Pvt`, `Bldg`, `Дж`: a capitalised or lower-case word with no vowel is a contraction,
 * not a word (acronyms in capitals such as `BBC` are words that end sentences).
 */
function isContraction(w: string): boolean {
  return CONTRACTION_SHAPE.test(w) && !VOWEL.test(w.normalize('NFD'));
}

type Abbreviation = 'never' | 'final' | 'afterNumber' | 'beforeNumber' | 'ambiguous';

function classify(rules: SentenceRules, w: string): Abbreviation | null {
  if (has(rules.never, w)) return 'never';
  if (has(rules.final, w)) return 'final';
  if (has(rules.afterNumber, w)) return 'afterNumber';
  if (has(rules.beforeNumber, w)) return 'beforeNumber';
  if (has(rules.ambiguous, w)) return 'ambiguous';
  return null;
}

/** Does a full stop end the sentence, given the word before it and what follows at `next`? */
function fullStopEnds(rules: SentenceRules, text: string, dot: number, next: number): boolean {
  if (text[dot - 1] === '.') return UPPER.test(text[next] ?? ''); // an ellipsis written `...`
  const from = wordStart(text, dot);
  const w = text.slice(from, dot);
  if (w === '' || /^[\p{N}.,'’-]+$/u.test(w)) return true;
  // Abbreviations written with a space inside are looked up whole: `т. д.`, `p. ej.`, `EE. UU.`.
  let before = from - 1;
  let kind: Abbreviation | null = null;
  if (text[before] === ' ' && text[before - 1] === '.') {
    const prevFrom = wordStart(text, before - 1);
    const prev = text.slice(prevFrom, before - 1);
    if (prev.length > 0 && prev.length <= 3) kind = classify(rules, `${prev}.${w}`);
    if (kind) before = prevFrom - 1;
  }
  // French and Italian elision: `l’art.` is `art.`.
  const elided = w.replace(/^.*['’]/, '');
  kind ??= classify(rules, w) ?? (elided !== w && elided !== '' ? classify(rules, elided) : null);
  if (kind === null) {
    const initial = rules.initial !== null && rules.initial.test(w) && !rules.singleLetterWords.has(w);
    if (initial || INITIALISM.test(w)) kind = 'ambiguous';
    // After a number a contraction is mostly a unit (`6 h.`, `10 km.`), which may end a sentence.
    else if (isContraction(w)) kind = 'afterNumber';
    // A short word before a number is more often an abbreviation we do not know (`Abs. 5`,
    // `Kap. 3`) than a sentence end (`ended. 2022 was`): unsure, so no break.
    else return !(DIGIT.test(text[next] ?? '') && SHORT_WORD.test(elided));
  }
  if (kind === 'never') return false;
  if (kind === 'final') return true;
  if (DIGIT.test(text[next] ?? '')) return false;
  if (kind === 'beforeNumber') return true;
  if (kind === 'afterNumber') {
    while (before >= 0 && SPACE.test(text[before])) before--;
    // `3 млн руб.`: a scale word that is itself a unit may stand between the number and this one.
    const scaleFrom = wordStart(text, before + 1);
    if (scaleFrom <= before && has(rules.afterNumber, text.slice(scaleFrom, before + 1))) {
      before = scaleFrom - 1;
      while (before >= 0 && SPACE.test(text[before])) before--;
    }
    if (before >= 0 && DIGIT.test(text[before])) return true;
  }
  const m = LETTERS.exec(text.slice(next, next + 40));
  if (!m) return false;
  // `В. В. Путин`: a starter followed by a full stop is another initial.
  return rules.starters.has(m[0]) && text[next + m[0].length] !== '.';
}

/** Where the sentence after candidate break `b` really starts, or -1 if there is no break. */
function judge(rules: SentenceRules, text: string, b: number): number {
  const n = text.length;
  let start = b;
  // A break moves past closing quotes/brackets that stand before a space: `« Bonjour ! » dit-il`.
  let j = start;
  while (j < n && CLOSERS.has(text[j])) j++;
  if (j > start && (j === n || SPACE.test(text[j]))) start = j;
  while (start < n && SPACE.test(text[start])) start++;
  if (start >= n) return -1;
  for (const rule of rules.breakRules) {
    rule.at.lastIndex = start;
    if (rule.at.test(text)) return rule.break ? start : -1;
  }
  let end = start;
  while (end > 0 && SPACE.test(text[end - 1])) end--;
  // The terminator, behind closing quotes/brackets and the spaces French puts before them.
  let t = end;
  while (t > 0 && (CLOSERS.has(text[t - 1]) || SPACE.test(text[t - 1]))) t--;
  if (t === 0) return -1;
  const term = text[t - 1];
  if (!rules.terminators.has(term)) return -1;
  if (end === start) {
    // No space after the terminator: `3.14`, `U.S./EU`, `Hello!World` — unless the language says so.
    if (!rules.spacelessBreak || end !== t) return -1;
    rules.spacelessBreak.lastIndex = start;
    if (!rules.spacelessBreak.test(text)) return -1;
  }
  let k = start;
  while (k < n && OPENERS.has(text[k])) {
    k++;
    while (k < n && SPACE.test(text[k])) k++; // `— Как дела?`
  }
  if (k >= n) return -1;
  const first = text.codePointAt(k)!;
  const firstChar = String.fromCodePoint(first);
  // A lower-case word after a cased one says the sentence goes on; after a Hangul or Devanagari
  // word it is only an address or a brand starting the next (`주십시오. www.example.or.kr에서`).
  if (LOWER.test(firstChar) && !UNCASED_LETTER.test(text[t - 2] ?? '')) return -1;
  // `"Stop!" he said` has a lower case to tell; in Korean and Hindi (no case) a quoted `!`/`?`
  // is as often followed by the rest of its sentence (`“멈춰!” 그가 말했다`): keep it whole.
  if (t < end && !UPPER.test(firstChar)) return -1;
  if (term === '…') return UPPER.test(firstChar) ? start : -1;
  if (term === '.' && !fullStopEnds(rules, text, t - 1, k)) return -1;
  return start;
}

/** Offsets where sentences after the first start, ascending. */
export function sentenceStartsWith(rules: SentenceRules, text: string): number[] {
  if (!rules.anyTerminator.test(text)) return [];
  const candidates: number[] = [];
  icuStarts(rules.segmenter, text, candidates);
  rules.addedBreak.lastIndex = 0;
  for (let m = rules.addedBreak.exec(text); m; m = rules.addedBreak.exec(text)) candidates.push(m.index + m[0].length);
  candidates.sort((a, b) => a - b);
  const starts: number[] = [];
  let last = 0;
  for (const c of candidates) {
    if (c <= last) continue;
    const s = judge(rules, text, c);
    // A number alone is not a sentence: `1. Introduction`, `2) …`.
    if (s > last && LETTER.test(text.slice(last, s))) {
      starts.push(s);
      last = s;
    }
  }
  return starts;
}

/** Sentence start offsets of a plain text (soft line breaks are expected to be spaces already). */
export function sentenceStarts(text: string, lang: LanguageCode): number[] {
  return sentenceStartsWith(rulesFor(lang), text);
}

/**
 * Plain-text sentence splitting with the segmenter's rules. Line breaks count as spaces (as
 * Markdown soft breaks do); the sentences come back trimmed, empty ones dropped.
 */
export function splitSentences(text: string, lang: LanguageCode): string[] {
  const flat = text.replace(/[\r\n\u2028\u2029\u0085]/g, ' ');
  const starts = sentenceStarts(flat, lang);
  const out: string[] = [];
  let from = 0;
  for (const s of [...starts, flat.length]) {
    const sentence = flat.slice(from, s).trim();
    if (sentence) out.push(sentence);
    from = s;
  }
  return out;
}
