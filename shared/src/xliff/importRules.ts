import { alignmentKey } from '../align/key.js';
import { validateCodedText } from '../segment/codes.js';
import type { SourceRun } from '../segment/types.js';
import type { TranslationRowState } from '../align/staleRules.js';
import { nextStep, type CurrentRow } from '../workflow.js';
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
  current?: CurrentRow | null;
  /** What the export ledger says was exported; undefined when the file names no export we know. */
  exported?: { translationVersion: number | null; sourceHash: string; text: string };
  /** The importer may approve in this language (else approvals in the file are capped). */
  mayApprove: boolean;
  /** The document's current revision (what an applied text is based on). */
  revision: number;
}

export type ImportDecision =
  | { outcome: 'unknown'; reason: string }
  | { outcome: 'rejected'; reason: string }
  /** `warning`: the reason is one the importer should hear about (it goes to the report's warnings too). */
  | { outcome: 'unchanged'; reason?: string; warning?: boolean }
  | { outcome: 'conflict'; reason: string; suggestion: string }
  /** The row to write, as the workflow rule (`nextStep`) left it. */
  | { outcome: 'applied'; row: TranslationRowState };

/** File states that say "not translated yet" (1.2 `new`/`needs-translation`, 2.x `initial`). */
const UNTOUCHED_STATES: ReadonlySet<string> = new Set(['new', 'needs-translation', 'initial']);

/** The same text as revision alignment reads it (re-wrapped, re-typeset): a copy is a copy whatever the tool did to its spacing. */
const sameText = (a: string, b: string) => alignmentKey(a) === alignmentKey(b);

/**
 * Whether the file may change the translation is this function's (conflicts, codes, locked
 * segments); what an applied unit does to the row is `nextStep`'s, as for an edit.
 */
export function decideImport(f: ImportFacts): ImportDecision {
  const { unit, segment, current } = f;
  // Not importable whatever its id: reported as such rather than as an unknown unit.
  if (unit.rejected?.code === 'binary_unit') return { outcome: 'rejected', reason: unit.rejected.message };
  if (!segment) return { outcome: 'unknown', reason: 'The document has no live segment with this id.' };
  if (unit.rejected) return { outcome: 'rejected', reason: unit.rejected.message };
  // Locked segments are copied from the source; whatever a tool wrote there is not a translation.
  if (!segment.translatable || !current) return { outcome: 'unchanged', reason: 'locked' };
  const target = unit.target?.normalize('NFC') ?? '';
  // An empty target (needs-translation, initial) applies nothing.
  if (target.trim() === '') return { outcome: 'unchanged' };
  // A CAT tool's pre-filled target (our omegat profile, OmegaT, memoQ) that the translator never
  // touched: the source again, in a unit the file still calls new. Never a translation.
  if (unit.fileState !== null && UNTOUCHED_STATES.has(unit.fileState) && (sameText(target, unit.source) || sameText(target, segment.source))) {
    return {
      outcome: 'unchanged',
      reason: `The target is a copy of the source and the file marks it "${unit.fileState}": it is not taken as a translation.`,
      warning: true,
    };
  }
  const codes = validateCodedText(target, segment.sourceRuns);
  if (!codes.ok) return { outcome: 'rejected', reason: codes.problems.map((p) => p.message).join(' ') };

  const sourceChanged = f.exported
    ? f.exported.sourceHash !== segment.sourceHash
    : alignmentKey(unit.source) !== alignmentKey(segment.source);
  const exportedText = f.exported ? f.exported.text : current.text;

  if (target === exportedText) {
    // The tool left the text as exported: only an approval can come of it, of the text the
    // server still has, against the same source.
    if (sourceChanged || current.text !== target) return { outcome: 'unchanged' };
  } else {
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
  }
  const step = nextStep(current, { kind: 'import', text: target, approve: unit.intent === 'approved' }, f);
  return step.write ? { outcome: 'applied', row: step.row } : { outcome: 'unchanged' };
}

/**
 * The answer to an XLIFF import (api.md "XLIFF"), dry run or applied: every unit id under
 * exactly one outcome. One type for the server that builds it and the clients that read it.
 */
export interface ImportReport {
  /** The export the file came from (the ledger), when the file names one of ours. */
  exportId: string | null;
  /** Every unit of the file, in file order, with what importing it does (or did) and why. */
  units: ImportUnitReport[];
  applied: string[];
  unchanged: string[];
  conflicts: { unit: string; reason: string }[];
  unknown: string[];
  rejected: { unit: string; reason: string }[];
  warnings: { unit?: string; message: string }[];
}

/** One unit of an import report: the same id in the file, the editor, the CLI and here. */
export interface ImportUnitReport {
  /** The unit id in the file, which is the segment's stable id (`s40`). */
  unit: string;
  /** The segment's position in the editor (1-based), null for a unit the document does not have. */
  position: number | null;
  outcome: ImportOutcome;
  /** Why (conflict, rejected, unknown, some unchanged), or a warning about an applied/unchanged unit. */
  reason?: string;
  /** The segment's source now (text with codes); null for an unknown unit. */
  source: string | null;
  /** The server's translation now; null when there is none. */
  before: string | null;
  /** The file's target; null when the unit has none. */
  after: string | null;
}
