import { codesToText, parseCodedText } from '../segment/codes.js';
import type { SourceRun } from '../segment/types.js';
import { classifyEdit } from './classify.js';
import { alignmentKey } from './key.js';
import type { ChangeKind } from './types.js';

import { isDone, type TranslationState } from '../workflow.js';

export type { TranslationState };

/** What a translation row holds (server/migrations/001_init.sql, table `translations`). */
export interface TranslationRowState {
  text: string;
  state: TranslationState;
  version: number;
  basedOnRevision: number | null;
  /** While stale: the source the text was made against (what the word diff starts from). */
  previousSource: string | null;
  stateBeforeStale: string | null;
  /** While stale: 'modified' | 'minor'; on a new segment's row: 'split' | 'merged' | 'removed' (handed over). */
  changeClass: string | null;
  suggestion: string | null;
}

export interface SourceChange {
  kind: ChangeKind;
  /** Source texts (with inline codes) before and after; for a merge, the old texts joined by a space. */
  oldSource: string;
  newSource: string;
  /** The revision being published. */
  revision: number;
  sourceChanged?: boolean;
}

/**
 * The one rule for what a source change does to a translation (style.md "Tolgee"), pure:
 * `revisionEffects` (align/effects.ts) calls it for every modified or minor segment and revision
 * publishing writes the returned row as it is, with a history event when `changed`. `version` is
 * already bumped in a changed row.
 *
 * - unchanged, moved (also with a whitespace/typography-only `sourceChanged`), added, removed:
 *   the row is untouched; a removed segment is retired by the caller, never deleted.
 * - modified, minor: a translated or approved row goes stale, keeping its text, the revision it
 *   was based on, the source it was made against (`previousSource`), its state and the change
 *   class. A row already stale keeps its ORIGINAL `previousSource` and state, so the diff shows
 *   everything since the translator's version; its class is recomputed against that original
 *   (two minor edits can add up to a modification), and if the source went back to exactly
 *   what was translated, the row is current again in its old state. Untranslated stays
 *   untranslated.
 * - split, merged: the old row stays with the retired segment, untouched (like removed). The
 *   NEW segment's row is `newSegmentRow`'s: untranslated, the old translations as `suggestion`.
 *
 * Locked (non-translatable) segments have no row: callers do not call this for them.
 */
export function applyStaleRule(row: TranslationRowState, change: SourceChange): { row: TranslationRowState; changed: boolean } {
  switch (change.kind) {
    case 'modified':
    case 'minor':
      return goStale(row, change);
    default:
      return { row, changed: false };
  }
}

function goStale(row: TranslationRowState, change: SourceChange): { row: TranslationRowState; changed: boolean } {
  if (isDone(row.state)) {
    return {
      row: {
        ...row,
        state: 'stale',
        version: row.version + 1,
        previousSource: change.oldSource,
        stateBeforeStale: row.state,
        changeClass: change.kind,
      },
      changed: true,
    };
  }
  if (row.state !== 'stale') return { row, changed: false };
  const translatedFrom = row.previousSource ?? change.oldSource;
  if (alignmentKey(translatedFrom) === alignmentKey(change.newSource)) {
    const back = row.stateBeforeStale === 'approved' ? 'approved' : 'translated';
    return {
      row: { ...row, state: back, version: row.version + 1, previousSource: null, stateBeforeStale: null, changeClass: null },
      changed: true,
    };
  }
  const changeClass = classifyEdit(translatedFrom, change.newSource).kind;
  if (changeClass === row.changeClass && row.previousSource !== null) return { row, changed: false };
  return { row: { ...row, version: row.version + 1, previousSource: translatedFrom, changeClass }, changed: true };
}

export interface SuggestionPart {
  translation: TranslationRowState | null;
  /** The old segment's source text (with inline codes). */
  source: string;
}

/**
 * For a segment born of a split or merge: the old translations, in order, joined by a space
 * (all eight target languages write spaces between sentences), and the old source text(s) they
 * were made against. A stale part was made against its `previousSource`; an untranslated part
 * that carried a suggestion passes the suggestion on. For a merge, each part's inline codes are
 * renumbered after the codes of the parts before it, as the merged source numbers them.
 */
export function suggestionFor(parts: readonly SuggestionPart[]): { suggestion: string | null; previousSource: string } {
  const texts: string[] = [];
  const sources: string[] = [];
  let offset = 0;
  for (const { translation: t, source } of parts) {
    const usable = t && (t.state === 'untranslated' ? t.suggestion : t.text)?.trim();
    const madeAgainst = usable && t.previousSource && (t.state === 'stale' || t.state === 'untranslated') ? t.previousSource : source;
    sources.push(madeAgainst);
    if (usable) texts.push(offset ? shiftCodes(usable, offset) : usable);
    offset += maxCode(source);
  }
  return { suggestion: texts.length ? texts.join(' ') : null, previousSource: sources.join(' ') };
}

/**
 * The row a new translatable segment starts with in one language, as publishing writes it:
 * untranslated; when it was born of a split or merge, or handed the translations of segments
 * removed in its hunk (`removed`), those old translations as its suggestion and the class
 * that says where they came from.
 */
export function newSegmentRow(
  revision: number,
  derived?: { kind: 'split' | 'merged' | 'removed'; parts: readonly SuggestionPart[] },
): TranslationRowState {
  const { suggestion, previousSource } = derived ? suggestionFor(derived.parts) : { suggestion: null, previousSource: null };
  return {
    text: '',
    state: 'untranslated',
    version: 1,
    basedOnRevision: revision,
    previousSource,
    stateBeforeStale: null,
    changeClass: derived?.kind ?? null,
    suggestion,
  };
}

function maxCode(text: string): number {
  let max = 0;
  for (const m of text.matchAll(/<\/?(\d+)\/?>/g)) max = Math.max(max, Number(m[1]));
  return max;
}

function shiftCodes(text: string, offset: number): string {
  const parsed = parseCodedText(text);
  if (!parsed.ok) return text;
  const runs = parsed.runs.map((r) => (r.type === 'text' ? r : { ...r, id: r.id + offset }));
  // codesToText reads only type, id and text; the codes' kinds do not matter for the text form.
  return codesToText(runs as SourceRun[]);
}
