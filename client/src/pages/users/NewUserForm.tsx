import { ROLES, isRole, type LanguageCode } from '@lockstep/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError, api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { Role, User } from '../../types';
import { LanguageChoices } from './LanguageChoices';
import type { DocumentTargets } from './offeredLanguages';

const EMPTY: { email: string; name: string; password: string; role: Role; languages: LanguageCode[] } = { email: '', name: '', password: '', role: 'translator', languages: [] };

/** Creates an account: the new user signs in with this e-mail and password. */
export function NewUserForm({ documents, onCreated }: { documents?: readonly DocumentTargets[]; onCreated(user: User): void }) {
  const { t } = useTranslation();
  const ids = { email: useId(), name: useId(), password: useId(), passwordHelp: useId(), role: useId() };
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => setForm((old) => ({ ...old, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { user } = await api.post<{ user: User }>('/api/users', { ...form, email: form.email.trim(), name: form.name.trim() });
      setForm(EMPTY);
      onCreated(user);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="user-form" onSubmit={submit} aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('users.newTitle')}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.name}>{t('users.name')}</label>
          <input id={ids.name} required autoComplete="off" value={form.name} onChange={(e) => set('name', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.email}>{t('users.email')}</label>
          <input id={ids.email} type="email" required autoComplete="off" value={form.email} onChange={(e) => set('email', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('users.password')}</label>
          <input
            id={ids.password}
            type="password"
            required
            minLength={8}
            autoComplete="new-password"
            aria-describedby={ids.passwordHelp}
            value={form.password}
            onChange={(e) => set('password', e.target.value)}
          />
          <p id={ids.passwordHelp} className="field__help">
            {t('users.passwordHelp')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t('users.role')}</label>
          <select id={ids.role} value={form.role} onChange={(e) => isRole(e.target.value) && set('role', e.target.value)}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LanguageChoices value={form.languages} documents={documents} onChange={(languages) => set('languages', languages)} />
      {error && <ErrorMessage error={error} />}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('users.creating') : t('users.create')}
        </button>
      </div>
    </form>
  );
}
