import {
  cleanTermTranslations,
  conflict,
  forbidden,
  isLanguageCode,
  LockstepError,
  MAX_TERM_CHARS,
  MAX_TERM_NOTE_CHARS,
  MAX_TERM_TRANSLATIONS,
  mayManageGlossary,
  mayProposeTerm,
  mayReviewTerms,
  notFound,
  unprocessable,
  boundedUserText,
  type Actor,
} from '@lockstep/shared';
import type { GlossaryEnvelope, GlossaryEntryPatch, GlossaryList, NewGlossaryEntry, NewGlossaryProposal, Sendable } from '@lockstep/shared/api';
import type { Db, Queryable } from '../db/db.js';
import * as glossary from '../repos/glossary.js';
import { retrying } from '../db/retrying.js';

type Envelope = Sendable<GlossaryEnvelope>;

/** A term's text as stored: NFC, trimmed, not blank, at most MAX_TERM_CHARS. */
export function termText(text: string): string {
  return boundedUserText(text.trim(), MAX_TERM_CHARS, 'term');
}

export function termNote(note: string | undefined): string {
  const clean = (note ?? '').normalize('NFC').trim();
  if ([...clean].length > MAX_TERM_NOTE_CHARS) {
    throw new LockstepError('too_large', 'text_too_long', `A term's note may have at most ${MAX_TERM_NOTE_CHARS} characters.`, { limit: MAX_TERM_NOTE_CHARS });
  }
  return clean;
}

/**
 * Translations as given, checked per language: a known language other than the source, at
 * most MAX_TERM_TRANSLATIONS renderings of at most MAX_TERM_CHARS each. Languages with an
 * empty list are kept empty here (a patch removes them).
 */
export function termTranslations(sourceLang: string, input: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [lang, texts] of Object.entries(input)) {
    if (!isLanguageCode(lang)) throw unprocessable('language_unknown', `"${lang}" is not a language Lockstep knows.`);
    if (lang === sourceLang) throw unprocessable('language_is_source', `A term of "${sourceLang}" has no translation into "${lang}".`);
    const clean = cleanTermTranslations(texts);
    if (clean.length > MAX_TERM_TRANSLATIONS) {
      throw unprocessable('too_many_translations', `A term may have at most ${MAX_TERM_TRANSLATIONS} translations per language; "${lang}" has ${clean.length}.`);
    }
    out[lang] = clean.map(termText);
  }
  return out;
}

export function withoutEmpty(translations: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(translations).filter(([, list]) => list.length > 0));
}

export async function requireTerm(db: Queryable, id: number): Promise<glossary.GlossaryRow> {
  const row = id > 0 ? await glossary.findTerm(db, id) : undefined;
  if (!row) throw notFound('term_not_found', `There is no glossary term ${id}.`);
  return row;
}

const duplicate = (term: string) => conflict('term_exists', `The glossary already has "${term}" with this note; edit that entry or give this one another note.`);

export async function listGlossary(db: Db, sourceLang: string, q: string | undefined): Promise<Sendable<GlossaryList>> {
  return { entries: await glossary.listTerms(db, sourceLang, q?.trim() || undefined) };
}

export async function createTerm(db: Db, actor: Actor, input: NewGlossaryEntry): Promise<Envelope> {
  if (!mayManageGlossary(actor)) throw forbidden('not_allowed', 'Only coordinators add glossary terms; propose a translation instead.');
  const fields: glossary.TermFields = {
    sourceLang: input.sourceLang,
    term: termText(input.term),
    note: termNote(input.note),
    doNotTranslate: input.doNotTranslate ?? false,
    caseSensitive: input.caseSensitive ?? false,
    translations: withoutEmpty(termTranslations(input.sourceLang, input.translations ?? {})),
  };
  const id = await retrying(() => db.transaction((tx) => glossary.insertTerm(tx, fields, actor.id)));
  if (id === undefined) throw duplicate(fields.term);
  return { entry: await requireTerm(db, id) };
}

