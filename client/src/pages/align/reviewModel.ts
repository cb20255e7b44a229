import type { AlignPair, AlignProposal } from '@lockstep/shared/api';

/*
 * The reviewer's working copy of a proposal (issue 26), pure so it is unit-tested: rows in
 * document order, each some source segments and the target sentences proposed for them. The
 * reviewer moves a boundary (a sentence passes to the neighbouring row), merges two rows,
 * splits one that covers several segments, or drops a row; the rows kept are what "Apply"
 * sends. A row whose sentences are as proposed keeps the proposal's text (its inline codes
 * renumbered onto the source's); an edited row sends its sentences joined.
 */

export interface ReviewRow {
  /** Stable for React keys and focus, across edits. */
  key: string;
  segmentIds: string[];
  versions: number[];
  sentences: string[];
  confidence: number;
  /** The proposal's text while the sentences are untouched, else null. */
  proposedText: string | null;
  dropped: boolean;
}

export function rowsOf(proposal: Pick<AlignProposal, 'pairs'>): ReviewRow[] {
  return proposal.pairs.map((p: AlignPair, k) => ({
    key: `r${k}`,
    segmentIds: [...p.segmentIds],
    versions: [...p.versions],
    sentences: [...p.sentences],
    confidence: p.confidence,
    proposedText: p.text,
    dropped: false,
  }));
}

const edited = (row: ReviewRow, change: Partial<ReviewRow>): ReviewRow => ({ ...row, proposedText: null, ...change });

/** The last sentence of row i moves to the start of row i + 1. */
export function moveLastDown(rows: readonly ReviewRow[], i: number): ReviewRow[] {
  const [a, b] = [rows[i], rows[i + 1]];
  if (!a || !b || a.sentences.length < 2) return [...rows];
  const out = [...rows];
  out[i] = edited(a, { sentences: a.sentences.slice(0, -1) });
  out[i + 1] = edited(b, { sentences: [a.sentences[a.sentences.length - 1], ...b.sentences] });
  return out;
}

/** The first sentence of row i + 1 moves to the end of row i. */
export function moveFirstUp(rows: readonly ReviewRow[], i: number): ReviewRow[] {
  const [a, b] = [rows[i], rows[i + 1]];
  if (!a || !b || b.sentences.length < 2) return [...rows];
  const out = [...rows];
  out[i] = edited(a, { sentences: [...a.sentences, b.sentences[0]] });
  out[i + 1] = edited(b, { sentences: b.sentences.slice(1) });
  return out;
}

/** Rows i and i + 1 become one (a translator's merge of two source sentences). */
export function mergeWithNext(rows: readonly ReviewRow[], i: number): ReviewRow[] {
  const [a, b] = [rows[i], rows[i + 1]];
  if (!a || !b) return [...rows];
  const merged = edited(a, {
    segmentIds: [...a.segmentIds, ...b.segmentIds],
    versions: [...a.versions, ...b.versions],
    sentences: [...a.sentences, ...b.sentences],
    confidence: Math.min(a.confidence, b.confidence),
    dropped: a.dropped && b.dropped,
  });
  return [...rows.slice(0, i), merged, ...rows.slice(i + 2)];
}

/** A row of several segments becomes two: its first segment with its first sentence, and the rest. */
export function split(rows: readonly ReviewRow[], i: number): ReviewRow[] {
  const a = rows[i];
  if (!a || a.segmentIds.length < 2 || a.sentences.length < 2) return [...rows];
  const first = edited(a, { segmentIds: a.segmentIds.slice(0, 1), versions: a.versions.slice(0, 1), sentences: a.sentences.slice(0, 1) });
  const rest = edited(a, { key: `${a.key}s`, segmentIds: a.segmentIds.slice(1), versions: a.versions.slice(1), sentences: a.sentences.slice(1) });
  return [...rows.slice(0, i), first, rest, ...rows.slice(i + 1)];
}

export function toggleDropped(rows: readonly ReviewRow[], i: number): ReviewRow[] {
  return rows.map((r, k) => (k === i ? { ...r, dropped: !r.dropped } : r));
}

export const canSplit = (row: ReviewRow) => row.segmentIds.length > 1 && row.sentences.length > 1;

export function textOf(row: ReviewRow): string {
  return row.proposedText ?? row.sentences.join(' ');
}

/** What "Apply" sends: the rows kept. */
export function pairsToApply(rows: readonly ReviewRow[]): { segmentIds: string[]; text: string; versions: number[] }[] {
  return rows.filter((r) => !r.dropped && r.sentences.length > 0).map((r) => ({ segmentIds: r.segmentIds, text: textOf(r), versions: r.versions }));
}

/** Row indices (document order) for display: least sure first, or as in the document. */
export function displayOrder(rows: readonly ReviewRow[], leastSureFirst: boolean): number[] {
  const order = rows.map((_, k) => k);
  return leastSureFirst ? order.sort((a, b) => rows[a].confidence - rows[b].confidence || a - b) : order;
}
