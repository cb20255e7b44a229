import type { LanguageCode } from '../languages.js';
import type { Timestamp } from './json.js';

/** Who proposed or settled something in the glossary. */
export interface GlossaryUser {
  id: number;
  name: string;
}

/** A translator's proposed rendering of a term, waiting for a reviewer of its language. */
export interface GlossaryProposal {
  id: number;
  lang: LanguageCode;
  text: string;
  proposedBy: GlossaryUser;
  createdAt: Timestamp;
}

/**
 * One glossary term of a source language, shared by every document in that language.
 * `translations` maps a target language to its approved renderings, the preferred first.
 */
export interface GlossaryEntry {
  id: number;
  sourceLang: LanguageCode;
  term: string;
  /** Part of speech, definition or usage note (may be empty). */
  note: string;
  /** Names and acronyms that stay as they are in every translation. */
  doNotTranslate: boolean;
  /** Match only with the same letter case ("US" the country, not "us"). */
  caseSensitive: boolean;
  translations: { [lang: string]: string[] };
  /** Pending proposals, oldest first. */
  proposals: GlossaryProposal[];
  /** Moves with every write; a PATCH must send the version it read. */
  version: number;
  updatedAt: Timestamp;
}

/** `GET /api/glossary`: the terms of a source language, alphabetical. */
export interface GlossaryList {
  entries: GlossaryEntry[];
}

/** A glossary write answers with the entry as it now is. */
export interface GlossaryEnvelope {
  entry: GlossaryEntry;
}

/** `POST /api/glossary`. */
export interface NewGlossaryEntry {
  sourceLang: LanguageCode;
  term: string;
  note?: string;
  doNotTranslate?: boolean;
  caseSensitive?: boolean;
  translations?: { [lang: string]: string[] };
}

/**
 * `PATCH /api/glossary/:id`: the fields to change and the version they were read at. Term,
 * note and flags are the coordinators'; `translations` replaces the lists of the languages
 * it names (an empty list removes one), each language needing its reviewer.
 */
export interface GlossaryEntryPatch {
  version: number;
  term?: string;
  note?: string;
  doNotTranslate?: boolean;
  caseSensitive?: boolean;
  translations?: { [lang: string]: string[] };
}

/** `POST /api/glossary/:id/proposals`. */
export interface NewGlossaryProposal {
  lang: LanguageCode;
  text: string;
}

/** What an import did (or, in a dry run, would do) with one entry of the file. */
export interface GlossaryImportEntry {
  /** 1-based, in file order. */
  index: number;
  /** Where in the file: "line 3", "termEntry "t7" (line 40)". */
  where: string;
  term: string | null;
  action: 'created' | 'updated' | 'unchanged' | 'rejected';
  /** Why it was rejected. */
  problem: string | null;
}

/**
 * `POST /api/glossary/import`: every entry's outcome. A file with a rejected entry changes
 * nothing (`applied` false); new terms are created, known ones (same term and note) get the
 * file's flags and note and any translations they lack (none is removed).
 */
export interface GlossaryImportReport {
  dryRun: boolean;
  applied: boolean;
  format: 'csv' | 'tbx';
  counts: { created: number; updated: number; unchanged: number; rejected: number };
  entries: GlossaryImportEntry[];
}
