/** The languages Lockstep works in: API codes are valid BCP 47 tags. */
export const LANGUAGE_CODES = ['en', 'es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}
