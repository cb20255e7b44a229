/**
 * Progress arithmetic, in one place (style.md, Tolgee): every screen and every API answer
 * counts the same way. Locked segments are complete by construction; stale work is not.
 */
export const PROGRESS_STATES = ['untranslated', 'translated', 'stale', 'approved', 'locked'] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

export type StateCounts = Record<ProgressState, number> & { total: number };

export function emptyCounts(): StateCounts {
  return { total: 0, untranslated: 0, translated: 0, stale: 0, approved: 0, locked: 0 };
}

export function addToCounts(counts: StateCounts, state: ProgressState, n = 1): void {
  counts[state] += n;
  counts.total += n;
}

/** (translated + approved + locked) / total; an empty document is complete. */
export function completeFraction(c: StateCounts): number {
  return c.total === 0 ? 1 : (c.translated + c.approved + c.locked) / c.total;
}

export interface LanguageProgress {
  segments: StateCounts;
  words: StateCounts;
  complete: number;
  /** The newest revision against which this language was complete, or null. */
  completeAgainstRevision: number | null;
  lastActivity: string | null;
}
