import { wordSegmenter } from '../align/wordDiff.js';
import { parseCodedText } from '../segment/codes.js';

/**
 * How well a stored translation's source matches the source being translated, as the
 * percentage a translator reads next to a translation-memory suggestion:
 *
 * - 100: the same text and the same inline codes (whitespace runs count as one space), so
 *   the suggestion can be inserted as it is;
 * - 99: the same plain text with different inline codes (the suggestion's codes need moving);
 * - otherwise the word-level edit similarity, floored to an integer and capped at 98:
 *   1 − (word insertions + deletions + substitutions) / (words in the longer text), where the
 *   words are the word and punctuation tokens of `Intl.Segmenter` for the source language
 *   (so Hangul, Devanagari and Cyrillic words count as words, and a changed full stop counts).
 *   A token that differs only in letter case costs half a substitution.
 *
 * The database finds candidates through an index of words and word pairs (terms.ts); this is
 * the number shown and ranked by, the same for every candidate whatever found it.
 */
export function memoryMatch(storedSource: string, currentSource: string, lang: string): number {
  return memoryMatcher(currentSource, lang)(storedSource);
}

/**
 * `memoryMatch` of many stored sources against one current source: the current source is
 * tokenised once, not once per stored source (ranking a lookup's ~30 translations tokenised it
 * 30 times, most of the lookup's time in JS), and a stored source not at all when its
 * `matchTokens` are given (the candidate index stores them). The one definition of the score.
 */
export function memoryMatcher(currentSource: string, lang: string): (storedSource: string, storedTokens?: readonly string[]) => number {
  let score: ((tokens: readonly string[]) => number) | undefined;
  return (storedSource, storedTokens) => {
    const identical = identicalMatch(storedSource, currentSource);
    if (identical !== null) return identical;
    score ??= tokenMatcher(matchTokens(currentSource, lang));
    return score(storedTokens ?? matchTokens(storedSource, lang));
  };
}

/** The tokens `memoryMatch` compares a text by: its readable text's words and punctuation. */
export function matchTokens(text: string, lang: string): string[] {
  return wordTokens(plainOf(normaliseSpace(text)), lang);
}

/**
 * `memoryMatch` of two texts that are not the same, from their `matchTokens`: so a lookup that
 * scores many stored texts against one sentence tokenises that sentence once.
 */
export function tokenMatch(tokensA: readonly string[], tokensB: readonly string[]): number {
  return tokenMatcher(tokensB)(tokensA);
}

/**
 * `tokenMatch` of many texts against one (a lookup scores up to 200 stored texts against its
 * sentence): the sentence's lower-cased tokens are made once and each text's once, not two
 * per cell of the edit table (that was most of a lookup's scoring time), and the table's rows
 * are reused. Costs are doubled to stay integers (a case-only difference costs 1 of 2).
 */
export function tokenMatcher(query: readonly string[]): (tokens: readonly string[], min?: number) => number {
  const queryLower = query.map((t) => t.toLowerCase());
  let previous = new Int32Array(query.length + 1);
  let current = new Int32Array(query.length + 1);
  // `min`: a text whose length alone keeps it below this match is not compared word by word
  // (the edit distance is at least the difference in length); its bound, below `min`, is returned.
  return (tokens, min = 0) => {
    const longer = Math.max(tokens.length, query.length);
    if (longer === 0) return 0;
    const bound = Math.floor((1 - Math.abs(tokens.length - query.length) / longer) * 100 + 1e-9);
    if (bound < min) return bound;
    for (let j = 0; j <= query.length; j++) previous[j] = 2 * j;
    for (let i = 1; i <= tokens.length; i++) {
      const token = tokens[i - 1];
      const lower = token.toLowerCase();
      current[0] = 2 * i;
      for (let j = 1; j <= query.length; j++) {
        const substitution = token === query[j - 1] ? 0 : lower === queryLower[j - 1] ? 1 : 2;
        current[j] = Math.min(previous[j] + 2, current[j - 1] + 2, previous[j - 1] + substitution);
      }
      [previous, current] = [current, previous];
    }
    const similarity = 1 - previous[query.length] / 2 / longer;
    return Math.max(0, Math.min(98, Math.floor(similarity * 100 + 1e-9)));
  };
}

/**
 * 100 or 99 when the two sources are the same text (as `memoryMatch` says), else null. Linear
 * in their length, unlike the word-level comparison: what is left of the memory for a source
 * too long to compare word by word (`MEMORY_FUZZY_MAX_CHARS`).
 */
export function identicalMatch(storedSource: string, currentSource: string): 100 | 99 | null {
  const a = normaliseSpace(storedSource);
  const b = normaliseSpace(currentSource);
  if (a === b) return 100;
  return plainOf(a) === plainOf(b) ? 99 : null;
}

/** The text a reader sees: inline codes removed, whitespace runs as one space (as `wordDiff` shows it). */
export function readableText(text: string): string {
  return plainOf(normaliseSpace(text));
}

function normaliseSpace(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Inline codes removed; a text whose `<n>` tags do not parse as codes is already plain. */
function plainOf(text: string): string {
  if (!text.includes('<')) return text;
  const parsed = parseCodedText(text);
  if (!parsed.ok) return text;
  let out = '';
  for (const run of parsed.runs) if (run.type === 'text') out += run.text;
  return out.replace(/\s+/g, ' ').trim();
}


/** Words and punctuation marks, in order; whitespace is not a token. */
export function wordTokens(text: string, lang: string): string[] {
  const tokens: string[] = [];
  for (const s of wordSegmenter(lang).segment(text)) if (s.segment.trim() !== '') tokens.push(s.segment);
  return tokens;
}
