import type { Actor } from '@lockstep/shared';
import type { Db } from '../db/db.js';
import { currentSeq, sequencePending } from '../repos/events.js';
import * as visits from '../repos/visits.js';
import { requireDocument, requireTargetLang } from './documents.js';

/** `lastVisit` (the user's last recorded visit of each language) or an event number. */
export type Since = 'lastVisit' | number;

/**
 * The document's newest event number, after numbering what waits (cheap when nothing does):
 * "since" is counted in numbers, so nothing committed may stay unnumbered behind it.
 */
async function newestSeq(db: Db, documentId: string): Promise<number> {
  await sequencePending(db, documentId);
  return currentSeq(db, documentId);
}

export interface ChangeCounts {
  /** Segments with at least one change. */
  segments: number;
  stale: number;
  new: number;
  edited: number;
  approved: number;
  reconfirmed: number;
}

const emptyCounts = (): ChangeCounts => ({ segments: 0, stale: 0, new: 0, edited: 0, approved: 0, reconfirmed: 0 });

function countsOf(changes: readonly visits.SegmentChange[]): ChangeCounts {
  const counts = emptyCounts();
  for (const c of changes) {
    counts.segments++;
    for (const k of c.changes) counts[k]++;
  }
  return counts;
}

/**
 * The user opened a language's editor: remember the newest event they have seen (`seq` when
 * the client says which one it rendered, else the document's newest) and return the visit
 * this replaces, from which "since your last visit" is computed.
 */
export async function recordVisit(db: Db, actor: Actor, documentId: string, lang: string, seq: number | undefined) {
  const doc = await requireDocument(db, documentId);
  requireTargetLang(doc, lang);
  const newest = await newestSeq(db, doc.id);
  return visits.recordVisit(db, { userId: actor.id, documentId: doc.id, lang, seq: Math.min(seq ?? newest, newest) });
}

/** One language: the segments that changed since the user's last visit (or since an event number), with counts. */
export async function changesForLanguage(db: Db, actor: Actor, documentId: string, lang: string, since: Since) {
  const doc = await requireDocument(db, documentId);
  requireTargetLang(doc, lang);
  const until = await newestSeq(db, doc.id);
  let from: number | null;
  let visitedAt: Date | null = null;
  if (since === 'lastVisit') {
    const visit = (await visits.findVisits(db, actor.id, doc.id)).get(lang);
    from = visit?.seq ?? null;
    visitedAt = visit?.visitedAt ?? null;
  } else {
    from = since;
  }
  // Never visited: nothing is "new since your last visit".
  const changes = from === null ? [] : await visits.changesSince(db, { documentId: doc.id, userId: actor.id, since: [{ lang, seq: from }] });
  return {
    lang,
    since: from,
    visitedAt,
    until,
    segments: changes.map(({ id, changes: kinds, by }) => ({ id, changes: kinds, by })),
    counts: countsOf(changes),
  };
}

/** Every target language of a document: change counts since each language's last visit (the dashboard). */
export async function changesForDocument(db: Db, actor: Actor, documentId: string, since: Since) {
  const doc = await requireDocument(db, documentId);
  const until = await newestSeq(db, doc.id);
  const lastVisits = since === 'lastVisit' ? await visits.findVisits(db, actor.id, doc.id) : undefined;
  const from = (lang: string): number | null => (lastVisits ? (lastVisits.get(lang)?.seq ?? null) : (since as number));
  const pairs = doc.targetLangs.flatMap((lang) => {
    const seq = from(lang);
    return seq === null ? [] : [{ lang, seq }];
  });
  const changes = await visits.changesSince(db, { documentId: doc.id, userId: actor.id, since: pairs });
  const languages: Record<string, { since: number | null; visitedAt: Date | null; counts: ChangeCounts }> = {};
  for (const lang of doc.targetLangs) {
    languages[lang] = {
      since: from(lang),
      visitedAt: lastVisits?.get(lang)?.visitedAt ?? null,
      counts: countsOf(changes.filter((c) => c.lang === lang)),
    };
  }
  return { until, languages };
}
