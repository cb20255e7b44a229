import type { Alignment, ChangeKind } from './types.js';

/** One sentence of one side of the side-by-side view of a revision. */
export interface SideSegment {
  /** Plain text (inline codes removed). */
  text: string;
  /** Sentences of one block (paragraph, heading, list item, table cell) share it. */
  block: number;
  /** What the revision does to it: `unchanged`, or the class of its change. */
  kind: ChangeKind;
}

export interface RevisionSides {
  /** The current revision's live segments, in document order. */
  old: SideSegment[];
  /** The new revision's segments, in document order. */
  new: SideSegment[];
}

/**
 * The old and the new source side by side, every sentence with its class: an old segment gets
 * the class of the new segment it went into (modified, minor, split, merged, moved) or
 * `removed`; a new one its own class (`added` for new text). The same alignment the impact
 * counts come from, so the marks and the counts cannot disagree.
 */
export function revisionSides(previous: readonly { id: string; plain: string; blockIndex: number }[], alignment: Alignment): RevisionSides {
  const oldKind = new Map<string, ChangeKind>();
  for (const a of alignment.segments) for (const id of a.oldIds) oldKind.set(id, a.kind);
  for (const id of alignment.removed) oldKind.set(id, 'removed');
  return {
    old: previous.map((p) => ({ text: p.plain, block: p.blockIndex, kind: oldKind.get(p.id) ?? 'removed' })),
    new: alignment.segments.map((a) => ({ text: a.segment.plain, block: a.segment.blockIndex, kind: a.kind })),
  };
}
