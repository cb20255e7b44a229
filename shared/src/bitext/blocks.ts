import type { Step } from './dp.js';
import { alignPath } from './dp.js';
import { STEP_COST } from './lengths.js';
import { alignSentences, type StepCache } from './sentences.js';
import type { Side } from './sides.js';

/*
 * First pass: blocks. Headings, list items and paragraphs are paired in order by their kind,
 * their emphasis wrapper and how well their sentences align (the sentence pass's own cost:
 * lengths and anchors, sentence by sentence, so a paragraph's profile tells two paragraphs of
 * equal length apart). A translator who merged two paragraphs or split one gives a 2:1 or 1:2
 * step. Then blocks left unpaired on both sides (moved paragraphs) are paired by the same
 * score, best first, when that beats leaving both out.
 */

export interface BlockPair {
  source: number[];
  target: number[];
  /** The sentence alignment inside the pair. */
  steps: Step[];
  /** Paired out of order (a moved paragraph): a little less sure. */
  moved: boolean;
}

interface Env {
  ratio: number;
  targetLatin: boolean;
  cache: StepCache;
}

/** A sentence left out inside a paired block costs a little more than one left out with its block. */
const INNER_DELETION_EXTRA = 1;
const DELETION = STEP_COST.deletion;
/** Translators merge or split paragraphs far less often than sentences: a dearer step. */
const BLOCK_MERGE = 9;
/** Per sentence: a 1:1 block pairing costlier than this is worth comparing with a merge or split. */
const MERGE_WORTH_TRYING = 1;
/** How far from the diagonal the block pass looks (blocks); farther moves are the moved-block pass's. */
const BLOCK_BAND = 12;

function inner(s: readonly Side[], t: readonly Side[], env: Env): { cost: number; steps: Step[] } {
  const steps = alignSentences(
    s.flatMap((b) => b.sentences),
    t.flatMap((b) => b.sentences),
    env.ratio,
    env.targetLatin,
    env.cache,
  );
  let cost = 0;
  for (const step of steps) cost += step.cost + (step.source.length === 0 || step.target.length === 0 ? INNER_DELETION_EXTRA : 0);
  if (s[0].kind !== t[0].kind || s[s.length - 1].kind !== t[t.length - 1].kind) cost += 3;
  if (s[0].wrapper !== t[0].wrapper) cost += 0.7;
  return { cost, steps };
}

/** A sentence step this costly (far below any plausible translation) makes its block pair doubtful. */
const SUSPECT_STEP = 8;

/** …or sentence steps this costly on average. */
const SUSPECT_MEAN = 3;
const meanCost = (steps: readonly Step[]) => steps.reduce((n, x) => n + x.cost, 0) / Math.max(1, steps.length);

/** Per sentence: how much better a far block must fit than the order-keeping pass's own pairing. */
const OWN_PAIR_EDGE = 1.5;

const deletionOf = (b: Side) => DELETION + 1.5 * (b.sentences.length - 1);

export function alignBlocks(source: readonly Side[], target: readonly Side[], env: Omit<Env, 'cache'>): { pairs: BlockPair[]; source: number[]; target: number[] } {
  const cache = new Map<string, { cost: number; steps: Step[] }>();
  const withCache: Env = { ...env, cache: new Map() };
  const group = (i: number, ns: number, j: number, nt: number) => {
    const key = `${i},${ns},${j},${nt}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = inner(source.slice(i, i + ns), target.slice(j, j + nt), withCache);
      cache.set(key, hit);
    }
    return hit;
  };
  const path = alignPath(
    source.length,
    target.length,
    (i, ns, j, nt) => {
      if (nt === 0) return deletionOf(source[i]);
      if (ns === 0) return deletionOf(target[j]);
      if (ns === 1 && nt === 1) return group(i, 1, j, 1).cost;
      // A merged or split paragraph leaves the 1:1 pairing of its first block poor; where that
      // fits well, the dearer step is not worth aligning (most of the block pass's work).
      const one = group(i, 1, j, 1);
      if (one.cost / (source[i].sentences.length + target[j].sentences.length) < MERGE_WORTH_TRYING) return Infinity;
      return BLOCK_MERGE + group(i, ns, j, nt).cost;
    },
    BLOCK_BAND,
  );
  const pairs: BlockPair[] = [];
  const lostSource: number[] = [];
  const lostTarget: number[] = [];
  const suspects: BlockPair[] = [];
  for (const step of path) {
    if (step.source.length && step.target.length) {
      const { steps } = group(step.source[0], step.source.length, step.target[0], step.target.length);
      // A pair with a sentence that fits nowhere may be a paragraph moved onto another's
      // place: it competes again with the unpaired blocks below.
      const suspect = step.source.length === 1 && step.target.length === 1 && (steps.some((x) => x.cost > SUSPECT_STEP) || meanCost(steps) > SUSPECT_MEAN);
      if (suspect) {
        suspects.push({ source: step.source, target: step.target, steps, moved: false });
        lostSource.push(...step.source);
        lostTarget.push(...step.target);
      } else pairs.push({ source: step.source, target: step.target, steps, moved: false });
    } else if (step.source.length) lostSource.push(...step.source);
    else lostTarget.push(...step.target);
  }
  // Moved paragraphs: every unpaired source block against every unpaired target block, best first.
  const candidates: { i: number; j: number; cost: number; steps: Step[] }[] = [];
  for (const i of lostSource) {
    for (const j of lostTarget) {
      const r = inner([source[i]], [target[j]], withCache);
      const limit = deletionOf(source[i]) + deletionOf(target[j]) - 3;
      // The order-keeping pass's own pairing keeps an edge: a far block must fit clearly better.
      const own = suspects.some((x) => x.source[0] === i && x.target[0] === j) ? OWN_PAIR_EDGE : 0;
      const perSentence = r.cost / (source[i].sentences.length + target[j].sentences.length) - own;
      if (r.cost < limit || own > 0) candidates.push({ i, j, cost: perSentence, steps: r.steps });
    }
  }
  candidates.sort((a, b) => a.cost - b.cost);
  const takenS = new Set<number>();
  const takenT = new Set<number>();
  for (const c of candidates) {
    if (takenS.has(c.i) || takenT.has(c.j)) continue;
    takenS.add(c.i);
    takenT.add(c.j);
    pairs.push({ source: [c.i], target: [c.j], steps: c.steps, moved: true });
  }
  // A doubtful pair nothing better was found for stays as it was.
  for (const pair of suspects) {
    if (takenS.has(pair.source[0]) || takenT.has(pair.target[0])) continue;
    takenS.add(pair.source[0]);
    takenT.add(pair.target[0]);
    pairs.push(pair);
  }
  pairs.sort((a, b) => a.source[0] - b.source[0]);
  return { pairs, source: lostSource.filter((i) => !takenS.has(i)), target: lostTarget.filter((j) => !takenT.has(j)) };
}
