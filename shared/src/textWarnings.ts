import { checkSegment } from './qa/segmentChecks.js';
import type { QaWarning, SegmentQaCode, SegmentQaInput } from './qa/types.js';

/**
 * Advisory findings on a saved translation: the QA checks (shared/src/qa, docs/qa-checks.md)
 * plus the save's own `unchanged`. The text is saved anyway; the editor shows them.
 */
export type Warning = QaWarning<SegmentQaCode | 'unchanged'>;

/** The warnings a save returns: every segment-level QA check on the saved text. */
export function warningsFor(input: SegmentQaInput): Warning[] {
  return checkSegment(input);
}
