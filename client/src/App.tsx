import { useCallback, useEffect, useRef, useState } from 'react';
import { useUiText } from './uiText';
import { asApiError, ApiError, api, onSessionEnded, request, setCsrfToken } from './api';
import { ErrorMessage, Loading } from './components/ErrorMessage';
import { Header } from './components/Header';
import { lazyPage } from './components/LazyPage';
import { EditorPage } from './editor/EditorPage';
import { Home } from './pages/Documents';
import { NotFound } from './pages/NotFound';
import { SignIn } from './pages/SignIn';
import { applyAccountLanguage } from './pages/account/accountApi';
import { matchRoute, navigate, usePathname } from './router';
import type { Me, User } from './types';

// Pages the editor and the document list do not need: each its own chunk, fetched when first shown.
const AlignPage = lazyPage(() => import('./pages/align/AlignPage').then((m) => m.AlignPage));
const DashboardPage = lazyPage(() => import('./pages/dashboard/DashboardPage').then((m) => m.DashboardPage));
const DocumentView = lazyPage(() => import('./pages/DocumentView').then((m) => m.DocumentView));
const RevisionsPage = lazyPage(() => import('./pages/revisions/RevisionsPage').then((m) => m.RevisionsPage));
const AccountPage = lazyPage(() => import('./pages/account/AccountPage').then((m) => m.AccountPage));
const UsersPage = lazyPage(() => import('./pages/users/UsersPage').then((m) => m.UsersPage));
const InboxPage = lazyPage(() => import('./pages/inbox/InboxPage').then((m) => m.InboxPage));
const WebhooksPage = lazyPage(() => import('./pages/webhooks/WebhooksPage').then((m) => m.WebhooksPage));
const GlossaryPage = lazyPage(() => import('./glossary/GlossaryPage').then((m) => m.GlossaryPage));
const XliffPage = lazyPage(() => import('./pages/xliff/XliffPage').then((m) => m.XliffPage));

type Session =
  | { status: 'checking' }
  | { status: 'unreachable'; error: ApiError }
  | { status: 'signedOut'; notice?: ApiError }
  | { status: 'signedIn'; user: User };

export function App() {
  const { t } = useUiText();
  const [session, setSession] = useState<Session>({ status: 'checking' });
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);

  // Who am I: a 401 here just means "not signed in yet".
  useEffect(() => {
    let cancelled = false;
    request<Me>('GET', '/api/users/me', { expectUnauthenticated: true }).then(
      (me) => {
        if (cancelled) return;
        setCsrfToken(me.csrfToken);
        void applyAccountLanguage(me.user);
        setSession({ status: 'signedIn', user: me.user });
      },
      (err: unknown) => {
        if (cancelled) return;
        const error = asApiError(err);
        setSession(error.status === 401 ? { status: 'signedOut' } : { status: 'unreachable', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  // A 401 on any later request: the session expired or was revoked elsewhere.
  useEffect(() => {
    onSessionEnded((error) => {
      setCsrfToken(undefined);
      setSession({ status: 'signedOut', notice: error });
    });
    return () => onSessionEnded(undefined);
  }, []);

  const signOut = useCallback(async () => {
    setSigningOut(true);
    setSignOutError(undefined);
    try {
      await api.delete('/api/session');
    } catch (err) {
      const error = asApiError(err);
      if (error.status !== 401) {
        setSignOutError(error);
        setSigningOut(false);
        return;
      }
    }
    setCsrfToken(undefined);
    setSigningOut(false);
    setSession({ status: 'signedOut' });
    navigate('/');
  }, []);

  const signedIn = useCallback((u: User) => {
    void applyAccountLanguage(u);
    setSession({ status: 'signedIn', user: u });
  }, []);
  const userChanged = useCallback((u: User) => setSession({ status: 'signedIn', user: u }), []);

  const user = session.status === 'signedIn' ? session.user : undefined;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <Header user={user} onSignOut={signOut} signingOut={signingOut} onUserChanged={userChanged} />
      <main id="main" tabIndex={-1} className="app-main">
        {signOutError && <ErrorMessage error={signOutError} />}
        {session.status === 'checking' && <Loading />}
        {session.status === 'unreachable' && <ErrorMessage error={session.error} onRetry={() => setAttempt((n) => n + 1)} />}
        {session.status === 'signedOut' && (
          <SignIn notice={session.notice} onSignedIn={signedIn} />
        )}
        {user && <Routes user={user} onUserChanged={userChanged} />}
      </main>
    </>
  );
}

function Routes({ user, onUserChanged }: { user: User; onUserChanged(user: User): void }) {
  const pathname = usePathname();
  const mainRef = useRef<HTMLElement | null>(null);
  const first = useRef(true);

  // After an in-app navigation, move focus to the new page like a page load would.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current ??= document.getElementById('main');
    mainRef.current?.focus({ preventScroll: false });
    window.scrollTo(0, 0);
  }, [pathname]);

  const route = matchRoute(pathname);
  switch (route.name) {
    case 'documents':
      return <Home user={user} />;
    case 'document':
      return <DocumentView key={route.doc} doc={route.doc} lang={route.lang} user={user} />;
    case 'editor':
      // A new key per language: drafts, filters and the active segment belong to one document × language.
      return <EditorPage key={`${route.doc}/${route.lang}`} doc={route.doc} lang={route.lang} user={user} />;
    case 'align':
      return <AlignPage key={`${route.doc}/${route.lang}`} doc={route.doc} lang={route.lang} user={user} />;
    case 'dashboard':
      return <DashboardPage key={route.doc} doc={route.doc} />;
    case 'revisions':
      return <RevisionsPage key={route.doc} doc={route.doc} user={user} />;
    case 'xliff':
      return <XliffPage key={route.doc} doc={route.doc} user={user} />;
    case 'users':
      return <UsersPage user={user} />;
    case 'inbox':
      return <InboxPage />;
    case 'webhooks':
      return <WebhooksPage user={user} />;
    case 'account':
      return <AccountPage user={user} onUserChanged={onUserChanged} />;
    case 'glossary':
      return <GlossaryPage user={user} />;
    case 'notFound':
      return <NotFound />;
  }
}
