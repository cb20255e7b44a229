import { asciiDigits, foldForMatch } from './text.js';

/*
 * Dates written with a month name ("February 24, 2023", "Feb. 24", "24 février 2023",
 * "2023년 2월 24일", "24 февраля 2023 г.") or in ISO form. Month names come from ICU
 * (Intl.DateTimeFormat) for every language, so no table is kept here.
 */

export interface SourceDate {
  text: string;
  index: number;
  /** 1–12. */
  month: number;
  day?: number;
  year?: number;
}

interface MonthNames {
  /** Folded form → month (1–12). */
  exact: Map<string, number>;
  /** Inflected languages: a stem and the longest form it may take ("феврал" → февраля, феврале). */
  stems: { stem: string; maxLength: number; month: number }[];
  /** Every form (as ICU writes it and folded) in one pattern: one scan of the text finds the candidates. */
  pattern: RegExp;
}

// Languages whose month names decline (a date is "24 февраля", "в феврале" is "in February").
const INFLECTED = new Set(['ru', 'el', 'uk', 'pl', 'cs', 'bg', 'sr', 'hr', 'lt', 'lv', 'fi']);
const EXTRA_FORMS: Record<string, Record<string, number>> = { en: { sept: 9 } };
const namesCache = new Map<string, MonthNames>();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function monthNames(lang: string): MonthNames {
  const cached = namesCache.get(lang);
  if (cached) return cached;
  const exact = new Map(Object.entries(EXTRA_FORMS[lang] ?? {}));
  const stems: MonthNames['stems'] = [];
  const written = new Set<string>(exact.keys());
  const styles: Intl.DateTimeFormatOptions[] = [{ month: 'long' }, { month: 'short' }, { day: 'numeric', month: 'long' }, { day: 'numeric', month: 'short' }];
  let formats: Intl.DateTimeFormat[] = [];
  try {
    formats = styles.map((s) => new Intl.DateTimeFormat(lang, { ...s, timeZone: 'UTC' }));
  } catch {
    formats = [];
  }
  for (let m = 1; m <= 12; m++) {
    const date = new Date(Date.UTC(2001, m - 1, 15));
    for (const f of formats) {
      const part = f.formatToParts(date).find((p) => p.type === 'month')?.value.replace(/\.$/, '');
      if (!part || /^\d+$/.test(part)) continue;
      const form = foldForMatch(part);
      exact.set(form, m);
      written.add(part).add(form);
      if (INFLECTED.has(lang) && form.length >= 5) stems.push({ stem: form.slice(0, form.length - 2), maxLength: form.length + 2, month: m });
    }
  }
  const alternatives = [...written].sort((a, b) => b.length - a.length).map(escapeRegExp);
  for (const s of stems) alternatives.push(`${escapeRegExp(s.stem)}[\\p{L}\\p{M}]{0,4}`);
  // Korean (and CJK) months are a number and 월/月, with particles attached: "2월에".
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:\\d{1,2}(?:월|月)|(?:${alternatives.join('|')})(?![\\p{L}\\p{M}]))`, 'giu');
  const names = { exact, stems, pattern };
  namesCache.set(lang, names);
  return names;
}

/**
 * Lower case without accents, character for character (offsets stay valid): "Φεβρουάριο" →
 * "φεβρουαριο", so one folded pattern finds a month whatever its accents or case. A
 * combining mark (the Devanagari nukta) stays; the month forms come with and without it.
 */
const foldedChars = new Map<string, string>();
function foldKeepingOffsets(text: string): string {
  // Only U+0130 (İ) lowercases to two units; everything else keeps its offset.
  const lower = text.includes('\u0130') ? text.replace(/[A-Z]/g, (c) => c.toLowerCase()) : text.toLowerCase();
  return lower.replace(/[^\u0000-\u007f]/g, (ch) => {
    let folded = foldedChars.get(ch);
    if (folded === undefined) {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      folded = base.length === 1 ? base : ch;
      if (foldedChars.size < 10_000) foldedChars.set(ch, folded);
    }
    return folded;
  });
}

function monthOf(word: string, names: MonthNames): number | undefined {
  const folded = foldForMatch(word);
  const exact = names.exact.get(folded);
  if (exact !== undefined) return exact;
  const numbered = /^(\d{1,2})(?:월|月)/.exec(folded);
  if (numbered) return +numbered[1] >= 1 && +numbered[1] <= 12 ? +numbered[1] : undefined;
  for (const s of names.stems) if (folded.length <= s.maxLength && folded.startsWith(s.stem)) return s.month;
  return undefined;
}

const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
const DAY_BEFORE = /(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\.?\s*(?:de\s+|of\s+)?$/u;
const AFTER = /^\.?,?\s*(?:(\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s*(?:de\s+)?(\d{4})(?!\d))?|(?:de\s+)?(\d{4})(?!\d))/u;

/** Dates in a source text: a month name next to a day or a year (a month alone is not a date, and "May" may be a verb). */
export function datesIn(text: string, lang: string): SourceDate[] {
  const ascii = asciiDigits(text);
  // A date here has a day or a year: no digit, no date (the common case, and the fast one).
  if (!/\d/.test(ascii)) return [];
  const folded = foldKeepingOffsets(ascii);
  const names = monthNames(lang);
  const dates: SourceDate[] = [];
  for (const m of ascii.matchAll(ISO)) {
    dates.push({ text: m[0], index: m.index, year: +m[1], month: +m[2], day: +m[3] });
  }
  for (const w of folded.matchAll(names.pattern)) {
    const month = monthOf(w[0], names);
    if (month === undefined) continue;
    const end = w.index + w[0].length;
    const after = AFTER.exec(ascii.slice(end, end + 24));
    const before = DAY_BEFORE.exec(ascii.slice(Math.max(0, w.index - 12), w.index));
    const day = after?.[1] !== undefined ? +after[1] : before ? +before[1] : undefined;
    const year = after?.[2] !== undefined ? +after[2] : after?.[3] !== undefined ? +after[3] : undefined;
    if (day === undefined && year === undefined) continue;
    if (day !== undefined && (day < 1 || day > 31)) continue;
    const start = before && after?.[1] === undefined ? w.index - before[0].length : w.index;
    const stop = after ? end + after[0].length : end;
    dates.push({ text: text.slice(start, stop), index: start, month, ...(day !== undefined ? { day } : {}), ...(year !== undefined ? { year } : {}) });
  }
  return dates;
}

/** The months a text names, in its own language or the source's (a kept English month is still the right month). */
export function monthsIn(text: string, langs: readonly string[]): Set<number> {
  const ascii = asciiDigits(text);
  const months = new Set<number>();
  const folded = foldKeepingOffsets(ascii);
  for (const names of new Set(langs).values()) {
    for (const w of folded.matchAll(monthNames(names).pattern)) {
      const month = monthOf(w[0], monthNames(names));
      if (month !== undefined) months.add(month);
    }
  }
  for (const m of ascii.matchAll(ISO)) months.add(+m[2]);
  // Numeric day.month.year or day/month/year: either order of day and month may be meant.
  for (const m of ascii.matchAll(/(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{2,4})(?!\d)/g)) {
    months.add(+m[1]);
    months.add(+m[2]);
  }
  return months;
}
