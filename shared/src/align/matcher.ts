import { similarityAtLeast } from './similarity.js';

/**
 * Thresholds of architecture.md steps 3–4. Short segments need more: one word in a 25-character
 * endorser line is a different endorser, not an edit. The global pass (moved and edited) needs
 * more still, since nothing but the text says the two are related.
 */
export const THRESHOLDS = {
  pair: 0.5,
  shortPair: 0.75,
  splitMerge: 0.75,
  global: 0.8,
  globalShort: 0.9,
  /** "Under 40 characters". */
  shortLength: 40,
} as const;

/** Scores every candidate of a hunk up to this many old × new segments; larger hunks use a word index. */
const FULL_SEARCH = 64;
/** Candidates per new segment taken from the word index; bounds the work on large hunks and globally. */
const PER_SEGMENT = 6;
/** A word in more segments than this says nothing about which one is the source (`the`, `Russia`). */
const COMMON_WORD = 48;
/**
 * Word-overlap floors: an edit that keeps half the characters keeps far more than 30% of the
 * words (checked for pairs from the index only), and each part of a split or merge lies mostly
 * inside the whole (checked always). Without them a rewritten 10,000-segment document scores
 * ~600,000 hopeless candidates.
 */
const MIN_OVERLAP = 0.3;
const MIN_PART_INSIDE = 0.6;
const MAX_K = 3;

export interface Match {
  olds: number[];
  news: number[];
  sim: number;
}

export interface MatchContext {
  /** Similarity keys (alignment keys, code numbers dropped) by old and new index. */
  oldKeys: readonly string[];
  newKeys: readonly string[];
  /** Word sets, filled on first use. */
  oldWords: (Set<string> | undefined)[];
  newWords: (Set<string> | undefined)[];
}

export function matchContext(oldKeys: readonly string[], newKeys: readonly string[]): MatchContext {
  return { oldKeys, newKeys, oldWords: [], newWords: [] };
}

/** Step 3: 1:1, 1:k and k:1 candidates inside one hunk, paired greedily best first. */
export function matchInHunk(ctx: MatchContext, olds: readonly number[], news: readonly number[]): Match[] {
  if (!olds.length || !news.length) return [];
  const candidates: Match[] = [];
  const seen = new Set<string>();
  const add = (o: number[], n: number[], threshold: number) => {
    const id = `${o.join(',')}>${n.join(',')}`;
    if (seen.has(id)) return;
    seen.add(id);
    const sim = score(ctx, o, n, threshold);
    if (sim >= 0) candidates.push({ olds: o, news: n, sim });
  };
  const full = olds.length * news.length <= FULL_SEARCH;
  for (const [oi, ni] of candidatePairs(ctx, olds, news, full ? olds.length : PER_SEGMENT)) {
    const o = olds[oi];
    const n = news[ni];
    const [ow, nw] = [oldWords(ctx, o), newWords(ctx, n)];
    const shared = overlap(ow, nw);
    if (full || shared / Math.max(ow.size, nw.size, 1) >= MIN_OVERLAP) add([o], [n], pairThreshold(ctx, o, n));
    if (shared / Math.max(nw.size, 1) >= MIN_PART_INSIDE) for (const w of windowsAround(news, ni)) add([o], w, THRESHOLDS.splitMerge);
    if (shared / Math.max(ow.size, 1) >= MIN_PART_INSIDE) for (const w of windowsAround(olds, oi)) add(w, [n], THRESHOLDS.splitMerge);
  }
  return greedy(candidates);
}

/** Step 4, second half: what is left anywhere, 1:1 only, with the higher threshold. */
export function matchGlobally(ctx: MatchContext, olds: readonly number[], news: readonly number[]): Match[] {
  if (!olds.length || !news.length) return [];
  const candidates: Match[] = [];
  for (const [oi, ni] of candidatePairs(ctx, olds, news, PER_SEGMENT)) {
    const o = olds[oi];
    const n = news[ni];
    const [ow, nw] = [oldWords(ctx, o), newWords(ctx, n)];
    if (overlap(ow, nw) / Math.max(ow.size, nw.size, 1) < MIN_OVERLAP) continue;
    const short = Math.min(ctx.oldKeys[o].length, ctx.newKeys[n].length) < THRESHOLDS.shortLength;
    const sim = similarityAtLeast(ctx.oldKeys[o], ctx.newKeys[n], short ? THRESHOLDS.globalShort : THRESHOLDS.global);
    if (sim >= 0) candidates.push({ olds: [o], news: [n], sim });
  }
  return greedy(candidates);
}

