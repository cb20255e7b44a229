import { useCallback, useEffect, useState } from 'react';
import { asApiError, ApiError, api } from './api';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError };

/**
 * Loads a GET resource; a new path (or `reload`) fetches again and drops the answer of the old one.
 * With `keepWhileReloading`, the last answer stays on screen until the next one arrives, so a
 * page whose forms hold unsaved input is not unmounted by a refresh.
 */
export function useResource<T>(path: string | undefined, { keepWhileReloading = false } = {}): [Resource<T>, () => void] {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    setState((old) => (keepWhileReloading && old.status === 'ready' ? old : { status: 'loading' }));
    api.get<T>(path, controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          error: asApiError(error),
        });
      },
    );
    return () => controller.abort();
  }, [path, attempt, keepWhileReloading]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [state, reload];
}
