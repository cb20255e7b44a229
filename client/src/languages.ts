import { LANGUAGES } from '@lockstep/shared';

/**
 * What the client needs to show a language: its name in itself (autonym) and its writing
 * direction, from the shared language table; `GET /api/documents/:doc` may add to it.
 * Intl.DisplayNames is only the last resort for codes outside the table: it names `tl`
 * "Filipino" and writes Hindi "हिन्दी" where the organisation uses "हिंदी".
 */
export interface LanguageInfo {
  code: string;
  autonym: string;
  direction: 'ltr' | 'rtl';
  script?: string;
}

const KNOWN: Readonly<Record<string, LanguageInfo>> = LANGUAGES;

const RTL_BASES = new Set(['ar', 'fa', 'he', 'ur', 'yi', 'ps', 'dv', 'sd', 'ug']);

export function directionOf(code: string): 'ltr' | 'rtl' {
  return KNOWN[code]?.direction ?? (RTL_BASES.has(code.split('-')[0].toLowerCase()) ? 'rtl' : 'ltr');
}

/** Known information about `code`, with `override` (from the server) taking precedence. */
export function languageInfo(code: string, override?: Partial<LanguageInfo>): LanguageInfo {
  const known = KNOWN[code];
  let autonym = override?.autonym ?? known?.autonym;
  if (!autonym) {
    try {
      autonym = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    } catch {
      autonym = code;
    }
  }
  return {
    code,
    autonym,
    direction: override?.direction ?? known?.direction ?? directionOf(code),
    script: override?.script ?? known?.script,
  };
}
