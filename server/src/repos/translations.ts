import type { Queryable } from '../db/db.js';

export type EventKind = 'edit' | 'approve' | 'reconfirm' | 'revert' | 'import' | 'stale' | 'source' | 'suggestion';

export interface TranslationChange {
  segmentId: string;
  lang: string;
  text: string;
  state: string;
  kind: EventKind;
  userId: number | null;
  revision: number;
  /** The version the writer started from; the update happens only if it is still current. */
  expectedVersion: number;
}

/**
 * Writes one translation change and its history event together: the version check is
 * in the UPDATE's WHERE clause, so two writers from one version cannot both succeed.
 * Returns the new version, or undefined when the version no longer matched.
 */
export async function applyChange(tx: Queryable, c: TranslationChange): Promise<number | undefined> {
  const r = await tx.query<{ version: number }>(
    `UPDATE translations
        SET text = $3, state = $4, version = version + 1, updated_by = $5, updated_at = now(),
            based_on_revision = $6, previous_source = NULL, state_before_stale = NULL, change_class = NULL
      WHERE segment_id = $1 AND lang = $2 AND version = $7
      RETURNING version`,
    [c.segmentId, c.lang, c.text, c.state, c.userId, c.revision, c.expectedVersion],
  );
  const version = r.rows[0]?.version;
  if (version === undefined) return undefined;
  await tx.query(
    `INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [c.segmentId, c.lang, c.kind, c.text, c.state, version, c.revision, c.userId],
  );
  return version;
}
