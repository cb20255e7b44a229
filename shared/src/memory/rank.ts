import { wordDiff, type DiffPart } from '../align/wordDiff.js';
import type { LanguageCode } from '../languages.js';
import { identicalMatch, memoryMatcher, readableText } from './match.js';

/** `imported`: a unit of a TMX file (no document or segment: `documentId` and `segmentId` are ''). */
export type MemoryOrigin = 'this-segment' | 'other-segment' | 'imported';

/** A stored translation the database found for a segment, before scoring. */
export interface MemoryCandidate {
  /** The translation (coded text). */
  text: string;
  /** The source it was made against (coded text). */
  source: string;
  /**
   * This segment's own text made for an earlier source of the segment (`source` is that
   * earlier source): it translates what the segment said then, not what it says now.
   */
  earlierSource: boolean;
  origin: MemoryOrigin;
  /** For `imported`: the name the file was imported under. */
  importedFrom?: string;
  documentId: string;
  segmentId: string;
  state: string;
  updatedAt: Date | string;
  /**
   * `matchTokens(source)`, when the caller has them already (the candidate index stores every
   * text's: migration 026), so ranking does not cut the source into words again. Not part of
   * a suggestion.
   */
  sourceTokens?: readonly string[];
}

export interface MemorySuggestion extends MemoryCandidate {
  /** 0–100, see `memoryMatch`. */
  match: number;
  /** Word diff from the suggestion's source to the current source. */
  diff: DiffPart[];
}

/** Other segments' translations below this match are noise, not help. */
export const MIN_MEMORY_MATCH = 50;
export const DEFAULT_MEMORY_LIMIT = 10;
export const MAX_MEMORY_LIMIT = 50;
/**
 * Sources longer than this many characters are compared only for identity: word-level edit
 * similarity (here) and trigram search (in the database) grow with the length, and one very
 * long sentence made every lookup of it take seconds to minutes (issue 18). Real sentences
 * are far shorter: the demo statement's longest is under 300 characters.
 */
export const DEFAULT_MEMORY_FUZZY_MAX_CHARS = 1_000;

export interface RankInput {
  /** This segment's earlier translations in the language, newest first. */
  own: readonly MemoryCandidate[];
  /** Other segments' translations with a similar source, in any order. */
  others: readonly MemoryCandidate[];
  currentSource: string;
  /** The segment's current translation text ('' when untranslated): never suggested back. */
  currentText: string;
  sourceLang: LanguageCode;
  limit: number;
  /** A candidate or current source longer than this is scored only when identical (`identicalMatch`); default DEFAULT_MEMORY_FUZZY_MAX_CHARS. */
  fuzzyMaxChars?: number;
}

const time = (d: Date | string) => (typeof d === 'string' ? Date.parse(d) : d.getTime());
const blank = (s: string) => s.trim() === '';

/**
 * The suggestions a translator sees: this segment's own earlier texts first (newest first: they
 * were made for this very sentence), then other segments' translations best match first
 * (approved before translated, then newest, on a tie). Each text appears once, under its best
 * source; the current text is never offered back.
 */
export function rankSuggestions(input: RankInput): MemorySuggestion[] {
  const seen = new Set<string>([input.currentText]);
  const maxChars = input.fuzzyMaxChars ?? DEFAULT_MEMORY_FUZZY_MAX_CHARS;
  const fuzzy = input.currentSource.length <= maxChars;
  // null: too long to compare word by word, and not identical. Once per distinct source: a
  // lookup's candidates are often several translations of one stored text.
  const fuzzyMatch = memoryMatcher(input.currentSource, input.sourceLang);
  const matches = new Map<string, number | null>();
  const matchOf = (c: MemoryCandidate): number | null => {
    let match = matches.get(c.source);
    if (match === undefined) {
      match = fuzzy && c.source.length <= maxChars ? fuzzyMatch(c.source, c.sourceTokens) : identicalMatch(c.source, input.currentSource);
      matches.set(c.source, match);
    }
    return match;
  };

  // The word diff costs like the word comparison (240 ms for two equal 20,000-character
  // texts): past the limit, equal texts are one equal part, others are shown whole, old and new.
  const diffOf = (source: string): DiffPart[] => {
    if (fuzzy && source.length <= maxChars) return wordDiff(source, input.currentSource, input.sourceLang);
    const [before, after] = [readableText(source), readableText(input.currentSource)];
    return before === after ? [{ op: 'equal', text: after }] : [{ op: 'removed', text: before }, { op: 'added', text: after }];
  };

  const own: MemorySuggestion[] = [];
  for (const c of input.own) {
    if (own.length >= input.limit) break;
    if (blank(c.text) || seen.has(c.text)) continue;
    const match = matchOf(c);
    if (match === null) continue;
    seen.add(c.text);
    own.push({ ...suggested(c), match, diff: diffOf(c.source) });
  }

  const best = new Map<string, { candidate: MemoryCandidate; match: number }>();
  for (const c of input.others) {
    if (blank(c.text) || seen.has(c.text)) continue;
    const match = matchOf(c);
    if (match === null || match < MIN_MEMORY_MATCH) continue;
    const held = best.get(c.text);
    if (!held || compareOthers({ candidate: c, match }, held) < 0) best.set(c.text, { candidate: c, match });
  }
  const others = [...best.values()]
    .sort(compareOthers)
    .slice(0, Math.max(0, input.limit - own.length))
    .map(({ candidate, match }) => ({ ...suggested(candidate), match, diff: diffOf(candidate.source) }));
  return [...own, ...others];
}

/** A candidate as a suggestion shows it: without the tokens that only served its scoring. */
function suggested(c: MemoryCandidate): Omit<MemoryCandidate, 'sourceTokens'> {
  const { sourceTokens: _tokens, ...rest } = c;
  return rest;
}

function compareOthers(a: { candidate: MemoryCandidate; match: number }, b: { candidate: MemoryCandidate; match: number }): number {
  if (a.match !== b.match) return b.match - a.match;
  const approved = Number(b.candidate.state === 'approved') - Number(a.candidate.state === 'approved');
  if (approved !== 0) return approved;
  return time(b.candidate.updatedAt) - time(a.candidate.updatedAt);
}
