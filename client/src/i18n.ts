import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { directionOf } from './languages';

declare global {
  interface Window {
    /** Every key a page asked for that no locale has; the browser tests assert it stays empty. */
    __missingKeys?: string[];
  }
}

// One file per UI language: adding locales/xx.json is all it takes to offer xx.
const files = import.meta.glob<Record<string, unknown>>('./locales/*.json', { eager: true, import: 'default' });

const resources: Resource = {};
for (const [file, translation] of Object.entries(files)) {
  const code = /\/([A-Za-z-]+)\.json$/.exec(file)?.[1];
  if (code) resources[code] = { translation } as Resource[string];
}

export const FALLBACK_UI_LANGUAGE = 'en';
export const UI_LANGUAGES: readonly string[] = Object.keys(resources).sort();
const STORAGE_KEY = 'lockstep.uiLanguage';

function storedLanguage(): string | undefined {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined; // storage disabled: the choice just is not remembered
  }
}

/** The remembered choice, else the first browser language we have, else English. */
function initialLanguage(): string {
  const candidates = [storedLanguage(), ...navigator.languages, navigator.language];
  for (const candidate of candidates) {
    if (!candidate) continue;
    if (UI_LANGUAGES.includes(candidate)) return candidate;
    const base = candidate.split('-')[0].toLowerCase();
    if (UI_LANGUAGES.includes(base)) return base;
  }
  return FALLBACK_UI_LANGUAGE;
}

function reflectOnDocument(lng: string): void {
  document.documentElement.lang = lng;
  document.documentElement.dir = directionOf(lng);
}

export async function initI18n(): Promise<typeof i18next> {
  window.__missingKeys = [];
  i18next.on('languageChanged', reflectOnDocument);
  await i18next.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: FALLBACK_UI_LANGUAGE,
    supportedLngs: UI_LANGUAGES,
    // React escapes every text node already.
    interpolation: { escapeValue: false },
    returnNull: false,
    saveMissing: true,
    missingKeyHandler(lngs, ns, key) {
      const entry = `${lngs.join(',')}:${ns}:${key}`;
      const missing = (window.__missingKeys ??= []);
      if (!missing.includes(entry)) missing.push(entry);
      if (import.meta.env.DEV) console.warn(`i18n: missing key ${entry}`);
    },
  });
  reflectOnDocument(i18next.resolvedLanguage ?? i18next.language);
  return i18next;
}

export async function changeUiLanguage(lng: string): Promise<void> {
  await i18next.changeLanguage(lng);
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* storage disabled */
  }
}
