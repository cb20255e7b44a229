import type { GlossaryQaTerm } from '../qa/types.js';
import { may, type Actor } from '../roles.js';

/**
 * The glossary (issue 21): terms per source language, shared by every document, with their
 * approved translations per target language. Pure rules and limits; the server applies them.
 */

/** A term is a word or a name, not a paragraph; longer is a mistake. */
export const MAX_TERM_CHARS = 200;
export const MAX_TERM_NOTE_CHARS = 1_000;
/** Renderings of one term in one language (synonyms, spelling variants). */
export const MAX_TERM_TRANSLATIONS = 10;

/** Coordinators and admins write the terms themselves (text, note, flags) and delete them. */
export function mayManageGlossary(actor: Actor): boolean {
  return may(actor, 'manageGlossary');
}

/** Reviewers of the language, coordinators and admins set a term's translations and accept proposals. */
export function mayReviewTerms(actor: Actor, lang: string): boolean {
  return may(actor, 'reviewTerms', lang);
}

/** Anyone who translates the language may propose a rendering for a reviewer to accept. */
export function mayProposeTerm(actor: Actor, lang: string): boolean {
  return may(actor, 'proposeTerm', lang);
}

/** A term's translations in one language, cleaned: NFC, trimmed, no blanks, each once, in order. */
export function cleanTermTranslations(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of texts) {
    const clean = t.normalize('NFC').trim();
    if (clean && !out.includes(clean)) out.push(clean);
  }
  return out;
}

/** The glossary as the QA check of one target language needs it. */
export function glossaryForQa(
  entries: readonly { id: number; term: string; caseSensitive: boolean; doNotTranslate: boolean; translations: Readonly<Record<string, readonly string[]>> }[],
  targetLang: string,
): GlossaryQaTerm[] {
  return entries.map((e) => ({ id: e.id, term: e.term, caseSensitive: e.caseSensitive, doNotTranslate: e.doNotTranslate, translations: e.translations[targetLang] ?? [] }));
}
