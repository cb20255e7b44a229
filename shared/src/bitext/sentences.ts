import { anchorCost, mergeAnchors } from './anchors.js';
import { alignPath, type Step } from './dp.js';
import { lengthCost, STEP_COST } from './lengths.js';
import type { Sentence } from './sides.js';

/*
 * Second pass, inside each pair of blocks: Gale–Church over the sentences (characters, the
 * languages' ratio) with the anchors added to each step's cost. 1:2 and 2:1 steps catch a
 * translator who split or merged sentences; 1:0 and 0:1 an omitted or added sentence.
 */

/**
 * Step costs by the sentences' positions: the block pass aligns the same sentences inside many
 * candidate block pairs, so each step is scored once.
 */
export type StepCache = Map<number, number>;

export function alignSentences(source: readonly Sentence[], target: readonly Sentence[], ratio: number, targetLatin: boolean, cache: StepCache = new Map()): Step[] {
  return alignPath(source.length, target.length, (i, ns, j, nt) => {
    if (ns === 0 || nt === 0) return STEP_COST.deletion;
    // Block groups are runs of neighbouring blocks, so a step's sentences are consecutive on
    // each side: the first one's position and the counts name them.
    const key = ((source[i].ord * 3 + ns) * 3 + nt) * 2 ** 24 + target[j].ord;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const cost = stepCost(source.slice(i, i + ns), target.slice(j, j + nt), ratio, targetLatin);
    cache.set(key, cost);
    return cost;
  });
}

const chars = (list: readonly Sentence[]) => list.reduce((n, x) => n + x.chars, 0);

function stepCost(s: readonly Sentence[], t: readonly Sentence[], ratio: number, targetLatin: boolean): number {
  const prior = s.length === 1 && t.length === 1 ? STEP_COST.oneOne : STEP_COST.oneTwo;
  const anchors = (list: readonly Sentence[]) => (list.length === 1 ? list[0].anchors : mergeAnchors(list.map((x) => x.anchors)));
  return prior + lengthCost(chars(s), chars(t), ratio) + anchorCost(anchors(s), anchors(t), targetLatin);
}
