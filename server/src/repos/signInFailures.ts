import type { Queryable } from '../db/db.js';

export interface AttemptKeys {
  address: string;
  email: string;
}

/**
 * Counts one sign-in attempt and returns the counts in the current window (a new window
 * starts when the old one has passed). One statement, so check and count cannot be separated
 * by a parallel request, in this process or another (issue #18).
 *
 * The e-mail is counted first, and the address only while the e-mail is within its limit
 * (`address` is null otherwise): attempts on a locked e-mail do not use up the address.
 * Counts stop one past their limit. Rows are locked e-mail first, then address; whoever
 * else locks both does it in that order too.
 */
export async function countAttempt(
  db: Queryable,
  keys: AttemptKeys,
  limits: { address: number; email: number },
  windowSeconds: number,
): Promise<{ email: number; address: number | null }> {
  const r = await db.query<{ email: number; address: number | null }>(
    `WITH e AS (
       INSERT INTO sign_in_failures AS f (key, window_start, failures) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.window_start > now() - make_interval(secs => $5) THEN least(f.failures + 1, $3 + 1) ELSE 1 END,
         window_start = CASE WHEN f.window_start > now() - make_interval(secs => $5) THEN f.window_start ELSE now() END
       RETURNING failures
     ), a AS (
       INSERT INTO sign_in_failures AS f (key, window_start, failures)
       SELECT $2, now(), 1 WHERE (SELECT failures FROM e) <= $3
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.window_start > now() - make_interval(secs => $5) THEN least(f.failures + 1, $4 + 1) ELSE 1 END,
         window_start = CASE WHEN f.window_start > now() - make_interval(secs => $5) THEN f.window_start ELSE now() END
       RETURNING failures
     )
     SELECT (SELECT failures FROM e) AS email, (SELECT failures FROM a) AS address`,
    [keys.email, keys.address, limits.email, limits.address, windowSeconds],
  );
  return r.rows[0];
}

/** Takes back one counted attempt: it succeeded, or its address was over the limit. */
export async function forgiveAttempt(db: Queryable, key: string): Promise<void> {
  await db.query('UPDATE sign_in_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0', [key]);
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE key = $1', [key]);
}
