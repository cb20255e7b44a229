import type { ProgressState } from '../progress.js';
import type { SourceRun } from '../segment/types.js';

/*
 * The one document model of the XLIFF writer (style.md: one model, two small serializers) and
 * the shape the reader hands back. Texts that carry inline codes use the api.md grammar
 * (`<1>…</1>`, `<2/>`, `\<` for a literal `<`), so the server can compare and store them as
 * they are; the source is given as runs because only runs know each code's kind.
 */

export type XliffVersion = '2.0' | '1.2';

/** A unit's Lockstep state: the four translation states plus `locked` (do not translate). */
export type XliffUnitState = ProgressState;

export interface XliffNote {
  /** 2.0 `<note category>`; 1.2 has no category, so it goes to `<note from>`. */
  category?: string;
  text: string;
}

/** One segment of one target language, as exported. */
export interface XliffUnit {
  /** Our segment id (`s123`); the unit id in the file. Must be an XML NMTOKEN. */
  id: string;
  source: readonly SourceRun[];
  /**
   * The translation, text with codes. Written for `translated`, `stale` and `approved` (which
   * need one) and never for `untranslated` or `locked`. Code numbers not in the source are
   * written as codes without a type (a stale translation may predate a source change).
   */
  target?: string | null;
  state: XliffUnitState;
  /** The source the translation (or suggestion) was made against: a `lockstep:previous-source` note. */
  previousSource?: string | null;
  /** A split/merge suggestion: a `lockstep:suggestion` note (1.2 also an `<alt-trans>`), never a target. */
  suggestion?: string | null;
  /** Context for the translator. Categories starting `lockstep:` are reserved. */
  notes?: readonly XliffNote[];
  /** Per-unit stamp: 2.0 `ls:sourceHash` on `<unit>`, 1.2 `extradata="lockstep:…"`. A bonus only. */
  sourceHash?: string | null;
  /**
   * An untranslated unit written with its source as the target, still marked not translated
   * (1.2 `state="needs-translation"`, 2.0 `state="initial"`): what OmegaT and other CAT tools
   * expect (the `omegat` export profile). The import never takes such a copy as a translation.
   */
  prefill?: boolean;
}

/** One file = one target language of one document at one revision. */
export interface XliffFileMeta {
  /** The export ledger's id: 2.0 `<file id>`, 1.2 `<file original>`. Must be an XML NMTOKEN. */
  exportId: string;
  documentId: string;
  revision: number;
  srcLang: string;
  trgLang: string;
}

/** Read side ---------------------------------------------------------------------------- */

/** XLIFF 1.0 and 1.1 are read with the 1.2 rules; 2.1 and 2.2 with the 2.0 rules. */
export type XliffReadVersion = '1.0' | '1.1' | '1.2' | '2.0' | '2.1' | '2.2';

/**
 * What the file's state says the target is, mapped conservatively (xliff.md "State mapping"):
 * `stale` only for Lockstep's own marker, `needs-review` for every other review, unknown or
 * `x-*` state and for a target whose explicit state says it is not translated yet.
 */
export type XliffIntent = 'untranslated' | 'translated' | 'stale' | 'needs-review' | 'approved' | 'locked';

export interface ReadWarning {
  unit?: string;
  message: string;
}

/** Why a unit cannot be used as a Lockstep translation; the unit is still listed. */
export interface UnitProblem {
  code: 'codes' | 'partial_target' | 'binary_unit';
  message: string;
}

export interface ReadUnit {
  id: string;
  /** Line of the unit's start tag, for messages. */
  line: number;
  /** Source and target as text with codes; codes renumbered only when the file's ids are not 1, 2, … */
  source: string;
  sourceRuns: SourceRun[];
  /** null: no target element (2.x: no segment has one). A multi-segment 2.x unit is joined. */
  target: string | null;
  targetRuns: SourceRun[] | null;
  /** The inline-code ids as the file wrote them, in order of first use. */
  codeIds: { source: string[]; target: string[] };
  /** The state as the file said it: 1.2 `<target state>`, 2.x `<segment state>` (the least advanced segment's). */
  fileState: string | null;
  /** 1.2 `state-qualifier`, 2.x `subState`. */
  fileSubState: string | null;
  intent: XliffIntent;
  /** Effective `translate` (inherited from file/group). */
  translate: boolean;
  /** 2.x `<segment>`s in the unit; 1.2 `<seg-source>`'s `<mrk mtype="seg">`s, 1 without a `<seg-source>`. */
  segments: number;
  previousSource?: string;
  suggestion?: string;
  /** Every other note, in document order (2.0 category; 1.2 `from`). */
  notes: XliffNote[];
  sourceHash?: string;
  rejected?: UnitProblem;
}

export interface ReadFile {
  /** 2.x `<file id>`; 1.2 `<file original>`. */
  id: string;
  /** Where Lockstep puts its export id: the same value as `id`. */
  exportId: string;
  original?: string;
  /** Lockstep's stamps when the file was written by Lockstep. */
  documentId?: string;
  revision?: number;
  srcLang: string;
  trgLang?: string;
  units: ReadUnit[];
}

export interface XliffReadStats {
  files: number;
  units: number;
  segments: number;
  /** Units per state as the file said it (`none` for a 1.2 unit without state). */
  states: Record<string, number>;
  rejected: number;
}

export interface XliffReadResult {
  version: XliffReadVersion;
  /** The encoding the bytes were decoded with (WHATWG name: `iso-8859-1` reads as `windows-1252`). */
  encoding: string;
  srcLang: string;
  trgLang?: string;
  files: ReadFile[];
  warnings: ReadWarning[];
  stats: XliffReadStats;
}

export interface XliffReadOptions {
  /** Default 20 MB (api.md: XLIFF uploads up to 20 MB). Above → XliffError 'too_large'. */
  maxBytes?: number;
  /** The languages the caller needs (region variants and `fil` accepted with a warning). */
  expect?: { srcLang?: string; trgLang?: string };
}

/** Revisions are 32-bit integers in the database; a file claiming a larger one claims none. */
export const XLIFF_MAX_REVISION = 2 ** 31 - 1;

/** The revision a Lockstep attribute states, if it is one we could have written. */
export function revisionOf(attribute: string | undefined): number | undefined {
  if (!attribute || !/^[1-9][0-9]{0,9}$/.test(attribute)) return undefined;
  const n = Number(attribute);
  return n <= XLIFF_MAX_REVISION ? n : undefined;
}

export const XLIFF_MAX_BYTES = 20 * 1024 * 1024;
