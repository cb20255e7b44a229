import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError, api } from '../../api';
import { FormEnd } from './FormEnd';

const MIN_PASSWORD_LENGTH = 8;
const EMPTY = { currentPassword: '', newPassword: '', repeat: '' };

/** Changes one's own password (`POST /api/users/me/password`); the server ends every other sign-in. */
export function PasswordForm() {
  const { t } = useTranslation();
  const ids = { current: useId(), next: useId(), help: useId(), repeat: useId(), mismatch: useId() };
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [mismatch, setMismatch] = useState(false);
  const [changed, setChanged] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setChanged(false);
    if (form.newPassword !== form.repeat) {
      setMismatch(true);
      repeatRef.current?.focus();
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      await api.post('/api/users/me/password', { currentPassword: form.currentPassword, newPassword: form.newPassword });
      setForm(EMPTY);
      setChanged(true);
    } catch (err) {
      const failure = asApiError(err);
      setError(failure);
      if (failure.code === 'wrong_password') currentRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const set = (key: keyof typeof EMPTY, value: string) => setForm((old) => ({ ...old, [key]: value }));
  return (
    <form className="account-form" onSubmit={submit} aria-labelledby="account-password">
      <h2 id="account-password">{t('account.passwordTitle')}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.current}>{t('account.currentPassword')}</label>
          <input
            id={ids.current}
            ref={currentRef}
            type="password"
            required
            autoComplete="current-password"
            value={form.currentPassword}
            aria-invalid={error?.code === 'wrong_password' || undefined}
            onChange={(e) => set('currentPassword', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.next}>{t('account.newPassword')}</label>
          <input
            id={ids.next}
            type="password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            autoComplete="new-password"
            aria-describedby={ids.help}
            value={form.newPassword}
            onChange={(e) => set('newPassword', e.target.value)}
          />
          <p id={ids.help} className="field__help">
            {t('account.passwordHelp', { min: MIN_PASSWORD_LENGTH })}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.repeat}>{t('account.repeatPassword')}</label>
          <input
            id={ids.repeat}
            ref={repeatRef}
            type="password"
            required
            autoComplete="new-password"
            aria-invalid={mismatch || undefined}
            aria-describedby={mismatch ? ids.mismatch : undefined}
            value={form.repeat}
            onChange={(e) => set('repeat', e.target.value)}
          />
          {mismatch && (
            <p id={ids.mismatch} className="field__error">
              {t('account.passwordMismatch')}
            </p>
          )}
        </div>
      </div>
      <FormEnd
        error={error}
        busy={busy}
        label={t('account.changePassword')}
        busyLabel={t('account.changingPassword')}
        done={changed ? t('account.passwordChanged') : ''}
      />
    </form>
  );
}
