import type { Db } from '../db/db.js';
import * as repo from '../repos/consistency.js';

/**
 * `lockstep check`: the invariants that translations, versions, history and the progress
 * counters keep by construction, verified against the stored rows. Nothing is changed.
 */

export type ProblemKind = 'history_mismatch' | 'version_order' | 'progress_mismatch' | 'memory_source_mismatch' | repo.OrphanKind;

export interface Problem {
  kind: ProblemKind;
  documentId?: string;
  segmentId?: string;
  lang?: string;
  eventId?: number;
  revision?: number;
  message: string;
}

export interface ConsistencyReport {
  ok: boolean;
  problems: Problem[];
  /** Rows examined, per table. */
  counts: repo.TableCounts;
  /** True when a check found more problems than the limit and only the first ones are listed. */
  truncated: boolean;
}

/** Problems listed per check; a damaged database can have millions of them. */
export const DEFAULT_PROBLEM_LIMIT = 1000;

const where = (p: { documentId?: string | null; segmentId?: string | null; lang?: string | null }): string =>
  [p.documentId ?? '?', p.segmentId, p.lang].filter(Boolean).join('/');

/** Two texts around the first place they differ (long texts often share a long beginning). */
export function textDifference(a: string, b: string): string {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const from = Math.max(0, at - 20);
  const excerpt = (s: string) => JSON.stringify(`${from > 0 ? '…' : ''}${s.slice(from, at + 40)}${s.length > at + 40 ? '…' : ''}`);
  return `text differs from character ${at + 1}: ${excerpt(a)} vs ${excerpt(b)}`;
}

/** The problem without the ids it does not have (so the JSON shows only what applies). */
function clean(p: Problem): Problem {
  const shown = { ...p };
  for (const [key, value] of Object.entries(p)) if (value === undefined) Reflect.deleteProperty(shown, key);
  return shown;
}

export function historyMismatchProblem(r: repo.HistoryMismatchRow): Problem {
  const ids = { documentId: r.documentId ?? undefined, segmentId: r.segmentId, lang: r.lang };
  if (r.eventId === null) {
    return clean({
      kind: 'history_mismatch',
      ...ids,
      message: `${where(r)}: version ${r.version}, ${r.state}, but no history event records it (only an untouched untranslated version 1 may have none)`,
    });
  }
  const diffs: string[] = [];
  if (r.version !== r.eventVersion) diffs.push(`version ${r.version} vs ${r.eventVersion}`);
  if (r.state !== r.eventState) diffs.push(`state ${r.state} vs ${r.eventState}`);
  if (r.text !== r.eventText) diffs.push(textDifference(r.text, r.eventText ?? ''));
  return clean({
    kind: 'history_mismatch',
    ...ids,
    eventId: Number(r.eventId),
    message: `${where(r)}: the translation differs from its latest history event #${r.eventId}: ${diffs.join('; ')}`,
  });
}

export function versionOrderProblem(r: repo.VersionOrderRow): Problem {
  return clean({
    kind: 'version_order',
    documentId: r.documentId ?? undefined,
    segmentId: r.segmentId,
    lang: r.lang,
    eventId: Number(r.eventId),
    message: `${where(r)}: history event #${r.eventId} has version ${r.version}, not above version ${r.previousVersion} of the event before it (#${r.previousEventId})`,
  });
}

export function orphanProblem(r: repo.OrphanRow): Problem {
  const subject: Record<repo.OrphanKind, string> = {
    orphan_translation: 'translation',
    orphan_history: `history event #${r.eventId}`,
    orphan_segment: 'segment',
    orphan_revision: `revision ${r.revision}`,
    orphan_progress: 'progress counters',
    missing_translation: 'segment',
    missing_revision: `document (current revision ${r.revision})`,
  };
  return clean({
    kind: r.kind,
    documentId: r.documentId ?? undefined,
    segmentId: r.segmentId ?? undefined,
    lang: r.lang ?? undefined,
    eventId: r.eventId === null ? undefined : Number(r.eventId),
    revision: r.revision ?? undefined,
    message: `${where(r)}: ${subject[r.kind]}: ${r.what}`,
  });
}

export function progressProblem(r: repo.ProgressMismatchRow): Problem {
  const diffs = Object.keys(r.recounted)
    .filter((k) => (r.stored?.[k] ?? 0) !== r.recounted[k])
    .map((k) => `${k.replace('_words', ' words')} stored ${r.stored ? r.stored[k] : 'no row'}, recounted ${r.recounted[k]}`);
  return {
    kind: 'progress_mismatch',
    documentId: r.documentId,
    lang: r.lang,
    message: `${r.documentId}/${r.lang}: progress counters differ from a recount: ${diffs.join('; ')}`,
  };
}

const MEMORY_SOURCE_DIFFERENCE: Record<string, string> = {
  missing: 'points at no translation-memory source',
  text: 'its translation-memory source has another text',
  language: 'its translation-memory source is of another source language',
  hash: 'its translation-memory source has a hash that is not of its text',
};

export function memorySourceProblem(r: repo.MemorySourceMismatchRow): Problem {
  const source = r.memorySourceId === null ? '' : ` (#${r.memorySourceId})`;
  return {
    kind: 'memory_source_mismatch',
    documentId: r.documentId,
    segmentId: r.segmentId,
    message: `${where(r)}: segment: ${MEMORY_SOURCE_DIFFERENCE[r.what] ?? r.what}${source}, so the translation memory finds its translations under the wrong text`,
  };
}

export async function checkConsistency(db: Db, opts: { limit?: number } = {}): Promise<ConsistencyReport> {
  const limit = opts.limit ?? DEFAULT_PROBLEM_LIMIT;
  return db.transaction(async (tx) => {
    await repo.beginSnapshot(tx);
    const counts = await repo.countRows(tx);
    // One more than the limit tells whether the list was cut.
    const groups: Problem[][] = [
      (await repo.translationsUnlikeHistory(tx, limit + 1)).map(historyMismatchProblem),
      (await repo.historyVersionsNotIncreasing(tx, limit + 1)).map(versionOrderProblem),
      (await repo.orphansAndGaps(tx, limit + 1)).map(orphanProblem),
      (await repo.progressCountersUnlikeRecount(tx, limit + 1)).map(progressProblem),
      (await repo.segmentsUnlikeMemorySource(tx, limit + 1)).map(memorySourceProblem),
    ];
    const truncated = groups.some((g) => g.length > limit);
    const problems = groups.flatMap((g) => g.slice(0, limit));
    return { ok: problems.length === 0, problems, counts, truncated };
  });
}