function pairThreshold(ctx: MatchContext, o: number, n: number): number {
  return Math.min(ctx.oldKeys[o].length, ctx.newKeys[n].length) < THRESHOLDS.shortLength ? THRESHOLDS.shortPair : THRESHOLDS.pair;
}

function score(ctx: MatchContext, olds: number[], news: number[], threshold: number): number {
  const a = olds.length === 1 ? ctx.oldKeys[olds[0]] : olds.map((i) => ctx.oldKeys[i]).join(' ');
  const b = news.length === 1 ? ctx.newKeys[news[0]] : news.map((i) => ctx.newKeys[i]).join(' ');
  return similarityAtLeast(a, b, threshold);
}

/**
 * Runs of 2..3 segments of `list` that include list[at] and span at most one document position
 * more than they hold: the parts of a split may have a new sentence between them (a split and
 * a sentence inserted in the middle, in one revision).
 */
function windowsAround(list: readonly number[], at: number): number[][] {
  const out: number[][] = [];
  const near: number[] = [];
  for (let i = Math.max(0, at - MAX_K); i < Math.min(list.length, at + MAX_K + 1); i++) if (Math.abs(list[i] - list[at]) <= MAX_K) near.push(list[i]);
  const choose = (from: number, picked: number[], k: number) => {
    if (picked.length === k) {
      if (picked.includes(list[at]) && picked[k - 1] - picked[0] <= k) out.push([...picked]);
      return;
    }
    for (let i = from; i < near.length; i++) choose(i + 1, [...picked, near[i]], k);
  };
  for (let k = 2; k <= MAX_K; k++) choose(0, [], k);
  return out;
}

/**
 * Which (old, new) positions in the lists to score: all of them when `perNew` covers the old
 * list, else for each new segment the `perNew` old ones sharing the most distinctive words.
 */
function candidatePairs(ctx: MatchContext, olds: readonly number[], news: readonly number[], perNew: number): [number, number][] {
  const out: [number, number][] = [];
  if (perNew >= olds.length) {
    for (let ni = 0; ni < news.length; ni++) for (let oi = 0; oi < olds.length; oi++) out.push([oi, ni]);
    return out;
  }
  const index = new Map<string, number[]>();
  olds.forEach((o, oi) => {
    for (const w of oldWords(ctx, o)) {
      const list = index.get(w);
      if (list) list.push(oi);
      else index.set(w, [oi]);
    }
  });
  const weight = new Float64Array(olds.length);
  const touched: number[] = [];
  const best: number[] = [];
  news.forEach((n, ni) => {
    for (const w of newWords(ctx, n)) {
      const list = index.get(w);
      if (!list || list.length > COMMON_WORD) continue;
      for (const oi of list) {
        if (weight[oi] === 0) touched.push(oi);
        weight[oi] += 1 / list.length;
      }
    }
    // The perNew heaviest, by insertion into a short sorted list (ties: document order).
    best.length = 0;
    for (const oi of touched) {
      let at = best.length;
      while (at > 0 && (weight[best[at - 1]] < weight[oi] || (weight[best[at - 1]] === weight[oi] && best[at - 1] > oi))) at--;
      if (at < perNew) {
        best.splice(at, 0, oi);
        if (best.length > perNew) best.pop();
      }
    }
    for (const oi of best) out.push([oi, ni]);
    for (const oi of touched) weight[oi] = 0;
    touched.length = 0;
  });
  return out;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

function wordsOf(key: string): Set<string> {
  return new Set(key.toLowerCase().match(WORD) ?? []);
}
function oldWords(ctx: MatchContext, o: number): Set<string> {
  return (ctx.oldWords[o] ??= wordsOf(ctx.oldKeys[o]));
}
function newWords(ctx: MatchContext, n: number): Set<string> {
  return (ctx.newWords[n] ??= wordsOf(ctx.newKeys[n]));
}
function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a.size <= b.size ? a : b) if ((a.size <= b.size ? b : a).has(w)) n++;
  return n;
}

function greedy(candidates: Match[]): Match[] {
  candidates.sort(
    (x, y) =>
      y.sim - x.sim || x.olds.length + x.news.length - (y.olds.length + y.news.length) || x.olds[0] - y.olds[0] || x.news[0] - y.news[0],
  );
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const chosen: Match[] = [];
  for (const c of candidates) {
    if (c.olds.some((o) => usedOld.has(o)) || c.news.some((n) => usedNew.has(n))) continue;
    for (const o of c.olds) usedOld.add(o);
    for (const n of c.news) usedNew.add(n);
    chosen.push(c);
  }
  return chosen;
}
