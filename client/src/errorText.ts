import type { TFunction } from 'i18next';
import type { ApiError } from './api';

/** Where in a file the server found the problem (XLIFF and Markdown errors), each with its own phrase. */
const PLACES = [
  ['line', 'errors.atLine'],
  ['offset', 'errors.atOffset'],
  ['unit', 'errors.inUnit'],
] as const;

/**
 * The server's `details` as interpolation values (`{{limit}}`, `{{current.version}}`), plus the
 * wait in minutes for answers that carry `retryAfterSeconds`. Passed as i18next's `replace` so a
 * detail named like an option (`lng`, `count`) cannot change the lookup.
 */
export function errorValues(details: unknown): Record<string, unknown> {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return {};
  const values: Record<string, unknown> = { ...(details as Record<string, unknown>) };
  const seconds = values.retryAfterSeconds;
  if (typeof seconds === 'number') values.retryAfterMinutes = Math.max(1, Math.ceil(seconds / 60));
  return values;
}

/**
 * A server error in the reader's language: `errors.<code>` with the server's details filled in,
 * then the place in the file (line, byte, unit) when the message itself does not name it; an
 * unknown code falls back to the server's own (English) message, which names its place already.
 */
export function errorText(t: TFunction, error: ApiError): string {
  const values = errorValues(error.details);
  const key = `errors.${error.code}`;
  const text = t(key, { replace: values, defaultValue: error.message });
  if (text === error.message) return text;
  // Rendered once more with markers instead of the places: a marker that shows is a place the message names.
  const marked = t(key, { replace: { ...values, ...Object.fromEntries(PLACES.map(([name]) => [name, `\u0001${name}\u0001`])) }, defaultValue: '' });
  const places = PLACES.filter(([name]) => values[name] !== undefined && values[name] !== null && !marked.includes(`\u0001${name}\u0001`)).map(
    ([, phrase]) => t(phrase, { replace: { column: 1, ...values } }),
  );
  return places.length === 0 ? text : `${text} (${places.join(', ')})`;
}
