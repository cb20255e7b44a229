import { conflict, notFound, revisionEffects, revisionSides, type Alignment, type Segment } from '@lockstep/shared';
import type { RevisionChange, RevisionImpact } from '@lockstep/shared/api';
import { faultPoint } from '../faults.js';
import { parsePool } from '../parsing/pool.js';
import type { Db, Queryable } from '../db/db.js';
import * as documents from '../repos/documents.js';
import * as events from '../repos/events.js';
import { eventsCommitted } from '../events/committed.js';
import * as publishing from '../repos/publishing.js';
import * as revisions from '../repos/revisions.js';
import { createUntranslatedRows, insertSegments } from '../repos/segments.js';
import { outboxWritten } from '../webhooks/outboxSignal.js';
import { checkMarkdown, requireDocument, segmentSource, toSegmentRows } from './documents.js';
import { announcePublish } from './notices.js';
import { memoryWritten } from './memoryIndexer.js';
import { statisticsAfterCommit } from './statistics.js';

export interface PublishInput {
  markdown: string;
  baseRevision?: number;
  dryRun: boolean;
  /** Dry run only: also return the old and new source side by side, each sentence with its class. */
  sides?: boolean;
}

interface Plan {
  alignment: Alignment;
  translations: Map<string, publishing.TranslationRow[]>;
  /** The live segments of the current revision, and their source texts (with codes) by id. */
  previous: publishing.LiveSegment[];
  oldSources: Map<string, string>;
  newRevision: number;
}

const CARRIED = new Set(['unchanged', 'moved', 'modified', 'minor']);

/** The id a new-revision segment keeps, when it keeps one. */
function carriedId(a: Alignment['segments'][number]): string | undefined {
  return CARRIED.has(a.kind) ? a.oldIds[0] : undefined;
}

async function plan(db: Queryable, doc: documents.DocumentRow, markdown: string, forUpdate: boolean): Promise<Plan> {
  const previous = await revisions.findRevision(db, doc.id, doc.revision);
  if (!previous) throw new Error(`document ${doc.id} has no revision ${doc.revision}`);
  const live = await publishing.liveSegments(db, doc.id);
  await faultPoint('publish:read');
  const alignment = await parsePool().run({
    kind: 'alignRevision',
    input: { previousMarkdown: previous.markdown, previous: live, markdown, lang: doc.sourceLang },
  });
  await faultPoint('publish:aligned');
  // Only segments whose translations the rules can touch (or retire) need their rows read.
  const touched = new Set<string>(alignment.removed);
  for (const a of alignment.segments) {
    if (a.kind !== 'unchanged' && a.kind !== 'moved' && a.kind !== 'added') for (const id of a.oldIds) touched.add(id);
  }
  const rows = await publishing.translationsOf(db, [...touched], forUpdate);
  const translations = new Map<string, publishing.TranslationRow[]>();
  for (const row of rows) {
    const list = translations.get(row.segmentId) ?? [];
    list.push(row);
    translations.set(row.segmentId, list);
  }
  return { alignment, translations, previous: live, oldSources: new Map(live.map((l) => [l.id, l.text])), newRevision: doc.revision + 1 };
}

/** What the stale rules do to every affected translation: computed once, for the dry run and the apply alike. */
function effects(p: Plan, doc: documents.DocumentRow) {
  return revisionEffects({
    alignment: p.alignment,
    targetLangs: doc.targetLangs,
    translations: p.translations,
    oldSources: p.oldSources,
    revision: p.newRevision,
  });
}

function changeViews(alignment: Alignment, newIds: (string | undefined)[]): RevisionChange[] {
  const idAt = (i: number) => newIds[i] ?? `new:${i}`;
  return alignment.changes.map((c) => ({
    kind: c.kind,
    oldIds: c.oldIds,
    newIds: c.newIndexes.map(idAt),
    oldTexts: c.oldTexts,
    newTexts: c.newTexts,
    ...(c.handedFrom ? { handedFrom: c.handedFrom } : {}),
    ...(c.handedTo !== undefined ? { handedTo: idAt(c.handedTo) } : {}),
  }));
}

/**
 * Publishes a new source revision (api.md): aligns it against the stored segments of the
 * current revision, applies the stale rules and writes everything in one transaction. The
 * dry run computes the same plan without writing; the apply re-aligns inside its own
 * transaction (with the document locked) rather than replaying the dry run.
 */
export async function publishRevision(db: Db, actorId: number | null, documentId: string, input: PublishInput): Promise<RevisionImpact> {
  checkMarkdown(input.markdown);
  return publishCheckedRevision(db, actorId, documentId, input);
}

/**
 * `publishRevision` for Markdown its caller has checked (`checkMarkdown`) or made itself: the
 * publish benchmarks, whose 100,000-segment documents are past the API's 5 MB.
 */
