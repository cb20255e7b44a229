import { alignmentKey } from '../align/key.js';
import { validateCodedText } from '../segment/codes.js';
import type { SourceRun } from '../segment/types.js';
import type { ReadUnit } from './model.js';

/**
 * What importing one XLIFF unit does (xliff.md "Import rules"), pure and in one place: never
 * lose work, never overwrite silently. The server gathers the facts; this decides.
 */
export type ImportOutcome = 'applied' | 'unchanged' | 'conflict' | 'unknown' | 'rejected';

export interface ImportFacts {
  unit: ReadUnit;
  /** The live segment with this id in the document; undefined when there is none. */
  segment?: { source: string; sourceRuns: readonly SourceRun[]; translatable: boolean; sourceHash: string };
  /** The server's translation now. */
  current?: { text: string; state: string; version: number } | null;
  /** What the export ledger says was exported; undefined when the file names no export we know. */
  exported?: { translationVersion: number | null; sourceHash: string; text: string };
  /** The importer may approve in this language (else approvals in the file are capped). */
  mayApprove: boolean;
}

export type ImportDecision =
  | { outcome: 'unknown'; reason: string }
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'unchanged'; reason?: string }
  | { outcome: 'conflict'; reason: string; suggestion: string }
  | { outcome: 'applied'; text: string; state: 'translated' | 'approved' };

export function decideImport(f: ImportFacts): ImportDecision {
  const { unit, segment, current } = f;
  if (!segment) return { outcome: 'unknown', reason: 'The document has no live segment with this id.' };
  if (unit.rejected) return { outcome: 'rejected', reason: unit.rejected.message };
  // Locked segments are copied from the source; whatever a tool wrote there is not a translation.
  if (!segment.translatable || !current) return { outcome: 'unchanged', reason: 'locked' };
  const target = unit.target?.normalize('NFC') ?? '';
  // An empty target (needs-translation, initial) applies nothing.
  if (target.trim() === '') return { outcome: 'unchanged' };
  const codes = validateCodedText(target, segment.sourceRuns);
  if (!codes.ok) return { outcome: 'rejected', reason: codes.problems.map((p) => p.message).join(' ') };

  const sourceChanged = f.exported
    ? f.exported.sourceHash !== segment.sourceHash
    : alignmentKey(unit.source) !== alignmentKey(segment.source);
  const exportedText = f.exported ? f.exported.text : current.text;
  const wantsApproval = unit.intent === 'approved' && f.mayApprove;

  if (target === exportedText) {
    // Many CAT tools never touch the text of a unit they only reviewed: same text, raised state.
    if (wantsApproval && current.state === 'translated' && current.text === target && !sourceChanged) {
      return { outcome: 'applied', text: target, state: 'approved' };
    }
    return { outcome: 'unchanged' };
  }
  if (sourceChanged) {
    return { outcome: 'conflict', reason: 'The source of this segment changed since the file was exported.', suggestion: target };
  }
  if (current.text === target) return { outcome: 'unchanged' };
  if (f.exported && f.exported.translationVersion !== current.version) {
    return {
      outcome: 'conflict',
      reason: 'The translation on the server changed since the file was exported, and differs from the file.',
      suggestion: target,
    };
  }
  return { outcome: 'applied', text: target, state: wantsApproval ? 'approved' : 'translated' };
}

/**
 * The answer to an XLIFF import (api.md "XLIFF"), dry run or applied: every unit id under
 * exactly one outcome. One type for the server that builds it and the clients that read it.
 */
export interface ImportReport {
  /** The export the file came from (the ledger), when the file names one of ours. */
  exportId: string | null;
  applied: string[];
  unchanged: string[];
  conflicts: { unit: string; reason: string }[];
  unknown: string[];
  rejected: { unit: string; reason: string }[];
  warnings: { unit?: string; message: string }[];
}
