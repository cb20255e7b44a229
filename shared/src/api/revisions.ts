import type { RevisionSides } from '../align/sides.js';
import type { Timestamp } from './json.js';

export type { RevisionSides, SideSegment } from '../align/sides.js';

/** How a segment of the new revision relates to the previous one (`unchanged` is not listed as a change). */
export type RevisionChangeKind = 'modified' | 'minor' | 'split' | 'merged' | 'moved' | 'added' | 'removed';

/** Segments of the new revision per kind of change (`removed` counts old segments). */
export type Impact = Record<RevisionChangeKind | 'unchanged', number>;

/** Per target language (a language code, as JSON object keys are strings), a count. */
export type LanguageCounts = Record<string, number>;

/** One segment that is not unchanged (a split is one change, one old id, several new ones). Texts are plain. */
export interface RevisionChange {
  kind: RevisionChangeKind;
  oldIds: string[];
  /** In a dry run, segments that would be new are named `new:<position>`. */
  newIds: string[];
  oldTexts: string[];
  newTexts: string[];
  /** `added`: removed segments of the same hunk whose translations it receives as its suggestion. */
  handedFrom?: string[];
  /** `removed`: the new segment that receives its translations as a suggestion. */
  handedTo?: string;
}

/** `POST …/revisions` (dry run or not): nothing needs work only when stale, suggested and retired are all zero. */
export interface RevisionImpact {
  /** The new revision's number (the one a dry run would create). */
  revision: number;
  impact: Impact;
  changes: RevisionChange[];
  /** Per language: translations that need work after this revision. */
  stale: LanguageCounts;
  /** Per language: translations of removed segments handed to a new segment as its suggestion. */
  suggested: LanguageCounts;
  /** Per language: translations retired with their segment and handed to nobody. */
  retired: LanguageCounts;
  /** Dry run with `sides=true`: the old and the new source side by side, each sentence with its class. */
  sides?: RevisionSides;
}

/** The impact as stored with a revision: counts per change kind, and per language once published. */
export interface StoredImpact {
  stale?: LanguageCounts;
  suggested?: LanguageCounts;
  retired?: LanguageCounts;
  [kind: string]: number | LanguageCounts | undefined;
}

/** One entry of `GET …/revisions`. */
export interface RevisionSummary {
  number: number;
  impact: StoredImpact;
  createdAt: Timestamp;
  /** The publisher's name. */
  createdBy: string | null;
}

/** `GET …/revisions/:n`. */
export interface Revision extends RevisionSummary {
  markdown: string;
}

/** `GET …/revisions`. */
export interface RevisionList {
  revisions: RevisionSummary[];
}
