import type { LanguageCode } from '../languages.js';
import type { BlockKind, HoistedWrapper, SourceRun } from '../segment/types.js';

/** A segment of the source revision, as stored (the aligner never re-segments the source). */
export interface BitextSourceSegment {
  id: string;
  blockIndex: number;
  blockKind: BlockKind;
  /** With inline codes (`<1>…</1>`). */
  text: string;
  plain: string;
  runs: readonly SourceRun[];
  translatable: boolean;
  wrapper?: HoistedWrapper | null;
}

export interface BitextInput {
  sourceLang: LanguageCode;
  targetLang: LanguageCode;
  source: readonly BitextSourceSegment[];
  /** The published translation, as Markdown. */
  targetMarkdown: string;
}

/** One proposed translation: one or more source segments ↔ one or more target sentences. */
export interface BitextPair {
  /** The source segments it covers, in document order (two for a 2:1 step). */
  segmentIds: string[];
  /** The target sentences joined, with the first segment's inline codes where they could be matched. */
  text: string;
  /** The target sentences, as segmented (two for a 1:2 step). */
  sentences: string[];
  /** 0…1: how sure the aligner is; the review page shows the least sure first. */
  confidence: number;
  /** True when `text` carries exactly the first segment's inline codes (so it can be saved as it is). */
  codesMatch: boolean;
}

export interface BitextResult {
  pairs: BitextPair[];
  /** Translatable source segments no target sentence was found for. */
  unmatchedSource: string[];
  /** Target sentences that match no source segment (a translator's note, an added line). */
  unmatchedTarget: string[];
  /** Locked source segments (site name, language menu, addresses) found in the target and left out. */
  lockedMatched: number;
}

/** A unit of either side the dynamic programs compare: a segment, or a block of them. */
export interface Unit {
  chars: number;
  anchors: Anchors;
}

export interface Anchors {
  numbers: string[];
  urls: string[];
  emails: string[];
  /** Latin-script words that start with a capital (names, acronyms), lower-cased. */
  names: string[];
  questions: number;
  exclamations: number;
  codes: number;
}
