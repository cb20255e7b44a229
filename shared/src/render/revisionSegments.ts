import { alignmentKey } from '../align/key.js';

/*
 * An earlier revision's segments are not stored as such: a segment row keeps its latest source
 * and place (ids survive edits). To rebuild an earlier revision, its Markdown is segmented
 * again (parsing and sentence rules are deterministic for one ICU version) and each segment is
 * given the stored id it had then: first by equal alignment key (the same sentence, maybe
 * re-typed), taken in document order; then a segment whose source changed later is paired
 * with the one unmatched stored segment between the same two matched neighbours — only when
 * that pairing is the only possible one. Anything else gets no id (and is shown in the source).
 */

export interface StoredSegmentRef {
  id: string;
  /** The stored source text with inline codes (the latest one). */
  source: string;
  /** Stored position (order in the latest revision it belonged to). */
  position: number;
}

export function matchStoredSegments(revisionTexts: readonly string[], stored: readonly StoredSegmentRef[]): (string | null)[] {
  const ordered = [...stored].sort((a, b) => a.position - b.position);
  const byKey = new Map<string, number[]>();
  ordered.forEach((s, i) => {
    const key = alignmentKey(s.source);
    const list = byKey.get(key) ?? [];
    list.push(i);
    byKey.set(key, list);
  });
  const used = new Set<number>();
  const match: (number | null)[] = revisionTexts.map((text) => {
    const queue = byKey.get(alignmentKey(text));
    const next = queue?.shift();
    if (next === undefined) return null;
    used.add(next);
    return next;
  });

  // Gaps between consecutive matched segments: pair a lone leftover with a lone leftover.
  let prevRevision = -1;
  let prevStored = -1;
  const closeGap = (revisionEnd: number, storedEnd: number) => {
    const open: number[] = [];
    for (let i = prevRevision + 1; i < revisionEnd; i++) if (match[i] === null) open.push(i);
    if (open.length !== 1 || storedEnd <= prevStored) return;
    const free: number[] = [];
    for (let j = prevStored + 1; j < storedEnd; j++) if (!used.has(j)) free.push(j);
    if (free.length !== 1) return;
    match[open[0]] = free[0];
    used.add(free[0]);
  };
  match.forEach((m, i) => {
    if (m === null) return;
    closeGap(i, m);
    prevRevision = i;
    prevStored = m;
  });
  closeGap(match.length, ordered.length);
  return match.map((m) => (m === null ? null : ordered[m].id));
}
