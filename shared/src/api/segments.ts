import type { DiffPart } from '../align/wordDiff.js';
import type { QaWarning } from '../qa/types.js';
import type { BlockKind, LockReason, SourceRun } from '../segment/types.js';
import type { EventKind, TranslationState } from '../workflow.js';
import type { Timestamp } from './json.js';

export type { DiffPart, SourceRun, TranslationState };

/** A segment's translation into one language, as every answer that carries one shows it. */
export interface Translation {
  /** With inline codes; empty while untranslated. */
  text: string;
  state: TranslationState;
  /** Bumped by every change; a write names the version it starts from. */
  version: number;
  /** The revision whose source the text was made against. */
  basedOnRevision: number | null;
  /** While stale, or for a segment born of a split or merge, the old source text (or texts). */
  previousSource: string | null;
  /** Stale only: the word diff from `previousSource` to the current source (plain text). */
  diff: DiffPart[] | null;
  /** While stale, how the source changed (e.g. `modified`, `minor`). */
  changeClass: string | null;
  /** A starting text: the old translation(s) of a split or merge, or an import conflict's text. */
  suggestion: string | null;
  /** The name of whoever changed it last. */
  updatedBy: string | null;
  updatedAt: Timestamp;
}

/** One segment of the current revision with its translation into the asked language. */
export interface Segment {
  /** Stable across revisions. */
  id: string;
  /** Position in the current revision. */
  index: number;
  blockIndex: number;
  /** The Markdown block the segment is in. */
  kind: BlockKind;
  /** The source text with inline codes. */
  source: string;
  sourceRuns: SourceRun[];
  words: number;
  translatable: boolean;
  lockReason: LockReason | null;
  /** A strong, emphasis or link wrapper around the whole segment, taken out of its text. */
  hoisted: string | null;
  /** For a segment born of a split or merge, the ids it came from. */
  derivedFrom: string[];
  /** Null for locked segments. */
  translation: Translation | null;
  /** Questions still open on this segment in the asked language or for all languages. */
  openQuestions: number;
}

/**
 * A translation in the compact segment list (`view=compact`): what the editor's rows show and
 * a save needs. A missing `previousSource` or `suggestion` is null; the stale diff is not sent
 * (the editor works it out with `staleDiff` for the rows it shows).
 */
export interface CompactTranslation {
  text: string;
  state: TranslationState;
  version: number;
  previousSource?: string;
  suggestion?: string;
}

/**
 * A segment in the compact segment list (`view=compact`): no `source` (it is `codesToText` of
 * `sourceRuns`) and no `words`; a field left out has its usual empty value (`lockReason` and
 * `hoisted` null, `derivedFrom` [], `openQuestions` 0, `translation` null: locked).
 */
export interface CompactSegment {
  id: string;
  index: number;
  blockIndex: number;
  kind: BlockKind;
  sourceRuns: SourceRun[];
  translatable: boolean;
  lockReason?: LockReason;
  hoisted?: string;
  derivedFrom?: string[];
  openQuestions?: number;
  translation?: CompactTranslation;
}

/** `GET /api/documents/:doc/segments?view=compact`: the list the editor opens with. */
export interface CompactSegmentList {
  revision: number;
  segments: CompactSegment[];
  nextCursor?: string | null;
}

/** `GET /api/documents/:doc/segments`: `nextCursor` only when `limit` was given (null on the last page). */
export interface SegmentList {
  revision: number;
  segments: Segment[];
  nextCursor?: string | null;
}

/** A QA warning on a save: a stable code (docs/qa-checks.md) or `unchanged`, with English text. */
export type SaveWarning = QaWarning<string>;

/** A write to a translation (save, approve, re-confirm, revert): the text is saved whatever the warnings say. */
export interface TranslationResult {
  translation: Translation;
  warnings: SaveWarning[];
}

/** One entry of a translation's history. */
export interface HistoryEvent {
  id: number;
  kind: EventKind;
  text: string;
  state: TranslationState;
  version: number;
  revision: number;
  user: { id: number; name: string } | null;
  createdAt: Timestamp;
}

/** `GET …/history`: newest first; `nextBefore` is the `before` of the next page, null on the last. */
export interface History {
  events: HistoryEvent[];
  nextBefore: number | null;
}
