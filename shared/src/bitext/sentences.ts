import { anchorCost, mergeAnchors } from './anchors.js';
import { alignPath, type Step } from './dp.js';
import { lengthCost, STEP_COST } from './lengths.js';
import type { Sentence } from './sides.js';

/*
 * Second pass, inside each pair of blocks: Gale–Church over the sentences (characters, the
 * languages' ratio) with the anchors added to each step's cost. 1:2 and 2:1 steps catch a
 * translator who split or merged sentences; 1:0 and 0:1 an omitted or added sentence.
 */

export function alignSentences(source: readonly Sentence[], target: readonly Sentence[], ratio: number, targetLatin: boolean): Step[] {
  return alignPath(source.length, target.length, (i, ns, j, nt) => {
    if (ns === 0 || nt === 0) return STEP_COST.deletion;
    const s = source.slice(i, i + ns);
    const t = target.slice(j, j + nt);
    const prior = ns === 1 && nt === 1 ? STEP_COST.oneOne : STEP_COST.oneTwo;
    const chars = (list: readonly Sentence[]) => list.reduce((n, x) => n + x.chars, 0);
    return (
      prior +
      lengthCost(chars(s), chars(t), ratio) +
      anchorCost(mergeAnchors(s.map((x) => x.anchors)), mergeAnchors(t.map((x) => x.anchors)), targetLatin)
    );
  });
}
