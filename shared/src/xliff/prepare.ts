import { parseCodedText } from '../segment/codes.js';
import type { CodeKind, SourceRun } from '../segment/types.js';
import { XliffError } from './errors.js';
import { isNmtoken } from './escape.js';
import { KINDS } from './inline.js';
import type { XliffFileMeta, XliffNote, XliffUnit, XliffVersion } from './model.js';
import { EXPORT_STATES } from './states.js';

/**
 * Content as both serializers see it: source runs, or a text with codes parsed against the
 * source (codes the source lacks have no kind).
 */
export type Piece =
  | { type: 'text'; text: string }
  | { type: 'open'; id: number; kind?: CodeKind }
  | { type: 'close'; id: number }
  | { type: 'standalone'; id: number; kind?: CodeKind; text?: string };

/** A unit checked and prepared once, whatever the version. */
export interface PreparedUnit {
  id: string;
  state: XliffUnit['state'];
  source: readonly Piece[];
  /** Present exactly when the state's mapping writes a `<target>`, or for a pre-filled untranslated unit. */
  target?: readonly Piece[];
  /** The target is the source, pre-filled for a CAT tool: the unit is still not translated. */
  prefilled?: boolean;
  previousSource?: string;
  suggestion?: string;
  notes: readonly XliffNote[];
  sourceHash?: string;
}

export interface Serializer {
  head(meta: XliffFileMeta): string;
  unit(unit: PreparedUnit): string;
  /** `units`: how many were written (a 2.0 `<file>` needs at least one unit or group). */
  tail(units: number): string;
}

const CODE_KINDS: ReadonlySet<string> = new Set(KINDS);

const RESERVED_NOTES = /^lockstep:(previous-source|suggestion)$/;

export function prepareUnit(unit: XliffUnit, version: XliffVersion, seen: Set<string>): PreparedUnit {
  const fail = (message: string) => new XliffError('invalid_unit', `Unit "${unit.id}": ${message}`, { unit: unit.id });
  if (!isNmtoken(unit.id)) throw fail('the id is not an XML NMTOKEN (2.0 unit ids are).');
  if (seen.has(unit.id)) throw fail('the id is used twice in one file.');
  seen.add(unit.id);
  const mapping = EXPORT_STATES[unit.state]?.[version];
  if (!mapping) throw fail(`"${String(unit.state)}" is not a Lockstep state.`);
  const source = checkedSource(unit.source, fail);
  const prepared: PreparedUnit = { id: unit.id, state: unit.state, source, notes: unit.notes ?? [] };
  if (mapping.target) {
    if (unit.target === undefined || unit.target === null) throw fail(`a ${unit.state} unit needs its translation.`);
    prepared.target = targetPieces(unit.target, unit.source, fail);
  } else if (unit.prefill && unit.state === 'untranslated') {
    prepared.target = source;
    prepared.prefilled = true;
  }
  for (const note of prepared.notes) {
    if (note.category && RESERVED_NOTES.test(note.category)) throw fail(`the note category "${note.category}" is reserved.`);
  }
  if (unit.previousSource) prepared.previousSource = unit.previousSource;
  if (unit.suggestion) prepared.suggestion = unit.suggestion;
  if (unit.sourceHash) prepared.sourceHash = unit.sourceHash;
  return prepared;
}

/** Paired codes must nest: 2.0 `<pc>` and 1.2 `<g>` are elements. */
function checkedSource(runs: readonly SourceRun[], fail: (m: string) => XliffError): Piece[] {
  const open: number[] = [];
  const used = new Set<number>();
  for (const run of runs) {
    if (run.type === 'text') {
      if (typeof run.text !== 'string') throw fail('a source text run has no text.');
      continue;
    }
    if (!Number.isSafeInteger(run.id) || run.id < 1) throw fail(`the source code id ${run.id} is not a positive integer.`);
    if (run.type === 'close') {
      if (open.pop() !== run.id) throw fail(`the source code ${run.id} closes out of order.`);
      continue;
    }
    if (!CODE_KINDS.has(run.kind)) throw fail(`the source code ${run.id} has the unknown kind "${String(run.kind)}".`);
    if (used.has(run.id)) throw fail(`the source code ${run.id} is used twice.`);
    used.add(run.id);
    if (run.type === 'open') open.push(run.id);
  }
  if (open.length) throw fail(`the source code ${open[open.length - 1]} is never closed.`);
  return runs as Piece[];
}

function targetPieces(text: string, source: readonly SourceRun[], fail: (m: string) => XliffError): Piece[] {
  const parsed = parseCodedText(text);
  if (!parsed.ok) throw fail(`the translation's codes are malformed: ${parsed.problems[0].message}`);
  const kinds = new Map<number, SourceRun>();
  for (const run of source) if (run.type === 'open' || run.type === 'standalone') kinds.set(run.id, run);
  return parsed.runs.map((run): Piece => {
    if (run.type === 'text' || run.type === 'close') return run;
    const src = kinds.get(run.id);
    // A code the source has with the same shape keeps its kind; anything else is written bare.
    if (!src || src.type !== run.type) return { type: run.type, id: run.id };
    if (src.type === 'standalone' && src.text !== undefined) return { type: 'standalone', id: run.id, kind: src.kind, text: src.text };
    return { type: run.type, id: run.id, kind: src.kind };
  });
}

/** A text with codes for display only (previous source, suggestion): codes when it parses, else literal text. */
export function displayPieces(text: string): Piece[] {
  const parsed = parseCodedText(text);
  return parsed.ok ? parsed.runs : [{ type: 'text', text }];
}
