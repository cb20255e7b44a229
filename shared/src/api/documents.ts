import type { LanguageCode, LanguageInfo } from '../languages.js';
import type { LanguageProgress } from '../progress.js';

export type { LanguageProgress };

/** Per target language (a language code, as JSON object keys are strings), its progress. */
export type ProgressByLanguage = Record<string, LanguageProgress>;

/** One entry of `GET /api/documents`. */
export interface DocumentListEntry {
  id: string;
  title: string;
  sourceLang: LanguageCode;
  targetLangs: LanguageCode[];
  /** The current revision. */
  revision: number;
  progress: ProgressByLanguage;
}

/** A language as a document lists it: its code, autonym, script and direction. */
export type Language = LanguageInfo;

/** `GET /api/documents/:doc`. */
export interface Document {
  id: string;
  title: string;
  sourceLang: LanguageCode;
  targetLangs: LanguageCode[];
  revision: number;
  /** The source language first, then the targets, with autonyms. */
  languages: Language[];
}

/** `POST /api/documents`. */
export interface CreatedDocument {
  id: string;
  revision: 1;
  /** How many segments revision 1 has. */
  segments: number;
}

/** `GET /api/documents/:doc/progress`. */
export interface DocumentProgress {
  revision: number;
  languages: ProgressByLanguage;
}
