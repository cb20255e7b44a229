import type { Queryable } from '../db/db.js';
import type { EventKind, TranslationState } from './translations.js';

export interface HistoryEvent {
  id: number;
  kind: EventKind;
  text: string;
  state: TranslationState;
  version: number;
  revision: number;
  user: { id: number; name: string } | null;
  createdAt: Date;
}

const COLUMNS = `e.id::text AS id, e.kind, e.text, e.state, e.version, e.revision,
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "user",
  e.created_at AS "createdAt"`;

type Raw = Omit<HistoryEvent, 'id'> & { id: string };
// Event ids are bigint (text from the driver); they stay far below 2^53.
const toEvent = (r: Raw): HistoryEvent => ({ ...r, id: Number(r.id) });

/**
 * The history of one translation, newest first. Writers to one translation are serialised
 * by its row lock, so event ids grow with versions and ordering by id is ordering by time.
 */
export async function listEvents(
  db: Queryable,
  segmentId: string,
  lang: string,
  page: { limit: number; beforeId?: number },
): Promise<HistoryEvent[]> {
  const r = await db.query<Raw>(
    `SELECT ${COLUMNS}
       FROM translation_events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.segment_id = $1 AND e.lang = $2 AND ($3::bigint IS NULL OR e.id < $3)
      ORDER BY e.id DESC
      LIMIT $4`,
    [segmentId, lang, page.beforeId ?? null, page.limit],
  );
  return r.rows.map(toEvent);
}

/** One event, only if it belongs to this segment and language. */
export async function findEvent(db: Queryable, id: number, segmentId: string, lang: string): Promise<HistoryEvent | undefined> {
  const r = await db.query<Raw>(
    `SELECT ${COLUMNS}
       FROM translation_events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.id = $1 AND e.segment_id = $2 AND e.lang = $3`,
    [id, segmentId, lang],
  );
  const row = r.rows[0];
  return row && toEvent(row);
}
