import { asciiDigits } from './text.js';

/*
 * Numbers as values, whatever the script and the locale's separators: 1,000 (en) = 1.000 (es)
 * = 1 000 (fr) = १,००० (hi) = 1,00,000 / 100 (Indian grouping, ×1000), and 2.5 (en) = 2,5 (fr).
 */

export interface NumberToken {
  /** As written. */
  text: string;
  /** UTF-16 offset in the text. */
  index: number;
  /** The value as the text's language reads it, canonical ("1000", "2.5"). */
  value: string;
  /** The other reading of an ambiguous "1,000" / "1.000" (thousands vs decimals), if any. */
  alternative?: string;
}

const SPACES = '\u0020\u00a0\u202f\u2009';
// Indian grouping, then groups of three (one separator kind throughout), then a plain number;
// each optionally with decimals. `(?!\d)` stops "24 2023" from reading as one number.
const NUMBER = new RegExp(
  [
    `(?<![\\d.,])(\\d{1,2}(?:,\\d{2})+,\\d{3})(?:(\\.)(\\d+))?(?!\\d|[.,]\\d)`,
    `(?<![\\d.,])(\\d{1,3})([,.'’${SPACES}])(\\d{3}(?:\\5\\d{3})*)(?:([.,])(\\d+))?(?![\\d'’]|[.,]\\d)`,
    `(?<![\\d])(\\d+)(?:([.,])(\\d+))?(?!\\d)`,
  ].join('|'),
  'gu',
);

function canonical(integer: string, fraction = ''): string {
  const int = integer.replace(/^0+(?=\d)/, '');
  const frac = fraction.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

const decimalCache = new Map<string, string>();
/** The locale's decimal separator, from ICU ("," for es, fr, pt, el, ru; "." for en, ko, hi, tl). */
export function decimalSeparator(lang: string): string {
  let sep = decimalCache.get(lang);
  if (sep === undefined) {
    try {
      sep = new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    } catch {
      sep = '.';
    }
    decimalCache.set(lang, sep);
  }
  return sep;
}

export function numbersIn(text: string, lang: string): NumberToken[] {
  const ascii = asciiDigits(text);
  const decimal = decimalSeparator(lang);
  const out: NumberToken[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(ascii); m; m = NUMBER.exec(ascii)) {
    const token = { text: text.slice(m.index, m.index + m[0].length), index: m.index };
    if (m[1] !== undefined) {
      out.push({ ...token, value: canonical(m[1].replace(/,/g, ''), m[3]) });
    } else if (m[4] !== undefined) {
      const [sep, groups, decSep, decimals] = [m[5], m[6], m[7], m[8]];
      const grouped = canonical(m[4] + groups.replace(/\D/g, ''), decimals);
      // A single "," or "." before three digits: thousands in one locale, decimals in another.
      const ambiguous = (sep === ',' || sep === '.') && groups.length === 3 && decSep === undefined;
      if (decSep !== undefined && decSep === sep) {
        // "1.000.5": not a number any locale writes; read it as digits.
        out.push({ ...token, value: canonical(m[0].replace(/\D/g, '')) });
      } else if (!ambiguous) out.push({ ...token, value: grouped });
      else {
        const asDecimal = canonical(m[4], groups);
        out.push(sep === decimal ? { ...token, value: asDecimal, alternative: grouped } : { ...token, value: grouped, alternative: asDecimal });
      }
    } else {
      out.push({ ...token, value: canonical(m[9], m[11]) });
    }
  }
  return out;
}
