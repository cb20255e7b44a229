/** The shapes revision alignment hands to publishing (architecture.md "Revision alignment"). */
import type { LanguageCode } from '../languages.js';
import type { HoistedWrapper, Segment, SourceRun } from '../segment/types.js';

export type ChangeKind = 'unchanged' | 'moved' | 'modified' | 'minor' | 'split' | 'merged' | 'added' | 'removed';

export const CHANGE_KINDS: readonly ChangeKind[] = ['unchanged', 'moved', 'modified', 'minor', 'split', 'merged', 'added', 'removed'];

/**
 * A live segment of the previous revision, as stored, in document order. Only the first four
 * fields are required. The optional ones are the stored columns; pass them when at hand:
 * `plain`, `runs`, `hoisted`, `wrapper` let a change that leaves translations valid (an inline
 * code span's content, a link URL, a wrapper) be reported as `sourceChanged`, and `runs`, `plain`,
 * `words`, `lockReason` make a segment kept by the block short-circuit an exact copy of the row.
 */
export interface StoredSegment {
  id: string;
  /** With inline codes `<1>…</1>`, `<2/>` (the stored `source`). */
  text: string;
  blockIndex: number;
  translatable: boolean;
  /** The stored `block_kind`: step 3 pairs an old and a new segment by place only in the same kind of block. */
  blockKind?: string;
  plain?: string;
  runs?: SourceRun[];
  words?: number;
  lockReason?: string | null;
  hoisted?: string | null;
  wrapper?: HoistedWrapper | null;
  breakBefore?: boolean;
}

export interface AlignedSegment {
  /**
   * The segment of the new revision. Normally the new segmentation's own object. When a block
   * is kept by the short-circuit and today's segmenter cuts it differently from the stored
   * segments (another ICU, another rule set), the stored cut wins: `segment` is then rebuilt
   * from the stored segment (text, runs, translatable…) placed at its new index and block, and
   * `reused` is true.
   */
  segment: Segment;
  kind: Exclude<ChangeKind, 'removed'>;
  /** [] for added; 1 for unchanged/moved/modified/minor; k for merged; 1 for split. */
  oldIds: string[];
  /**
   * For unchanged/moved: the stored source differs from the new one in a way that does not
   * matter for translations (whitespace, typography, a link URL, an inline-code span's markup
   * kind): record the new source, keep translations current.
   */
  sourceChanged: boolean;
  /** 1 − Levenshtein / max length of the keys, for modified/minor/split/merged. */
  similarity?: number;
  /** modified/minor found by the global pass: the segment also changed place. */
  moved?: boolean;
  /** The stored segment was kept as stored by the block short-circuit (see `segment`). */
  reused?: boolean;
  /**
   * For added: old segments removed in the same hunk whose translations this segment receives
   * as a suggestion (architecture.md step 3, "nothing disappears silently"), in document order.
   */
  handedFrom?: string[];
}

/** Every segment that is not unchanged, listed exactly once (a split is one change: 1 old, k new). */
export interface Change {
  kind: Exclude<ChangeKind, 'unchanged'>;
  oldIds: string[];
  /** Indexes into `Alignment.segments` (= new segment positions). */
  newIndexes: number[];
  /** Plain texts: inline codes removed. */
  oldTexts: string[];
  newTexts: string[];
  similarity?: number;
  moved?: boolean;
  /** For added: the removed segments whose translations it receives as a suggestion. */
  handedFrom?: string[];
  /** For removed: the added segment (index into `Alignment.segments`) that receives its translations. */
  handedTo?: number;
}

export interface Alignment {
  /** The new revision's segments, in document order (`segments[i].segment.index === i`). */
  segments: AlignedSegment[];
  /** Old ids not carried into the new revision: retire them (never delete). */
  removed: string[];
  /** In new document order; a removed segment comes right after its old predecessor's new place. */
  changes: Change[];
  /** Segments of the new revision per kind; `removed` counts old segments. */
  impact: Record<ChangeKind, number>;
}

export interface AlignInput {
  previousMarkdown: string;
  previous: StoredSegment[];
  markdown: string;
  lang: LanguageCode;
}
