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
  const pairs = candidatePairs(ctx, olds, news, olds.length * news.length <= FULL_SEARCH ? olds.length : PER_SEGMENT);
  for (const [oi, ni] of pairs) {
    const o = olds[oi];
    const n = news[ni];
    add([o], [n], pairThreshold(ctx, o, n));
    for (const w of windowsAround(news, ni)) add([o], w, THRESHOLDS.splitMerge);
    for (const w of windowsAround(olds, oi)) add(w, [n], THRESHOLDS.splitMerge);
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

/** Runs of 2..3 consecutive document positions in `list` that include list[at]. */
function windowsAround(list: readonly number[], at: number): number[][] {
  const out: number[][] = [];
  for (let k = 2; k <= MAX_K; k++) {
    for (let s = Math.max(0, at - k + 1); s <= at && s + k <= list.length; s++) {
      if (list[s + k - 1] - list[s] === k - 1) out.push(list.slice(s, s + k));
    }
  }
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
    for (const w of wordsOf(ctx.oldKeys[o])) {
      const list = index.get(w);
      if (!list) index.set(w, [oi]);
      else if (list[list.length - 1] !== oi) list.push(oi);
    }
  });
  const weight = new Float64Array(olds.length);
  const touched: number[] = [];
  news.forEach((n, ni) => {
    for (const w of wordsOf(ctx.newKeys[n])) {
      const list = index.get(w);
      if (!list || list.length > COMMON_WORD) continue;
      for (const oi of list) {
        if (weight[oi] === 0) touched.push(oi);
        weight[oi] += 1 / list.length;
      }
    }
    touched.sort((x, y) => weight[y] - weight[x] || x - y);
    for (const oi of touched.slice(0, perNew)) out.push([oi, ni]);
    for (const oi of touched) weight[oi] = 0;
    touched.length = 0;
  });
  return out;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

function wordsOf(key: string): Set<string> {
  return new Set(key.toLowerCase().match(WORD) ?? []);
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
