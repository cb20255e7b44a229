/**
 * The dashboard's previous design, kept in the bench as the baseline that `progress-1000`
 * measures in the same run (issue 24 item 4): each look read a stamp of every document's rows
 * (the documents row's and each progress row's writing transaction id, one text per document)
 * and built every entry whose stamp had moved from all of its rows, read again. The answer is
 * the same text as `GET /api/progress` (the bench checks it). Its entries were written by a
 * hand-written serializer, kept here with it.
 */
import type { Db } from '@lockstep/server/db';
import type { LanguageProgress, StateCounts } from '@lockstep/shared';
import { unpackRow, type DashboardHead } from '@lockstep/server/repos/progress';
import { languagesOf } from '@lockstep/server/services/progress';

const PACKED = `string_agg(concat_ws(' ', l.lang, l.untranslated, l.untranslated_words, l.translated, l.translated_words, l.stale, l.stale_words,
                     l.approved, l.approved_words, l.locked, l.locked_words, coalesce(l.complete_against_revision, -1),
                     coalesce(to_char(l.last_activity AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '-'),
                     l.open_questions), ';')
                 FILTER (WHERE l.document_id IS NOT NULL)`;

function countsJson(c: StateCounts): string {
  return `{"total":${c.total},"untranslated":${c.untranslated},"translated":${c.translated},"stale":${c.stale},"approved":${c.approved},"locked":${c.locked}}`;
}

/** Its hand-written `JSON.stringify(p)` for one language (now gone from the server). */
function languageProgressJson(p: LanguageProgress): string {
  const revision = p.completeAgainstRevision === null ? 'null' : String(p.completeAgainstRevision);
  const activity = p.lastActivity === null ? 'null' : JSON.stringify(p.lastActivity);
  return `{"segments":${countsJson(p.segments)},"words":${countsJson(p.words)},"complete":${p.complete},"completeAgainstRevision":${revision},"lastActivity":${activity},"openQuestions":${p.openQuestions}}`;
}

async function stamps(db: Db): Promise<{ id: string; stamp: string }[]> {
  const r = await db.query<{ id: string; stamp: string }>(
    `SELECT d.id, d.xmin::text || ':' || coalesce(s.rows, '') AS stamp
       FROM documents d
       LEFT JOIN (SELECT document_id, string_agg(lang || xmin::text, ',') AS rows FROM language_progress GROUP BY document_id) s ON s.document_id = d.id
      ORDER BY d.created_at, d.id`,
  );
  return r.rows;
}

async function entries(db: Db, ids: readonly string[]): Promise<(DashboardHead & { p: string | null })[]> {
  const r = await db.query<DashboardHead & { p: string | null }>(
    `SELECT d.id, d.title, d.current_revision AS revision, d.target_langs AS "targetLangs", ${PACKED} AS p
       FROM unnest($1::text[]) AS wanted(id)
       JOIN documents d ON d.id = wanted.id
       LEFT JOIN language_progress l ON l.document_id = d.id
      GROUP BY d.id`,
    [ids],
  );
  return r.rows;
}

function entryJson(doc: DashboardHead & { p: string | null }): string {
  const rows = doc.p === null ? [] : doc.p.split(';').map((row) => unpackRow(doc.id, row));
  const langs = Object.entries(languagesOf(doc, rows)).map(([lang, p]) => `${JSON.stringify(lang)}:${languageProgressJson(p)}`);
  return `{"id":${JSON.stringify(doc.id)},"title":${JSON.stringify(doc.title)},"revision":${doc.revision},"languages":{${langs.join(',')}}}`;
}

/** One process's copy: document id → its entry with the stamp it was built at. */
export function stampedDashboard(db: Db): () => Promise<string> {
  const cache = new Map<string, { stamp: string; json: string }>();
  return async () => {
    const all = await stamps(db);
    const changed = all.filter((s) => cache.get(s.id)?.stamp !== s.stamp).map((s) => s.id);
    if (changed.length > 0) {
      const stampOf = new Map(all.map((s) => [s.id, s.stamp]));
      for (const doc of await entries(db, changed)) cache.set(doc.id, { stamp: stampOf.get(doc.id)!, json: entryJson(doc) });
    }
    const listed = new Set(all.map((s) => s.id));
    for (const id of cache.keys()) if (!listed.has(id)) cache.delete(id);
    return `{"documents":[${all.map(({ id }) => cache.get(id)?.json ?? '').join(',')}]}`;
  };
}
