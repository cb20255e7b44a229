import { useCallback, useState } from 'react';
import { asApiError, type ApiError } from '../api';

/** One thread write at a time: busy while it runs, its error kept until the next try. */
export function useThreadWrite() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(async <T,>(write: () => Promise<T>, done: (result: T) => void) => {
    setBusy(true);
    setError(undefined);
    try {
      done(await write());
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
