import { DONE_STATES, TRANSLATION_STATES } from './workflow.js';

/**
 * Progress arithmetic, in one place (style.md, Tolgee): every screen and every API answer
 * counts the same way. Locked segments (language menu, site name, e-mail line) are counted
 * and shown, but they are copied from the source, not translated: they are not work, so they
 * are neither done nor to do. Stale work is to do.
 */
export const PROGRESS_STATES = [...TRANSLATION_STATES, 'locked'] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

/** What the segment list can be filtered by: a state, or `needs-work` (a translation not done). */
export const SEGMENT_FILTERS = [...PROGRESS_STATES, 'needs-work', 'open-questions'] as const;
export type SegmentFilter = (typeof SEGMENT_FILTERS)[number];

export type StateCounts = Record<ProgressState, number> & { total: number };

export function emptyCounts(): StateCounts {
  return { total: 0, untranslated: 0, translated: 0, stale: 0, approved: 0, locked: 0 };
}

export function addToCounts(counts: StateCounts, state: ProgressState, n = 1): void {
  counts[state] += n;
  counts.total += n;
}

/**
 * done (`DONE_STATES`) / (total − locked), by segments or by words: a language nobody has
 * touched is at 0 however many locked lines the document has. With nothing to translate
 * (no segments, or locked ones only) nothing is left to do: 1, which is also what the
 * counters record as complete (nothing untranslated or stale, migration 002).
 */
export function completeFraction(c: StateCounts): number {
  const work = c.total - c.locked;
  return work === 0 ? 1 : DONE_STATES.reduce((done, s) => done + c[s], 0) / work;
}

export interface LanguageProgress {
  segments: StateCounts;
  words: StateCounts;
  complete: number;
  /** The newest revision against which this language was complete, or null. */
  completeAgainstRevision: number | null;
  lastActivity: string | null;
  /** Questions still open in this language (those for all languages included). */
  openQuestions: number;
}
