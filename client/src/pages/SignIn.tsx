import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError, request, setCsrfToken } from '../api';
import { errorText } from '../components/ErrorMessage';
import type { Session, User } from '../types';

interface Props {
  onSignedIn: (user: User) => void;
  /** Why the reader is here again, e.g. the session expired. */
  notice?: ApiError;
}

export function SignIn({ onSignedIn, notice }: Props) {
  const { t } = useTranslation();
  const emailId = useId();
  const passwordId = useId();
  const errorId = useId();
  const titleId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(notice);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = t('signIn.documentTitle', { app: t('app.name') });
  }, [t]);

  useEffect(() => emailRef.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await request<Session>('POST', '/api/session', {
        body: { email: email.trim(), password },
        expectUnauthenticated: true,
      });
      setCsrfToken(session.csrfToken);
      onSignedIn(session.user);
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <form className="card sign-in__card" onSubmit={submit} aria-labelledby={titleId}>
        <h1 id={titleId}>{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        {error && (
          <p id={errorId} className="notice notice--error" role="alert">
            {errorText(t, error)}
          </p>
        )}
        <div className="field">
          <label htmlFor={emailId}>{t('signIn.email')}</label>
          <input
            ref={emailRef}
            id={emailId}
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-describedby={error ? errorId : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>{t('signIn.password')}</label>
          <input
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
