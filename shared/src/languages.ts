/** The languages Lockstep works in: API codes are valid BCP 47 tags. */
export const LANGUAGE_CODES = ['en', 'es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export interface LanguageInfo {
  code: LanguageCode;
  /** The language's name for itself, as its readers expect to find it in a menu. */
  autonym: string;
  englishName: string;
  /** ISO 15924 script. */
  script: 'Latn' | 'Hang' | 'Grek' | 'Deva' | 'Cyrl';
  direction: 'ltr' | 'rtl';
}

export const LANGUAGES: Readonly<Record<LanguageCode, LanguageInfo>> = {
  en: { code: 'en', autonym: 'English', englishName: 'English', script: 'Latn', direction: 'ltr' },
  es: { code: 'es', autonym: 'Español', englishName: 'Spanish', script: 'Latn', direction: 'ltr' },
  ko: { code: 'ko', autonym: '한국어', englishName: 'Korean', script: 'Hang', direction: 'ltr' },
  pt: { code: 'pt', autonym: 'Português', englishName: 'Portuguese', script: 'Latn', direction: 'ltr' },
  el: { code: 'el', autonym: 'Ελληνικά', englishName: 'Greek', script: 'Grek', direction: 'ltr' },
  hi: { code: 'hi', autonym: 'हिंदी', englishName: 'Hindi', script: 'Deva', direction: 'ltr' },
  fr: { code: 'fr', autonym: 'Français', englishName: 'French', script: 'Latn', direction: 'ltr' },
  tl: { code: 'tl', autonym: 'Tagalog', englishName: 'Tagalog', script: 'Latn', direction: 'ltr' },
  ru: { code: 'ru', autonym: 'Русский', englishName: 'Russian', script: 'Cyrl', direction: 'ltr' },
};

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}
