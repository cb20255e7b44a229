import type { Anchors } from './types.js';

/*
 * Anchors: what a translation keeps from its source whatever the language — numbers, URLs,
 * e-mail addresses, Latin-script names, the question and exclamation marks, the count of
 * inline codes. They strengthen the length-based score, since lengths alone cannot tell two
 * sentences of similar length apart.
 */

const URL = /\b(?:https?:\/\/|www\.)[^\s<>()]+/giu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const NUMBER = /\p{Nd}+(?:[.,\u00a0\u202f ]\p{Nd}{3})*(?:[.,]\p{Nd}+)?/gu;
/** A Latin-script word with a capital letter, not the first word of the text. */
const LATIN_WORD = /[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’-]*/g;
const QUESTION = /[?？\u037e]/gu; // U+037E is the Greek question mark
const EXCLAMATION = /[!！]/g;
const CODE = /<\d+\/?>/g;

/** Any script's digits as ASCII ("२०२३" → "2023"). */
function asciiDigits(s: string): string {
  return s.replace(/\p{Nd}/gu, (d) => {
    const cp = d.codePointAt(0)!;
    // Unicode decimal digits come in runs of ten starting at a code point ending in 0 or 6.
    for (let zero = cp; zero > cp - 10; zero--) {
      if (!/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) return String(cp - zero);
    }
    return String(cp % 10);
  });
}

function numbersOf(plain: string): string[] {
  const out: string[] = [];
  for (const m of plain.matchAll(NUMBER)) {
    const digits = asciiDigits(m[0]).replace(/[.,\u00a0\u202f ](?=\d{3}\b)/g, '');
    const n = digits.replace(/^0+(?=\d)/, '');
    // Single digits are list numbers and days in words as often as quantities: weaker, but kept.
    out.push(n);
  }
  return out;
}

function namesOf(plain: string, latinIsNative: boolean): string[] {
  const out: string[] = [];
  let first = true;
  for (const m of plain.matchAll(LATIN_WORD)) {
    const word = m[0];
    const capital = /^[A-Z\u00c0-\u00de]/.test(word);
    // In a Latin-script language a capital starts every sentence; only later words count.
    if (capital && word.length >= 2 && (!latinIsNative || !first)) out.push(word.toLowerCase());
    first = false;
  }
  return out;
}

export function anchorsOf(coded: string, plain: string, latinIsNative: boolean): Anchors {
  const withoutUrls = plain.replace(URL, ' ').replace(EMAIL, ' ');
  return {
    numbers: numbersOf(withoutUrls),
    urls: [...plain.matchAll(URL)].map((m) => m[0].replace(/[.,;:!?]+$/, '').toLowerCase()),
    emails: [...plain.matchAll(EMAIL)].map((m) => m[0].toLowerCase()),
    names: namesOf(withoutUrls, latinIsNative),
    questions: (plain.match(QUESTION) ?? []).length,
    exclamations: (plain.match(EXCLAMATION) ?? []).length,
    codes: (coded.match(CODE) ?? []).length,
  };
}

export function mergeAnchors(list: readonly Anchors[]): Anchors {
  return {
    numbers: list.flatMap((a) => a.numbers),
    urls: list.flatMap((a) => a.urls),
    emails: list.flatMap((a) => a.emails),
    names: list.flatMap((a) => a.names),
    questions: list.reduce((n, a) => n + a.questions, 0),
    exclamations: list.reduce((n, a) => n + a.exclamations, 0),
    codes: list.reduce((n, a) => n + a.codes, 0),
  };
}

/** Matched and unmatched items of two multisets. */
function overlap(a: readonly string[], b: readonly string[]): { matched: number; unmatched: number } {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let matched = 0;
  for (const x of b) {
    const n = counts.get(x) ?? 0;
    if (n > 0) {
      matched++;
      counts.set(x, n - 1);
    }
  }
  return { matched, unmatched: a.length + b.length - 2 * matched };
}

/**
 * How much the anchors of two units agree, as a cost to add to the length cost: negative when
 * they share anchors, positive when one has what the other lacks. Names only reward (a name
 * is often translated, "NATO" → "OTAN"), except Latin names in a text of another script,
 * which must come from the source.
 */
export function anchorCost(s: Anchors, t: Anchors, targetLatin: boolean): number {
  let cost = 0;
  const numbers = overlap(s.numbers, t.numbers);
  cost += -1.2 * numbers.matched + 0.9 * numbers.unmatched;
  for (const kind of ['urls', 'emails'] as const) {
    const o = overlap(s[kind], t[kind]);
    cost += -2 * o.matched + 1.5 * o.unmatched;
  }
  const names = overlap(s.names, t.names);
  cost += -0.8 * names.matched;
  if (!targetLatin) cost += 0.5 * Math.max(0, t.names.length - names.matched);
  cost += 1.2 * Math.abs(s.questions - t.questions) + 1.2 * Math.abs(s.exclamations - t.exclamations);
  if (s.questions > 0 && t.questions > 0) cost -= 0.5;
  if (s.exclamations > 0 && t.exclamations > 0) cost -= 0.5;
  cost += 0.7 * Math.abs(s.codes - t.codes);
  return cost;
}
