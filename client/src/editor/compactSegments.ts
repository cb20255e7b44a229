import { codesToText } from '@lockstep/shared';
import type { CompactSegment, Segment, Translation } from '../types';

/**
 * A translation as the editor holds it: what the compact list sends (`CompactTranslation`)
 * with its empty fields written out. A translation a write returned (`Translation`) is one too.
 * No `diff`: a row works out a stale segment's diff itself (`staleDiff`) when it is shown.
 */
export type EditorTranslation = Pick<Translation, 'text' | 'state' | 'version' | 'previousSource' | 'suggestion'>;

/** A segment as the editor holds it: the compact list's fields, with `source` and the empty ones written out. */
export type EditorSegment = Omit<Segment, 'words' | 'translation'> & { translation: EditorTranslation | null };

/**
 * One segment of the compact list (`view=compact`) as the editor holds it: the fields left
 * out get their empty values and `source` is written from `sourceRuns` (the server makes it
 * the same way: `codesToText`).
 */
export function fromCompact(segment: CompactSegment): EditorSegment {
  const { translation, lockReason, hoisted, derivedFrom, openQuestions, ...rest } = segment;
  return {
    ...rest,
    source: codesToText(segment.sourceRuns),
    lockReason: lockReason ?? null,
    hoisted: hoisted ?? null,
    derivedFrom: derivedFrom ?? [],
    openQuestions: openQuestions ?? 0,
    translation: translation
      ? {
          text: translation.text,
          state: translation.state,
          version: translation.version,
          previousSource: translation.previousSource ?? null,
          suggestion: translation.suggestion ?? null,
        }
      : null,
  };
}
