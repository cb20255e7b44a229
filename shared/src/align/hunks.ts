import { diffArrays } from 'diff';

/** A changed region between two runs of equal tokens: old [oldStart, oldEnd) became new [newStart, newEnd). */
export interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

export interface SequenceDiff {
  /** For each new position, the old position it is equal to in order, or -1. */
  newToOld: Int32Array;
  hunks: Hunk[];
}

/**
 * Equal tokens in order (architecture.md step 2), as `diffArrays` finds them. Myers' diff costs
 * O((N+M)·D): ~130 ms for a 10,000-segment revision with 7% edits. Tokens that occur once on each
 * side are matched first (their longest increasing run, as in patience diff) and `diffArrays` runs
 * only between those anchors, which makes the same revision take a few milliseconds. With
 * unique anchors the result is the same as Myers' except where a longest common subsequence is
 * not unique, where either answer is a valid "equal keys in order".
 */
export function diffSequences(a: readonly number[], b: readonly number[]): SequenceDiff {
  const newToOld = new Int32Array(b.length).fill(-1);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) {
    newToOld[pre] = pre;
    pre++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > pre && endB > pre && a[endA - 1] === b[endB - 1]) newToOld[--endB] = --endA;

  let prevA = pre;
  let prevB = pre;
  for (const [i, j] of uniqueAnchors(a, b, pre, endA, endB)) {
    matchGap(a, b, prevA, i, prevB, j, newToOld);
    newToOld[j] = i;
    prevA = i + 1;
    prevB = j + 1;
  }
  matchGap(a, b, prevA, endA, prevB, endB, newToOld);
  return { newToOld, hunks: hunksOf(newToOld, a.length) };
}

/**
 * `diffArrays` between two anchors, on the tokens found on both sides only: an edited segment's
 * key is on one side alone and can never be equal, and leaving it out keeps Myers' D small
 * (a run of 200 edited segments is otherwise 400 edits of work).
 */
function matchGap(a: readonly number[], b: readonly number[], a0: number, a1: number, b0: number, b1: number, out: Int32Array): void {
  if (a0 >= a1 || b0 >= b1) return;
  const inA = new Set<number>();
  for (let i = a0; i < a1; i++) inA.add(a[i]);
  const bAt: number[] = [];
  const inB = new Set<number>();
  for (let j = b0; j < b1; j++) {
    if (inA.has(b[j])) {
      bAt.push(j);
      inB.add(b[j]);
    }
  }
  if (!bAt.length) return;
  const aAt: number[] = [];
  for (let i = a0; i < a1; i++) if (inB.has(a[i])) aAt.push(i);
  let i = 0;
  let j = 0;
  for (const part of diffArrays(aAt.map((x) => a[x]), bAt.map((x) => b[x]))) {
    const n = part.count;
    if (part.added) j += n;
    else if (part.removed) i += n;
    else for (let k = 0; k < n; k++) out[bAt[j++]] = aAt[i++];
  }
}

/** Pairs (old, new) of tokens unique on both sides, longest increasing subsequence by new position. */
function uniqueAnchors(a: readonly number[], b: readonly number[], from: number, endA: number, endB: number): [number, number][] {
  const seen = new Map<number, { i: number; j: number; na: number; nb: number }>();
  for (let i = from; i < endA; i++) {
    const e = seen.get(a[i]);
    if (e) e.na++;
    else seen.set(a[i], { i, j: -1, na: 1, nb: 0 });
  }
  for (let j = from; j < endB; j++) {
    const e = seen.get(b[j]);
    if (e) {
      e.nb++;
      e.j = j;
    }
  }
  const pairs: [number, number][] = [];
  for (const e of seen.values()) if (e.na === 1 && e.nb === 1) pairs.push([e.i, e.j]);
  pairs.sort((x, y) => x[0] - y[0]);
  return longestIncreasing(pairs);
}

/** Patience sorting: O(n log n) longest subsequence increasing in the second coordinate. */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const j = pairs[k][1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pairs[tails[mid]][1] < j) lo = mid + 1;
      else hi = mid;
    }
    prev[k] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = k;
  }
  const out: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) out.push(pairs[k]);
  return out.reverse();
}

function hunksOf(newToOld: Int32Array, oldLength: number): Hunk[] {
  const hunks: Hunk[] = [];
  let lastOld = -1;
  let start = -1;
  for (let j = 0; j <= newToOld.length; j++) {
    const i = j < newToOld.length ? newToOld[j] : oldLength;
    if (i < 0) {
      if (start < 0) start = j;
      continue;
    }
    const newStart = start < 0 ? j : start;
    if (newStart < j || i > lastOld + 1) hunks.push({ oldStart: lastOld + 1, oldEnd: i, newStart, newEnd: j });
    start = -1;
    lastOld = i;
  }
  return hunks;
}
