/**
 * A deadlock or serialization failure is resolved by PostgreSQL aborting one side; a write
 * that re-reads and re-checks everything inside its own attempt is safe to repeat, so the
 * person who sent it never sees the database's choice of victim as a 500.
 */
const RETRYABLE = new Set(['40P01', '40001']);

export async function retrying<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !RETRYABLE.has(String((err as { code?: unknown }).code))) throw err;
    }
  }
}
