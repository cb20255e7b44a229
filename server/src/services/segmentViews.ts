import { plainOfCoded, wordDiff, type LanguageCode } from '@lockstep/shared';
import type { Segment, Sendable } from '@lockstep/shared/api';
import type { SegmentWithTranslation } from '../repos/segments.js';

/**
 * A segment as the API shows it: a stale translation carries the word diff from the source
 * its translator worked from to the current source (api.md), computed on plain text.
 */
export function segmentView(row: SegmentWithTranslation, sourceLang: LanguageCode): Sendable<Segment> {
  const { plain, ...rest } = row;
  const t = row.translation;
  if (!t) return { ...rest, translation: null };
  const diff = t.state === 'stale' && t.previousSource !== null ? wordDiff(plainOfCoded(t.previousSource), plain, sourceLang) : null;
  return { ...rest, translation: { ...t, diff } };
}
