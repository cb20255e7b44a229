import { isLanguageCode, type LanguageCode } from '../languages.js';

/**
 * The Lockstep language an XLIFF language tag stands for (api.md "Languages"): the API codes
 * themselves, region variants of them (`pt-BR`, `pt-PT` → `pt`) and `fil` for `tl`. `exact`
 * is false when the tag had to be narrowed, which the import reports as a warning.
 */
export function lockstepLanguageOf(tag: string): { code: LanguageCode; exact: boolean } | null {
  const lower = tag.toLowerCase();
  const primary = lower.split('-')[0];
  const code = primary === 'fil' ? 'tl' : primary;
  if (!isLanguageCode(code)) return null;
  return { code, exact: lower === code };
}

/** BCP 47 tags compare case-insensitively. */
export function sameLanguageTag(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
