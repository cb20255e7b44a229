import { completeFraction, emptyCounts, type LanguageProgress, type StateCounts } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';
import * as documents from '../repos/documents.js';
import * as progress from '../repos/progress.js';

type DocumentHead = Pick<documents.DocumentRow, 'id' | 'targetLangs' | 'revision'>;

/** api.md "Progress" for one document: every target language, zeros where nothing is stored. */
function languagesOf(doc: DocumentHead, rows: readonly progress.ProgressRow[]): Record<string, LanguageProgress> {
  const stored = new Map(rows.map((r) => [r.lang, r]));
  const langs: Record<string, LanguageProgress> = {};
  for (const lang of doc.targetLangs) {
    const row = stored.get(lang);
    const segments = row?.segments ?? emptyCounts();
    const complete = completeFraction(segments);
    langs[lang] = {
      segments,
      words: row?.words ?? emptyCounts(),
      complete,
      // Complete now is complete against the current revision; otherwise the newest revision
      // it was complete against, recorded when that happened (it survives later revisions).
      completeAgainstRevision: complete === 1 && doc.revision > 0 ? doc.revision : (row?.completeAgainstRevision ?? null),
      lastActivity: row?.lastActivity ?? null,
      openQuestions: row?.openQuestions ?? 0,
    };
  }
  return langs;
}

/**
 * Progress of each document × target language, from the maintained counters: one row per
 * pair, whatever the size of the documents.
 */
export async function progressOf(db: Queryable, docs: readonly DocumentHead[]): Promise<Map<string, Record<string, LanguageProgress>>> {
  const rows = await progress.progressRows(
    db,
    docs.map((d) => d.id),
  );
  const byDocument = new Map<string, progress.ProgressRow[]>();
  for (const row of rows) {
    const list = byDocument.get(row.documentId);
    if (list) list.push(row);
    else byDocument.set(row.documentId, [row]);
  }
  return new Map(docs.map((doc) => [doc.id, languagesOf(doc, byDocument.get(doc.id) ?? [])]));
}

/** Every document with its progress per target language (the document list). */
export async function documentsWithProgress(db: Queryable) {
  const list = await documents.listDocuments(db);
  const byDocument = await progressOf(db, list);
  return list.map((doc) => ({ doc, progress: byDocument.get(doc.id)! }));
}

function countsJson(c: StateCounts): string {
  return `{"total":${c.total},"untranslated":${c.untranslated},"translated":${c.translated},"stale":${c.stale},"approved":${c.approved},"locked":${c.locked}}`;
}

/**
 * `JSON.stringify(p)` for the one fixed shape, key for key: the dashboard's answer holds one of
 * these per document and language (8,000 for 1,000 documents), and the generic serializer
 * spent about a quarter of that request's server time walking them.
 */
export function languageProgressJson(p: LanguageProgress): string {
  const revision = p.completeAgainstRevision === null ? 'null' : String(p.completeAgainstRevision);
  const activity = p.lastActivity === null ? 'null' : JSON.stringify(p.lastActivity);
  return `{"segments":${countsJson(p.segments)},"words":${countsJson(p.words)},"complete":${p.complete},"completeAgainstRevision":${revision},"lastActivity":${activity},"openQuestions":${p.openQuestions}}`;
}

function dashboardEntryJson(doc: progress.DashboardDocument): string {
  const langs = Object.entries(languagesOf(doc, doc.progress)).map(([lang, p]) => `${JSON.stringify(lang)}:${languageProgressJson(p)}`);
  return `{"id":${JSON.stringify(doc.id)},"title":${JSON.stringify(doc.title)},"revision":${doc.revision},"languages":{${langs.join(',')}}}`;
}

/** Per database handle (tests run several in one process): document id → its entry as JSON. */
const dashboardEntries = new WeakMap<Queryable, Map<string, { stamp: string; json: string }>>();

/**
 * `GET /api/progress` as JSON text: `{documents: [{id, title, revision, languages}]}`.
 *
 * At 1,000 documents × 8 languages, building and serialising 8,000 entries was most of the
 * request, while between two looks at a dashboard few documents change. So each entry is
 * kept as JSON text with the stamp of the rows it was made from (repos/progress.ts: the
 * writing transactions' ids), and only entries whose stamp moved are read and written again.
 * The contents are read after the stamps, so they are never older than their stamp; if they
 * are newer (a change committed in between), the next look sees a new stamp and builds the
 * entry again: one build too many, never a stale entry.
 * Every process keeps its own and checks every stamp on every request, so a change made
 * through another process is seen on the next request, as without the cache.
 */
export async function dashboardJson(db: Queryable): Promise<string> {
  let cache = dashboardEntries.get(db);
  if (!cache) dashboardEntries.set(db, (cache = new Map()));
  const stamps = await progress.dashboardStamps(db);
  const changed = stamps.filter((s) => cache.get(s.id)?.stamp !== s.stamp).map((s) => s.id);
  if (changed.length > 0) {
    const stampOf = new Map(stamps.map((s) => [s.id, s.stamp]));
    for (const doc of await progress.dashboardDocuments(db, changed)) {
      cache.set(doc.id, { stamp: stampOf.get(doc.id)!, json: dashboardEntryJson(doc) });
    }
  }
  const entries: string[] = [];
  const listed = new Set<string>();
  for (const { id } of stamps) {
    const entry = cache.get(id);
    if (entry) entries.push(entry.json);
    listed.add(id);
  }
  // Documents that are gone take their entries with them.
  for (const id of cache.keys()) if (!listed.has(id)) cache.delete(id);
  return `{"documents":[${entries.join(',')}]}`;
}
