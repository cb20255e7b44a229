import { containsTerm } from '@lockstep/shared';
import type { GlossaryEntry } from '@lockstep/shared/api';

/** The text with `insert` in place of the selection, and where the cursor goes after it. */
export function insertAt(value: string, start: number, end: number, insert: string): { text: string; cursor: number } {
  return { text: value.slice(0, start) + insert + value.slice(end), cursor: start + insert.length };
}

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
