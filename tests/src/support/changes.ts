import { nextStep } from '@lockstep/shared';
import type { TranslationChange } from '@lockstep/server/repos/translations';

/**
 * A translator's edit as a save writes it (the row `nextStep` returns), for tests and benches
 * that call the repository directly. The text must differ from the stored one; the edit's row
 * depends on nothing else of it but its version.
 */
export function editChange(c: { segmentId: string; lang: string; text: string; userId: number | null; revision: number; expectedVersion: number }): TranslationChange {
  const current = { text: '', state: 'untranslated' as const, version: c.expectedVersion, suggestion: null };
  const step = nextStep(current, { kind: 'edit', text: c.text }, { mayApprove: false, revision: c.revision });
  if (!step.write) throw new Error('an edit to an empty text always writes');
  return { segmentId: c.segmentId, lang: c.lang, kind: step.kind, row: step.row, userId: c.userId, expectedVersion: c.expectedVersion };
}
