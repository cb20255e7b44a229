import { containsTerm } from '@lockstep/shared';
import type { GlossaryEntry } from '@lockstep/shared/api';

/** Alt+T: the preferred rendering of the first term of the segment that the translation does not have yet (else the first term's). */
export function nextTermToInsert(terms: readonly GlossaryEntry[], translation: string, targetLang: string): string | undefined {
  const usable = terms.map((e) => renderingsOf(e, targetLang)).filter((r) => r.length > 0);
  const missing = usable.find((renderings) => !renderings.some((r) => containsTerm(translation, targetLang, r)));
  return (missing ?? usable[0])?.[0];
}

/** What a term becomes in the target language: itself when it is not translated, else its translations. */
export function renderingsOf(entry: GlossaryEntry, targetLang: string): string[] {
  return entry.doNotTranslate ? [entry.term] : (entry.translations[targetLang] ?? []);
}
