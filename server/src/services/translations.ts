import {
  boundedUserText,
  conflict,
  nextStep,
  warningsFor,
  type Warning,
  type WorkflowAction,
  LockstepError,
  may,
  notFound,
  unprocessable,
  validateCodedText,
  staleDiff,
  type Actor,
  type SourceRun,
} from '@lockstep/shared';
import type { History, Sendable, Translation, TranslationResult as TranslationAnswer } from '@lockstep/shared/api';
import { eventsCommitted } from '../events/committed.js';
import { retrying } from '../db/retrying.js';
import { faultPoint } from '../faults.js';
import type { Db, Queryable } from '../db/db.js';
import * as history from '../repos/history.js';
import { batching } from '../db/batcher.js';
import {
  findTranslation,
  findTranslationTargets,
  writeChangeBatch,
  type AppliedChange,
  type EventKind,
  type TranslationChange,
  type TranslationRow,
  type TranslationTarget,
} from '../repos/translations.js';

/** Far above any sentence; a body of this size is a mistake or an attack, not a translation. */
export const MAX_TRANSLATION_CHARS = 20_000;
export const HISTORY_PAGE_SIZE = 100;

export interface TranslationRef {
  documentId: string;
  segmentId: string;
  lang: string;
}

/** A translation as the API shows it (`updatedAt` still a Date until it is written as JSON). */
type TranslationView = Sendable<Translation>;
type TranslationResult = Sendable<TranslationAnswer>;

/**
 * The same shape as a segment's `translation` in the segment list, with the word diff from the
 * source the translator worked from when it is stale (a 409's `current` can be: a revision
 * came in meanwhile).
 */
function view(t: TranslationRow, found?: Found): TranslationView {
  const { stateBeforeStale: _s, ...rest } = t;
  const diff =
    t.state === 'stale' && t.previousSource !== null && found
      ? staleDiff(t.previousSource, found.segment.plain, found.sourceLang)
      : null;
  return { ...rest, diff };
}

// ---------------------------------------------------------------------------------------
// Checks on the text itself.

/** NFC, within the length limit, not blank. */
export function normaliseTranslationText(text: string): string {
  return boundedUserText(text, MAX_TRANSLATION_CHARS, 'translation');
}

function checkCodes(text: string, sourceRuns: readonly SourceRun[]): void {
  const checked = validateCodedText(text, sourceRuns);
  if (!checked.ok) {
    throw unprocessable(
      'invalid_inline_codes',
      `The inline codes do not match the source: ${checked.problems.map((p) => p.message).join(' ')}`,
      { problems: checked.problems },
    );
  }
}

const UNCHANGED: Warning = { code: 'unchanged', message: 'The text is the same as the saved translation; nothing was saved.' };

// ---------------------------------------------------------------------------------------
// Use cases: each one transaction that checks, writes the translation and appends its event.

type Found = TranslationTarget & { segment: NonNullable<TranslationTarget['segment']> };

// Saves arriving together read their targets and write their changes in one statement each
// (db/batcher.ts).
const targetReader = batching((db, refs: readonly TranslationRef[]) => findTranslationTargets(db, refs));

/**
 * At most one change per translation goes into a statement: a second change to the same
 * translation waits for the next round, and so meets the first one's new version (409) as it
 * would have one request later.
 */
const changeWriter = batching(async (db, changes: readonly TranslationChange[]) => {
  const answers: (AppliedChange | undefined)[] = [];
  let pending = changes.map((_, i) => i);
  while (pending.length > 0) {
    const taken = new Set<string>();
    const round: number[] = [];
    const later: number[] = [];
    for (const i of pending) {
      const key = `${changes[i].segmentId}\n${changes[i].lang}`;
      (taken.has(key) ? later : round).push(i);
      taken.add(key);
    }
    const applied = await writeChangeBatch(
      db,
      round.map((i) => changes[i]),
    );
    round.forEach((i, j) => (answers[i] = applied[j]));
    pending = later;
  }
  return answers;
});

async function requireSegment(db: Queryable, ref: TranslationRef, allowRetired: boolean): Promise<Found> {
  const target = await targetReader(db).load(ref);
  if (!target) throw notFound('document_not_found', `There is no document "${ref.documentId}".`);
  if (!target.targetLangs.includes(ref.lang)) {
    throw notFound('language_not_found', `The document "${ref.documentId}" has no target language "${ref.lang}".`);
  }
  if (!target.segment || (target.segment.retiredIn !== null && !allowRetired)) {
    throw notFound('segment_not_found', `The document "${ref.documentId}" has no segment "${ref.segmentId}" in its current revision.`);
  }
  return { ...target, segment: target.segment };
}