export async function publishCheckedRevision(db: Db, actorId: number | null, documentId: string, input: PublishInput): Promise<RevisionImpact> {
  const checkBase = (current: number) => {
    if (input.baseRevision !== undefined && input.baseRevision !== current) {
      throw conflict('revision_conflict', `The document is at revision ${current}, not ${input.baseRevision}: reload and review the changes again.`, {
        currentRevision: current,
      });
    }
  };
  if (input.dryRun) {
    const doc = await requireDocument(db, documentId);
    checkBase(doc.revision);
    const p = await plan(db, doc, input.markdown, false);
    const e = effects(p, doc);
    const changes = changeViews(p.alignment, p.alignment.segments.map(carriedId));
    const result = { revision: p.newRevision, impact: { ...p.alignment.impact }, changes, stale: e.stale, suggested: e.suggested, retired: e.retired };
    return input.sides ? { ...result, sides: revisionSides(p.previous, p.alignment) } : result;
  }
  let segmentsWritten = 0;
  const published = await db.transaction(async (tx) => {
    await publishing.lockDocument(tx, documentId);
    const doc = await requireDocument(tx, documentId);
    checkBase(doc.revision);
    const p = await plan(tx, doc, input.markdown, true);
    const e = effects(p, doc);
    await faultPoint('publish:planned');
    const rev = p.newRevision;

    // Carried segments keep their ids; new ones (added, split, merged) get fresh ids.
    // A carried segment whose place and source are as stored is not written (an edit-only
    // revision rewrites only its edited rows; an insertion moves everything after it).
    const placements: publishing.SegmentPlacement[] = [];
    const fresh: { index: number; segment: Segment; derivedFrom: string[] }[] = [];
    const stored = new Map(p.previous.map((s) => [s.id, s]));
    p.alignment.segments.forEach((a, index) => {
      const id = carriedId(a);
      if (id === undefined) {
        fresh.push({ index, segment: a.segment, derivedFrom: a.kind === 'added' ? [] : a.oldIds });
        return;
      }
      const s = a.segment;
      const newSource = a.kind === 'modified' || a.kind === 'minor' || a.sourceChanged;
      const was = stored.get(id);
      if (!newSource && was && was.position === index && was.blockIndex === s.blockIndex && was.blockKind === s.blockKind) return;
      placements.push({ id, position: index, blockIndex: s.blockIndex, blockKind: s.blockKind, ...(newSource ? { source: segmentSource(s) } : {}) });
    });
    await revisions.insertRevision(tx, {
      documentId: doc.id,
      number: rev,
      markdown: input.markdown,
      impact: { ...p.alignment.impact, stale: e.stale, suggested: e.suggested, retired: e.retired },
      createdBy: actorId,
    });
    // Removed segments and the sources of splits and merges leave the document; their rows,
    // translations and history stay (retired, never deleted).
    const retired = new Set(p.alignment.removed);
    for (const f of fresh) for (const id of f.derivedFrom) retired.add(id);
    await publishing.retireSegments(tx, [...retired], rev);
    await faultPoint('publish:retired');
    await publishing.placeSegments(tx, placements);
    const freshRows = toSegmentRows(fresh.map((f) => ({ ...f.segment, index: f.index })));
    freshRows.forEach((row, i) => (row.derivedFrom = fresh[i].derivedFrom));
    const freshIds = await insertSegments(tx, doc.id, rev, freshRows);
    segmentsWritten = freshRows.length;
    await faultPoint('publish:segments');
    const newIds = p.alignment.segments.map(carriedId);
    fresh.forEach((f, i) => (newIds[f.index] = freshIds[i]));
    await publishing.writeRevisedTranslations(tx, e.revised, rev, actorId);
    await faultPoint('publish:translations');
    await publishing.insertNewTranslations(
      tx,
      fresh.flatMap((f, i) => (e.newTranslations.get(f.index) ?? []).map((t) => ({ segmentId: freshIds[i], ...t }))),
    );
    // A carried segment that became translatable (say a line that was only a URL gained text)
    // needs its untranslated rows; the insert skips rows that exist.
    const previouslyLocked = new Set(p.previous.filter((s) => !s.translatable).map((s) => s.id));
    if (p.alignment.segments.some((a) => a.segment.translatable && a.oldIds.length === 1 && previouslyLocked.has(a.oldIds[0]))) {
      await createUntranslatedRows(tx, doc.id, doc.targetLangs, rev);
    }
    const changes = changeViews(p.alignment, newIds);
    await documents.setCurrentRevision(tx, doc.id, rev);
    // Last, after every translation row (the order of 004_events.sql); numbered after commit.
    await events.insertEvent(tx, { documentId: doc.id, kind: 'revision', payload: { revision: rev, stale: e.stale }, userId: actorId });
    // Inbox notices and webhook outbox rows commit with the revision; sending comes after.
    await announcePublish(tx, { doc, revision: rev, effects: e });
    await faultPoint('publish:before-commit');
    return { revision: rev, impact: { ...p.alignment.impact }, changes, stale: e.stale, suggested: e.suggested, retired: e.retired };
  });
  eventsCommitted(db, documentId);
  outboxWritten(db);
  await faultPoint('publish:committed');
  memoryWritten(db);
  await statisticsAfterCommit(db, segmentsWritten);
  return published;
}

/** A document's revisions, newest first, with their impact (without their Markdown). */
export async function revisionsOf(db: Queryable, documentId: string) {
  const doc = await requireDocument(db, documentId);
  return { revisions: await revisions.listRevisions(db, doc.id) };
}

/** One revision with its Markdown; 404 for a number the document does not have. */
export async function revisionOf(db: Queryable, documentId: string, number: number | undefined, asWritten: string) {
  const doc = await requireDocument(db, documentId);
  const rev = number === undefined ? undefined : await revisions.findRevision(db, doc.id, number);
  if (!rev) throw notFound('revision_not_found', `Document "${doc.id}" has no revision ${asWritten}.`);
  return rev;
}
