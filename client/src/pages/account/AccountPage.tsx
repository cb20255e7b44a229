import { isLanguageCode } from '@lockstep/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError } from '../../api';
import { LanguageName } from '../../components/LanguageName';
import { changeUiLanguage, UI_LANGUAGES } from '../../i18n';
import { languageInfo } from '../../languages';
import type { User } from '../../types';
import { saveOwnAccount } from './accountApi';
import { PasswordForm } from './PasswordForm';
import { FormEnd } from './FormEnd';
import './account.css';

/** `/account`: one's own display name, interface language and password. */
export function AccountPage({ user, onUserChanged }: { user: User; onUserChanged(user: User): void }) {
  const { t } = useTranslation();

  useEffect(() => {
    document.title = t('account.documentTitle', { app: t('app.name') });
  }, [t]);

  return (
    <>
      <div className="page-head">
        <h1>{t('account.title')}</h1>
      </div>
      <section className="card page-section" aria-labelledby="account-who">
        <h2 id="account-who">{t('account.whoTitle')}</h2>
        <dl className="account-facts">
          <dt>{t('account.email')}</dt>
          <dd>
            <bdi>{user.email}</bdi>
          </dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(`roles.${user.role}`)}</dd>
          {user.languages.length > 0 && (
            <>
              <dt>{t('account.languages')}</dt>
              <dd>
                {user.languages.map((code, i) => (
                  <span key={code}>
                    {i > 0 && ', '}
                    <LanguageName code={code} />
                  </span>
                ))}
              </dd>
            </>
          )}
        </dl>
        <p className="field__help">{t('account.adminChanges')}</p>
      </section>
      <section className="card page-section">
        <ProfileForm user={user} onSaved={onUserChanged} />
      </section>
      <section className="card page-section">
        <PasswordForm />
      </section>
    </>
  );
}

/** `''` in the select: no choice kept on the server, the browser's languages decide. */
const BROWSER = '';

function ProfileForm({ user, onSaved }: { user: User; onSaved(user: User): void }) {
  const { t } = useTranslation();
  const ids = { name: useId(), lang: useId(), langHelp: useId() };
  const [name, setName] = useState(user.name);
  const [uiLanguage, setUiLanguage] = useState<string>(user.uiLanguage ?? BROWSER);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const chosen = isLanguageCode(uiLanguage) ? uiLanguage : null;
      const changed = await saveOwnAccount({ name: name.trim(), uiLanguage: chosen });
      if (changed.uiLanguage) await changeUiLanguage(changed.uiLanguage);
      onSaved(changed);
      setSaved(true);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="account-form" onSubmit={submit} aria-labelledby="account-profile">
      <h2 id="account-profile">{t('account.profileTitle')}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.name}>{t('account.name')}</label>
          <input id={ids.name} required maxLength={200} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.lang}>{t('account.uiLanguage')}</label>
          <select id={ids.lang} value={uiLanguage} aria-describedby={ids.langHelp} onChange={(e) => setUiLanguage(e.target.value)}>
            <option value={BROWSER}>{t('account.uiLanguageBrowser')}</option>
            {UI_LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageInfo(code).autonym}
              </option>
            ))}
          </select>
          <p id={ids.langHelp} className="field__help">
            {t('account.uiLanguageHelp')}
          </p>
        </div>
      </div>
      {/* A flag, not a text: saving may switch the interface language, and the message follows it. */}
      <FormEnd error={error} busy={busy} label={t('account.save')} busyLabel={t('account.saving')} done={saved ? t('account.saved') : ''} />
    </form>
  );
}