function versionConflict(current: TranslationRow, found: Found): LockstepError {
  return conflict('version_conflict', `The translation changed since you started (it is now at version ${current.version}). Review the current text and try again.`, {
    current: view(current, found),
  });
}

/**
 * One change to one translation. No BEGIN/COMMIT: the checks read, then the write is a single
 * statement (the update, its history event and the progress counters commit together) whose
 * WHERE re-checks the version, so whatever happened since the read either bumped the version
 * (409) or left the checks valid. Two round trips instead of four: saves are the hot path;
 * and both are shared with the saves that arrive at the same time (the batchers above).
 */
async function change(
  db: Queryable,
  actor: Actor,
  ref: TranslationRef,
  version: number,
  decide: (db: Queryable, target: Found) => Promise<WorkflowAction> | WorkflowAction,
): Promise<TranslationResult> {
  return retrying(async () => {
    const target = await requireSegment(db, ref, false);
    if (!target.segment.translatable) {
      throw unprocessable('segment_locked', 'This segment is locked: it is copied from the source and has no translation to write.', {
        lockReason: target.segment.lockReason,
      });
    }
    const current = target.translation;
    if (!current) throw notFound('translation_not_found', `The segment "${ref.segmentId}" has no "${ref.lang}" translation.`);
    // Checked before the text: a stale editor must reload before anything else matters.
    if (current.version !== version) throw versionConflict(current, target);
    const action = await decide(db, target);
    const step = nextStep(current, action, { mayApprove: may(actor, 'approve', ref.lang), revision: target.revision });
    const warnings = action.kind === 'edit' || action.kind === 'revert' ? warningsFor({ sourceCoded: target.segment.source, targetCoded: action.text, sourceLang: target.sourceLang, targetLang: ref.lang }) : [];
    if (!step.write) return { translation: view(current), warnings: [UNCHANGED, ...warnings] };
    await faultPoint('save:before-write');
    const applied = await changeWriter(db).load({
      segmentId: ref.segmentId,
      lang: ref.lang,
      kind: step.kind,
      row: step.row,
      userId: actor.id,
      expectedVersion: version,
    });
    // Another writer from the same version committed first.
    if (!applied) throw versionConflict((await findTranslation(db, ref.segmentId, ref.lang)) ?? current, target);
    // Committed (one statement, no transaction around it): the live event can be numbered.
    eventsCommitted(db, ref.documentId);
    await faultPoint('save:after-write');
    return { translation: view(applied.translation), warnings };
  });
}

export function saveTranslation(db: Db, actor: Actor, ref: TranslationRef, input: { text: string; version: number }) {
  const text = normaliseTranslationText(input.text);
  return change(db, actor, ref, input.version, (_tx, target) => {
    checkCodes(text, target.segment.sourceRuns);
    return { kind: 'edit', text };
  });
}

export function approveTranslation(db: Db, actor: Actor, ref: TranslationRef, input: { version: number }) {
  return change(db, actor, ref, input.version, () => ({ kind: 'approve' }));
}

export function reconfirmTranslation(db: Db, actor: Actor, ref: TranslationRef, input: { version: number }) {
  return change(db, actor, ref, input.version, () => ({ kind: 'reconfirm' }));
}

/** Back to the text of an earlier event: a new event on top, history is never rewritten. */
export function revertTranslation(db: Db, actor: Actor, ref: TranslationRef, input: { eventId: number; version: number }) {
  return change(db, actor, ref, input.version, async (q, target) => {
    const event = await history.findEvent(q, input.eventId, ref.segmentId, ref.lang);
    if (!event) throw notFound('event_not_found', `This translation has no history event ${input.eventId}.`);
    if (event.text.trim() === '') throw unprocessable('event_without_text', `History event ${input.eventId} has no text to go back to.`);
    // The source may have changed since: the old text must still fit its codes.
    checkCodes(event.text, target.segment.sourceRuns);
    return { kind: 'revert', text: event.text };
  });
}

/** Newest first; retired segments keep their history readable. */
export async function translationHistory(db: Db, ref: TranslationRef, page: { limit?: number; before?: number }): Promise<Sendable<History>> {
  await requireSegment(db, ref, true);
  const limit = page.limit ?? HISTORY_PAGE_SIZE;
  const events = await history.listEvents(db, ref.segmentId, ref.lang, { limit, beforeId: page.before });
  return { events, nextBefore: events.length === limit ? events[events.length - 1].id : null };
}
