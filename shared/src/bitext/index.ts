import { LANGUAGES } from '../languages.js';
import { alignBlocks } from './blocks.js';
import { pairText } from './codes.js';
import { expectedRatio, STEP_COST } from './lengths.js';
import { sourceSide, targetSide, type Sentence } from './sides.js';
import type { BitextInput, BitextPair, BitextResult } from './types.js';

export type * from './types.js';

/*
 * Aligning a published translation with the source's stored segments (issue 26): blocks by
 * structure first (blocks.ts), then sentences inside each block pair (sentences.ts), each
 * scored by length and anchors. Pure and deterministic; the server runs it on a parse thread.
 */

/** Cost → 0…1: a clean 1:1 pair scores above 0.9; a merge or split pays half its prior. */
function confidenceOf(cost: number, steps: number, moved: boolean): number {
  const prior = steps > 2 ? STEP_COST.oneTwo / 2 : 0;
  const c = 1 / (1 + Math.exp(cost - prior - 2.6));
  return Math.round(c * (moved ? 0.85 : 1) * 100) / 100;
}

export function alignTranslation(input: BitextInput): BitextResult {
  const src = sourceSide(input.source, input.sourceLang);
  const tgt = targetSide(input.targetMarkdown, input.targetLang, src.locked);
  const targetLatin = LANGUAGES[input.targetLang].script === 'Latn';
  const sourceChars = src.blocks.reduce((n, b) => n + b.chars, 0);
  const targetChars = tgt.blocks.reduce((n, b) => n + b.chars, 0);
  const ratio = expectedRatio(input.sourceLang, input.targetLang, sourceChars, targetChars);
  const runsOf = new Map(input.source.map((s) => [s.id, s.runs]));

  const blocks = alignBlocks(src.blocks, tgt.blocks, { ratio, targetLatin });
  const pairs: BitextPair[] = [];
  const unmatchedSource: string[] = [];
  const unmatchedTarget: Sentence[] = [];
  for (const i of blocks.source) unmatchedSource.push(...src.blocks[i].sentences.map((s) => s.key));
  for (const j of blocks.target) unmatchedTarget.push(...tgt.blocks[j].sentences);

  for (const bp of blocks.pairs) {
    const ss = bp.source.flatMap((i) => src.blocks[i].sentences);
    const ts = bp.target.flatMap((j) => tgt.blocks[j].sentences);
    for (const step of bp.steps) {
      const s = step.source.map((k) => ss[k]);
      const t = step.target.map((k) => ts[k]);
      if (!t.length) unmatchedSource.push(...s.map((x) => x.key));
      else if (!s.length) unmatchedTarget.push(...t);
      else {
        const { text, codesMatch } = pairText(runsOf.get(s[0].key) ?? [], t.map((x) => x.runs));
        const confidence = confidenceOf(step.cost, s.length + t.length, bp.moved) * (codesMatch ? 1 : 0.8);
        pairs.push({
          segmentIds: s.map((x) => x.key),
          text,
          sentences: t.map((x) => x.text),
          confidence: Math.round(confidence * 100) / 100,
          codesMatch,
        });
      }
    }
  }
  const order = new Map(input.source.map((s, k) => [s.id, k]));
  pairs.sort((a, b) => order.get(a.segmentIds[0])! - order.get(b.segmentIds[0])!);
  unmatchedSource.sort((a, b) => order.get(a)! - order.get(b)!);
  unmatchedTarget.sort((a, b) => Number(a.key) - Number(b.key));
  return { pairs, unmatchedSource, unmatchedTarget: unmatchedTarget.map((t) => t.text), lockedMatched: tgt.lockedMatched };
}
export * from './apply.js';
export { htmlToMarkdown } from './html.js';
