import type { LanguageCode } from '../languages.js';

/*
 * Gale & Church (1993): the length of a translation in characters is roughly proportional to
 * its source's, with a variance that grows with the length. The ratio depends on the two
 * scripts and languages (Korean needs about half the characters of English), so each language
 * has its characters per English character; the document's own ratio then corrects it.
 */

/** Characters per English character, measured on the demo statement's translations. */
const CHARS_PER_ENGLISH: Record<LanguageCode, number> = {
  en: 1,
  es: 1.13,
  pt: 1.1,
  fr: 1.17,
  tl: 1.22,
  el: 1.12,
  ru: 1.05,
  hi: 1.02,
  ko: 0.48,
};

/** Variance of the target length per source character (Gale & Church's s²). */
const VARIANCE = 6.8;

export function expectedRatio(source: LanguageCode, target: LanguageCode, sourceChars: number, targetChars: number): number {
  const table = CHARS_PER_ENGLISH[target] / CHARS_PER_ENGLISH[source];
  if (sourceChars < 200 || targetChars < 200) return table;
  // The document's ratio, kept within a factor 1.5 of the table's (omitted paragraphs bias it).
  const observed = Math.min(table * 1.5, Math.max(table / 1.5, targetChars / sourceChars));
  return Math.sqrt(table * observed);
}

/** Standard normal tail: P(|Z| ≥ z), by the Abramowitz–Stegun approximation of erfc. */
function twoSidedTail(z: number): number {
  const t = 1 / (1 + 0.3275911 * (z / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-(z * z) / 2);
}

/** −log of the probability that a source of `s` characters becomes a target of `t`. */
export function lengthCost(s: number, t: number, ratio: number): number {
  if (s === 0 && t === 0) return 0;
  const mean = (s + t / ratio) / 2;
  const delta = (t - s * ratio) / Math.sqrt(Math.max(mean, 1) * VARIANCE * ratio);
  return -Math.log(Math.max(twoSidedTail(Math.abs(delta)), 1e-6));
}

/** −log of each step's prior probability (Gale & Church's table). */
export const STEP_COST = {
  oneOne: -Math.log(0.89),
  oneTwo: -Math.log(0.089 / 2),
  deletion: -Math.log(0.0099 / 2),
} as const;
