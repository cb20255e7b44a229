/** Numbers and dates for the current UI language, always through Intl. */

export function formatPercent(locale: string, fraction: number): string {
  // Floor, so that 99.6 % never reads as done.
  const floored = Math.floor(Math.max(0, Math.min(1, fraction)) * 100) / 100;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(floored);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** One formatter per locale: making one costs about a millisecond, and every editor row shows a number. */
export function formatNumber(locale: string, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/** A moment as briefly as a table cell needs: day, month and time; the year only when it is not this year's. */
export function formatShortDateTime(locale: string, iso: string, now = new Date()): string | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const year = date.getFullYear() === now.getFullYear() ? undefined : 'numeric';
  return new Intl.DateTimeFormat(locale, { year, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(date);
}

export function formatDateTime(locale: string, iso: string): string | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
