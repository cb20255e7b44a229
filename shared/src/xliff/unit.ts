import { checkCodes, idsOf, numberCodes, runsToText, toRuns, type Token } from './content.js';
import { unescapeNoteText } from './escape.js';
import type { ReadUnit, ReadWarning, UnitProblem, XliffNote } from './model.js';
import { intentOf12, intentOf20, type State20 } from './states.js';

/** What a version's reader knows about a unit when it closes; `finishUnit` does the rest. */
export interface RawUnit {
  id: string;
  line: number;
  source: readonly Token[];
  /** null: no target at all. */
  target: readonly Token[] | null;
  /** Set when a multi-segment unit has targets for only some segments. */
  partial?: string;
  fileState: string | null;
  fileSubState: string | null;
  translate: boolean;
  /**
   * 1.2 only, the unit's `approved`: its presence picks the 1.2 state mapping, its absence the
   * 2.x one (data, not a closure per unit: see Reader20's failInUnit).
   */
  approved?: boolean;
  segments: number;
  /** Every note of the unit, Lockstep's own included, as written (escapes not yet resolved). */
  notes: readonly XliffNote[];
  sourceHash?: string;
}

/** `problem`: a reason the reader already has to refuse the unit (it is still listed and counted). */
export function finishUnit(raw: RawUnit, warnings: ReadWarning[], problem?: UnitProblem): ReadUnit {
  const numbers = numberCodes(raw.source, raw.target);
  const sourceRuns = toRuns(raw.source, numbers);
  const source = runsToText(sourceRuns);
  const targetRuns = raw.target && !raw.partial ? toRuns(raw.target, numbers) : null;
  const target = targetRuns ? runsToText(targetRuns) : null;
  const { intent, warning } =
    raw.approved === undefined
      ? intentOf20(target, raw.fileState as State20 | null, raw.fileSubState, raw.translate)
      : intentOf12(target, raw.fileState, raw.fileSubState, raw.approved, raw.translate);
  if (warning) warnings.push({ unit: raw.id, message: warning });
  const unit: ReadUnit = {
    id: raw.id,
    line: raw.line,
    source,
    sourceRuns,
    target,
    targetRuns,
    codeIds: { source: idsOf(raw.source), target: raw.target ? idsOf(raw.target) : [] },
    fileState: raw.fileState,
    fileSubState: raw.fileSubState,
    intent,
    translate: raw.translate,
    segments: raw.segments,
    notes: [],
  };
  for (const note of raw.notes) {
    const text = unescapeNoteText(note.text);
    const category = note.category === undefined ? undefined : unescapeNoteText(note.category);
    // Lockstep's own notes come back as the fields they were written from.
    if (category === 'lockstep:previous-source' && unit.previousSource === undefined) unit.previousSource = text;
    else if (category === 'lockstep:suggestion' && unit.suggestion === undefined) unit.suggestion = text;
    else unit.notes.push(category === undefined ? { text } : { category, text });
  }
  if (raw.sourceHash) unit.sourceHash = raw.sourceHash;
  const rejected: UnitProblem | undefined =
    problem ?? (raw.partial ? { code: 'partial_target', message: raw.partial } : checkCodes(source, target, sourceRuns, targetRuns));
  if (rejected) unit.rejected = rejected;
  return unit;
}
