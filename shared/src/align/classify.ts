import { alignmentKey, codeSkeleton, similarityKey } from './key.js';
import { similarity } from './similarity.js';

/** architecture.md step 5: a minor edit is at least this similar to what was translated. */
export const MINOR_SIMILARITY = 0.97;

const DIGITS = /\p{Nd}+/gu;
/** Words starting with a capital: names, places, acronyms. Unicase scripts (Hangul, Devanagari) have none. */
const CAPITALISED = /(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}\p{N}]*/gu;

function all(re: RegExp, text: string): string {
  return (text.match(re) ?? []).join(' ');
}

/**
 * Minor or modified, for a source that changed from `oldText` to `newText` (texts with inline
 * codes). Minor = similarity ≥ 0.97 with the same digits, the same capitalised words and the
 * same inline codes: a typo or a punctuation fix, which a reviewer may re-confirm in one click.
 * Codes are part of the rule because a translation without a code the source gained cannot be
 * re-confirmed as it is.
 */
export function classifyEdit(oldText: string, newText: string, knownSimilarity?: number): { kind: 'minor' | 'modified'; similarity: number } {
  const oldKey = alignmentKey(oldText);
  const newKey = alignmentKey(newText);
  const sim = knownSimilarity ?? similarity(similarityKey(oldKey), similarityKey(newKey));
  const minor =
    sim >= MINOR_SIMILARITY &&
    all(DIGITS, oldKey) === all(DIGITS, newKey) &&
    all(CAPITALISED, oldKey) === all(CAPITALISED, newKey) &&
    codeSkeleton(oldKey) === codeSkeleton(newKey);
  return { kind: minor ? 'minor' : 'modified', similarity: sim };
}
