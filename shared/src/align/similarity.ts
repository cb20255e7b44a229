/**
 * Levenshtein distance over UTF-16 code units, bit-parallel (Myers 1999, in Hyyrö's blocked
 * form as used by Edlib): O(⌈m/32⌉·n) word operations, so a pair of 300-character sentences
 * costs ~3,000 steps instead of 90,000 DP cells. Alignment scores many candidate pairs per
 * changed hunk, and this keeps a 10,000-segment revision well inside its time budget.
 */

/** Per code unit: 1 + its index in the pattern's alphabet, 0 when absent. Reset after each call. */
const alphabetIndex = new Int32Array(0x10000);

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let start = 0;
  let endA = a.length;
  let endB = b.length;
  while (start < endA && start < endB && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  // The shorter string is the pattern: fewer 32-bit blocks per column.
  const [p, pFrom, pTo, t, tFrom, tTo] =
    endA - start <= endB - start ? [a, start, endA, b, start, endB] : [b, start, endB, a, start, endA];
  const m = pTo - pFrom;
  if (m === 0) return tTo - tFrom;
  return myers(p, pFrom, m, t, tFrom, tTo);
}

function myers(p: string, pFrom: number, m: number, t: string, tFrom: number, tTo: number): number {
  const blocks = (m + 31) >>> 5;
  const alphabet: number[] = [];
  for (let i = 0; i < m; i++) {
    const c = p.charCodeAt(pFrom + i);
    if (alphabetIndex[c] === 0) {
      alphabet.push(c);
      alphabetIndex[c] = alphabet.length;
    }
  }
  const peq = new Int32Array((alphabet.length + 1) * blocks);
  for (let i = 0; i < m; i++) {
    const row = alphabetIndex[p.charCodeAt(pFrom + i)];
    peq[row * blocks + (i >>> 5)] |= 1 << (i & 31);
  }
  const pv = new Int32Array(blocks).fill(-1);
  const mv = new Int32Array(blocks);
  const lastBit = 1 << ((m - 1) & 31);
  let score = m;
  for (let j = tFrom; j < tTo; j++) {
    const base = alphabetIndex[t.charCodeAt(j)] * blocks;
    // Row 0 of the DP grows by one per column: the incoming horizontal delta of block 0 is +1.
    let hin = 1;
    for (let k = 0; k < blocks; k++) {
      let eq = peq[base + k];
      const pvk = pv[k];
      const mvk = mv[k];
      const xv = eq | mvk;
      if (hin < 0) eq |= 1;
      const xh = (((eq & pvk) + pvk) ^ pvk) | eq;
      let ph = mvk | ~(xh | pvk);
      let mh = pvk & xh;
      const high = k === blocks - 1 ? lastBit : 0x80000000 | 0;
      const hout = (ph & high) !== 0 ? 1 : (mh & high) !== 0 ? -1 : 0;
      ph <<= 1;
      mh <<= 1;
      if (hin < 0) mh |= 1;
      else if (hin > 0) ph |= 1;
      pv[k] = mh | ~(xv | ph);
      mv[k] = ph & xv;
      hin = hout;
    }
    score += hin;
  }
  for (const c of alphabet) alphabetIndex[c] = 0;
  return score;
}

/** 1 − Levenshtein / max length; 1 for two empty strings. */
export function similarity(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  return max === 0 ? 1 : 1 - levenshtein(a, b) / max;
}

/**
 * The similarity when it can reach `threshold`, else -1 without computing the distance: the
 * distance is at least the length difference, so `min/max < threshold` rules a pair out.
 */
export function similarityAtLeast(a: string, b: string, threshold: number): number {
  const max = Math.max(a.length, b.length);
  if (max === 0) return 1;
  if (Math.min(a.length, b.length) / max < threshold) return -1;
  const s = 1 - levenshtein(a, b) / max;
  return s >= threshold ? s : -1;
}
