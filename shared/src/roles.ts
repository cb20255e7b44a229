import type { LanguageCode } from './languages.js';

export const ROLES = ['translator', 'reviewer', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface Actor {
  id: number;
  role: Role;
  languages: readonly LanguageCode[];
}

/**
 * The "Who may do what" table of api.md, as data. Every route names one action; the
 * server checks it in one middleware. `lang` is the language the action writes, where
 * the action is per language.
 */
export type Action =
  | 'public' // health, sign-in
  | 'signedIn' // anything about one's own session
  | 'read' // documents, segments, progress, history, events; export/inspect XLIFF; Markdown
  | 'translate' // edit, re-confirm to translated, revert, import (approvals capped)
  | 'approve' // approve, re-confirm back to approved, import keeping approvals
  | 'comment' // write in a segment's thread: in one's languages, or in the all-language thread (no lang)
  | 'manageDocuments' // create documents, publish revisions
  | 'manageWebhooks' // configure outgoing webhooks, read their delivery log
  | 'manageGlossary' // create, change and delete glossary terms; import a glossary
  | 'reviewTerms' // edit a term's translations in L and accept proposals for L; without a language: reviewers of any language (the service checks each one)
  | 'proposeTerm' // propose a term's translation in L; without a language: everyone signed in (the service checks it)
  | 'manageUsers';

export function may(actor: Actor | undefined, action: Action, lang?: string): boolean {
  if (action === 'public') return true;
  if (!actor) return false;
  switch (action) {
    case 'signedIn':
    case 'read':
      return true;
    case 'translate':
      if (actor.role === 'coordinator' || actor.role === 'admin') return true;
      return lang !== undefined && (actor.languages as readonly string[]).includes(lang);
    case 'approve':
      if (actor.role === 'coordinator' || actor.role === 'admin') return true;
      return actor.role === 'reviewer' && lang !== undefined && (actor.languages as readonly string[]).includes(lang);
    case 'comment':
      // Everyone signed in works on some language, so everyone may write in the all-language thread.
      if (lang === undefined) return true;
      return may(actor, 'translate', lang);
    case 'reviewTerms':
      if (actor.role === 'coordinator' || actor.role === 'admin') return true;
      if (actor.role !== 'reviewer') return false;
      return lang === undefined || (actor.languages as readonly string[]).includes(lang);
    case 'proposeTerm':
      if (lang === undefined) return true;
      return may(actor, 'translate', lang);
    case 'manageDocuments':
    case 'manageWebhooks':
    case 'manageGlossary':
      return actor.role === 'coordinator' || actor.role === 'admin';
    case 'manageUsers':
      return actor.role === 'admin';
  }
}
