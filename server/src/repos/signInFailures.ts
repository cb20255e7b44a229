import type { Queryable } from '../db/db.js';

/** Failures recorded for `key` in the current window (0 when the window has passed). */
export async function recentFailures(db: Queryable, key: string, windowSeconds: number): Promise<number> {
  const r = await db.query<{ failures: number }>(
    `SELECT failures FROM sign_in_failures
      WHERE key = $1 AND window_start > now() - make_interval(secs => $2)`,
    [key, windowSeconds],
  );
  return r.rows[0]?.failures ?? 0;
}

/** Adds one failure, starting a new window when the old one has passed; atomic across processes. */
export async function recordFailure(db: Queryable, key: string, windowSeconds: number): Promise<void> {
  await db.query(
    `INSERT INTO sign_in_failures AS f (key, window_start, failures) VALUES ($1, now(), 1)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN f.window_start > now() - make_interval(secs => $2) THEN f.failures + 1 ELSE 1 END,
       window_start = CASE WHEN f.window_start > now() - make_interval(secs => $2) THEN f.window_start ELSE now() END`,
    [key, windowSeconds],
  );
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE key = $1', [key]);
}
