import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { directionOf } from './languages';
import en from './locales/en.json';

declare global {
  interface Window {
    /** Every key a page asked for that no locale has; the browser tests assert it stays empty. */
    __missingKeys?: string[];
  }
}

// One file per UI language: adding locales/xx.json is all it takes to offer xx. English, the
// fallback, is in the main bundle; every other language is its own chunk, fetched when it is
// chosen, so opening a page does not parse eight languages it will not show (issue #20 item 6).

const loaders = import.meta.glob<Record<string, unknown>>(['./locales/*.json', '!./locales/en.json'], { import: 'default' });

const resourceLoaders = new Map<string, () => Promise<Record<string, unknown>>>([['en', () => Promise.resolve(en)]]);
for (const [file, load] of Object.entries(loaders)) {
  const code = /\/([A-Za-z-]+)\.json$/.exec(file)?.[1];
  if (code) resourceLoaders.set(code, load);
}

export const FALLBACK_UI_LANGUAGE = 'en';
export const UI_LANGUAGES: readonly string[] = [...resourceLoaders.keys()].sort();
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

/**
 * Puts a language's texts in i18next before anything asks for them; a failed fetch is thrown to
 * the caller, and the next choice of the language fetches it again.
 */
async function loadLanguage(lng: string): Promise<void> {
  if (i18next.hasResourceBundle(lng, 'translation')) return;
  const load = resourceLoaders.get(lng);
  if (!load) return; // not a language we have: i18next falls back to English
  i18next.addResourceBundle(lng, 'translation', await load());
}

export async function initI18n(): Promise<typeof i18next> {
  window.__missingKeys = [];
  i18next.on('languageChanged', reflectOnDocument);
  const wanted = initialLanguage();
  // Fetched before the first render; a language that cannot be fetched opens in English.
  const texts = await resourceLoaders.get(wanted)?.().catch(() => undefined);
  const lng = texts ? wanted : FALLBACK_UI_LANGUAGE;
  const resources: Resource = { [FALLBACK_UI_LANGUAGE]: { translation: en } };
  if (texts) resources[lng] = { translation: texts };
  await i18next.use(initReactI18next).init({
    resources,
    lng,
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
  // The texts first: a language switched to before they arrive would show English for a moment.
  await loadLanguage(lng);
  await i18next.changeLanguage(lng);
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    /* storage disabled */
  }
}