/**
 * Term, note and flags need a coordinator; each language of `translations` needs its
 * reviewer. Everything is checked before anything is written, against the version read.
 */
export async function patchTerm(db: Db, actor: Actor, id: number, patch: GlossaryEntryPatch): Promise<Envelope> {
  const current = await requireTerm(db, id);
  const touchesTerm = patch.term !== undefined || patch.note !== undefined || patch.doNotTranslate !== undefined || patch.caseSensitive !== undefined;
  if (touchesTerm && !mayManageGlossary(actor)) throw forbidden('not_allowed', 'Only coordinators change a term, its note or its flags.');
  const translations = termTranslations(current.sourceLang, patch.translations ?? {});
  const refused = Object.keys(translations).filter((lang) => !mayReviewTerms(actor, lang));
  if (refused.length) throw forbidden('not_allowed', `Your account may not edit term translations in ${refused.map((l) => `"${l}"`).join(', ')}.`);
  if (current.version !== patch.version) {
    throw conflict('version_conflict', 'This term was changed since you read it; reload it and apply your change again.', { current });
  }
  const next = {
    term: patch.term === undefined ? current.term : termText(patch.term),
    note: patch.note === undefined ? current.note : termNote(patch.note),
    doNotTranslate: patch.doNotTranslate ?? current.doNotTranslate,
    caseSensitive: patch.caseSensitive ?? current.caseSensitive,
    translations: withoutEmpty({ ...current.translations, ...translations }),
  };
  const result = await retrying(() => db.transaction((tx) => glossary.updateTerm(tx, id, patch.version, next)));
  if (result === 'duplicate') throw duplicate(next.term);
  if (result === 'version') {
    throw conflict('version_conflict', 'This term was changed since you read it; reload it and apply your change again.', { current: await requireTerm(db, id) });
  }
  return { entry: await requireTerm(db, id) };
}

export async function deleteTerm(db: Db, actor: Actor, id: number): Promise<void> {
  if (!mayManageGlossary(actor)) throw forbidden('not_allowed', 'Only coordinators delete glossary terms.');
  await requireTerm(db, id);
  await retrying(() => db.transaction((tx) => glossary.deleteTerm(tx, id)));
}

export async function proposeTranslation(db: Db, actor: Actor, id: number, input: NewGlossaryProposal): Promise<Envelope> {
  const term = await requireTerm(db, id);
  if (input.lang === term.sourceLang) throw unprocessable('language_is_source', `A term of "${term.sourceLang}" has no translation into "${input.lang}".`);
  if (!mayProposeTerm(actor, input.lang)) throw forbidden('not_allowed', `Your account may not propose translations in "${input.lang}".`);
  const text = termText(input.text);
  if (!(term.translations[input.lang] ?? []).includes(text)) {
    await retrying(() => db.transaction((tx) => glossary.insertProposal(tx, id, input.lang, text, actor.id)));
  }
  return { entry: await requireTerm(db, id) };
}

/** Accepts (into the language's translations) or declines a pending proposal: reviewers of its language. */
export async function settleProposal(db: Db, actor: Actor, id: number, proposalId: number, how: 'accept' | 'decline'): Promise<Envelope> {
  await requireTerm(db, id);
  const proposal = proposalId > 0 ? await glossary.findProposal(db, id, proposalId) : undefined;
  if (!proposal) throw notFound('proposal_not_found', `The glossary term ${id} has no proposal ${proposalId}.`);
  if (!mayReviewTerms(actor, proposal.lang)) throw forbidden('not_allowed', `Only reviewers of "${proposal.lang}" settle its term proposals.`);
  const settled = () => unprocessable('proposal_settled', 'This proposal was already accepted or declined.');
  if (!proposal.pending) throw settled();
  const done = await retrying(() =>
    db.transaction((tx) => (how === 'accept' ? glossary.acceptProposal(tx, proposal, actor.id) : glossary.declineProposal(tx, proposal.id, actor.id))),
  );
  if (!done) throw settled();
  return { entry: await requireTerm(db, id) };
}
