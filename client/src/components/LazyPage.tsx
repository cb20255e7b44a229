import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { asApiError, type ApiError } from '../api';
import { ErrorMessage, Loading } from './ErrorMessage';

/** A page's chunk that could not be fetched (offline, server restarting, a deploy replaced it). */
class PageLoadError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
    this.name = 'PageLoadError';
  }
}

/**
 * A page fetched as its own chunk the first time it is shown, so the pages a translator opens
 * most (the editor, the document list) start without the code of every other page (issue #20
 * item 6). While the chunk loads the page says so; when it cannot be fetched the page says that,
 * with a retry, instead of staying blank. React.lazy keeps a failed load for good, so a retry
 * starts a new one, shared by every later mount.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const fetchPage = () =>
    load().then(
      (page) => ({ default: page }),
      (err: unknown) => {
        throw new PageLoadError(asApiError(err));
      },
    );
  let Page = lazy(fetchPage);
  function LazyPage(props: P) {
    const [, setAttempt] = useState(0);
    const retry = () => {
      Page = lazy(fetchPage);
      setAttempt((n) => n + 1);
    };
    return (
      <PageLoadBoundary onRetry={retry}>
        <Suspense fallback={<Loading />}>
          <Page {...props} />
        </Suspense>
      </PageLoadBoundary>
    );
  }
  return LazyPage;
}

interface BoundaryProps {
  onRetry(): void;
  children: ReactNode;
}

/** Catches only a failed chunk load; any other error goes on up as it did before pages were split. */
class PageLoadBoundary extends Component<BoundaryProps, { error?: PageLoadError }> {
  override state: { error?: PageLoadError } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (!(error instanceof PageLoadError)) throw error;
    const retry = () => {
      this.props.onRetry();
      this.setState({ error: undefined });
    };
    return <ErrorMessage error={error.apiError} onRetry={retry} />;
  }
}
