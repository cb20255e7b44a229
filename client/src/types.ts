import type { LanguageProgress, ProgressState, StateCounts } from '@lockstep/shared';

/** Shapes of the HTTP API as the client reads them (design/api.md). */

export type Role = 'translator' | 'reviewer' | 'coordinator' | 'admin';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  languages: string[];
  active?: boolean;
}

export interface SessionResponse {
  token: string;
  csrfToken: string;
  user: User;
}

export interface MeResponse {
  user: User;
  csrfToken?: string;
}

export type { LanguageProgress, StateCounts };

/** The order states are shown in: done work first, then what needs work, then what needs none. */
export const STATES: readonly ProgressState[] = ['approved', 'translated', 'stale', 'untranslated', 'locked'];

export interface DocumentSummary {
  id: string;
  title: string;
  sourceLang: string;
  targetLangs: string[];
  revision: number;
  progress?: Record<string, LanguageProgress>;
}

export interface DocumentLanguage {
  code: string;
  autonym: string;
  script?: string;
  direction?: 'ltr' | 'rtl';
}

export interface DocumentDetail {
  id: string;
  title: string;
  sourceLang: string;
  targetLangs: string[];
  revision: number;
  languages?: DocumentLanguage[];
}

export type TranslationState = 'untranslated' | 'translated' | 'stale' | 'approved';

/** One step of a word diff from the source a translation was made against to the current one. */
export interface DiffOp {
  op: 'equal' | 'added' | 'removed';
  text: string;
}

export interface Translation {
  text: string;
  state: TranslationState;
  version: number;
  basedOnRevision?: number | null;
  /** The source the translator worked from (stale), or the old texts a split/merge came from. */
  previousSource?: string | null;
  /** Stale only: what changed in the source since `previousSource`. */
  diff?: DiffOp[] | null;
  changeClass?: string | null;
  suggestion?: string | null;
  updatedBy?: string | null;
  updatedAt?: string | null;
}

/** A server warning on a save (`200 {translation, warnings}`): a code we translate, or bare text. */
export type SaveWarning = string | { code?: string; message?: string; details?: unknown };

export interface SaveResponse {
  translation: Translation;
  warnings?: SaveWarning[];
}

export interface HistoryEvent {
  id: number | string;
  kind: string;
  text: string;
  state: TranslationState;
  version: number;
  revision: number;
  user: { id: number; name: string } | null;
  createdAt: string;
}

export interface ProgressResponse {
  revision: number;
  languages: Record<string, LanguageProgress>;
}

/** The inline codes of a segment as structured runs (only what the view uses). */
export type SourceRun =
  | { type: 'text'; text: string }
  | { type: 'open' | 'standalone'; id: number; kind: string; url?: string }
  | { type: 'close'; id: number };

export interface Segment {
  id: string;
  index: number;
  kind: string;
  blockIndex?: number;
  /** Heading level, where the server gives one. */
  depth?: number;
  source: string;
  sourceRuns?: SourceRun[];
  /** A strong, emphasis or link wrapper around the whole segment, taken out of its text. */
  hoisted?: string | null;
  words?: number;
  translatable: boolean;
  lockReason?: string | null;
  /** Ids of the previous revision's segments this one was split or merged from. */
  derivedFrom?: string[];
  translation: Translation | null;
}

export interface SegmentsResponse {
  revision: number;
  segments: Segment[];
}

/** `GET /api/documents/:doc/progress/timeline`: completion per day, replayed from the history. */
export interface TimelinePoint {
  date: string;
  completed: number;
  total: number;
  completedWords: number;
  totalWords: number;
}

export interface TimelineResponse {
  revision: number;
  languages: Record<string, TimelinePoint[]>;
  revisions: { number: number; date: string }[];
}

/** One entry of a revision's impact: every segment that is not unchanged, once. */
export interface RevisionChange {
  kind: string;
  oldIds: string[];
  newIds: string[];
  oldTexts: string[];
  newTexts: string[];
  handedFrom?: string[];
  handedTo?: string;
}

/** `POST …/revisions` (dry run or not): counts per change class, the changes, and per language what happens to translations. */
export interface RevisionImpact {
  revision: number;
  impact: Record<string, number>;
  changes: RevisionChange[];
  stale: Record<string, number>;
  suggested: Record<string, number>;
  retired: Record<string, number>;
}

export interface RevisionSummary {
  number: number;
  /** Counts per change class, and `stale` per language once published. */
  impact: Record<string, number | Record<string, number>>;
  createdAt: string;
  createdBy: string | null;
}

export interface RevisionDetail extends RevisionSummary {
  markdown: string;
}

/** `POST …/xliff/:lang` (dry run or not): what happened, or would happen, to each unit. */
export type { ImportReport } from '@lockstep/shared';
