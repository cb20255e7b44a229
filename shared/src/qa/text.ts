import { parseCodedText } from '../segment/codes.js';
import type { SourceRun } from '../segment/types.js';

/**
 * What a reader sees of a text with inline codes, with whitespace as typed (no collapsing:
 * the whitespace and French spacing checks need every space and its kind). Code tags are
 * dropped, escapes resolved.
 */
export function visibleText(coded: string): string {
  let out = '';
  for (const run of parseCodedText(coded).runs) if (run.type === 'text') out += run.text;
  return out;
}

/** The source's runs when only its text is known: enough for the code validator, which compares numbers and pairing. */
export function runsOfCoded(coded: string): SourceRun[] {
  return parseCodedText(coded).runs as unknown as SourceRun[];
}

/** `pt-BR` → `pt`; the checks are per language, not per region. */
export function primaryLanguage(tag: string): string {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return primary === 'fil' ? 'tl' : primary;
}

/** Lower case without accents or the Devanagari nukta, for matching words across spellings. */
export function foldForMatch(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u093c]/g, '')
    .normalize('NFC'); // Hangul decomposes under NFD: put its syllables back together
}

/** Digits of other scripts (Devanagari, Arabic-Indic, full-width) as ASCII, one UTF-16 unit each. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0966-\u096f\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g, (d) => {
    const c = d.charCodeAt(0);
    const zero = c >= 0xff10 ? 0xff10 : c >= 0x0966 ? 0x0966 : c >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(c - zero);
  });
}

/** Every element of `want` not matched one-for-one in `have` (multisets). */
export function missingFrom<T>(want: readonly T[], have: readonly T[], key: (t: T) => string = String): T[] {
  const pool = new Map<string, number>();
  for (const h of have) pool.set(key(h), (pool.get(key(h)) ?? 0) + 1);
  return want.filter((w) => {
    const n = pool.get(key(w)) ?? 0;
    if (n === 0) return true;
    pool.set(key(w), n - 1);
    return false;
  });
}
