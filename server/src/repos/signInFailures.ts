import type { Queryable } from '../db/db.js';

/**
 * Counts one sign-in attempt against each key and returns each key's count in the current
 * window (a new window starts when the old one has passed). One statement: the check and the
 * count cannot be separated by a parallel request, in this process or another (issue #18).
 * An attempt counts before its password is checked; a success gives it back (`forgiveAttempt`,
 * `clearFailures`), so `failures` holds the attempts not known to have succeeded.
 */
export async function countAttempt(db: Queryable, keys: readonly string[], windowSeconds: number): Promise<Map<string, number>> {
  const r = await db.query<{ key: string; failures: number }>(
    `INSERT INTO sign_in_failures AS f (key, window_start, failures)
     SELECT k, now(), 1 FROM unnest($1::text[]) AS k
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN f.window_start > now() - make_interval(secs => $2) THEN f.failures + 1 ELSE 1 END,
       window_start = CASE WHEN f.window_start > now() - make_interval(secs => $2) THEN f.window_start ELSE now() END
     RETURNING key, failures`,
    [keys, windowSeconds],
  );
  return new Map(r.rows.map((row) => [row.key, row.failures]));
}

/** Takes back one counted attempt that turned out to be a success. */
export async function forgiveAttempt(db: Queryable, key: string): Promise<void> {
  await db.query('UPDATE sign_in_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0', [key]);
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE key = $1', [key]);
}
