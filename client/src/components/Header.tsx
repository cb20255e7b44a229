import { isLanguageCode } from '@lockstep/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeUiLanguage, UI_LANGUAGES } from '../i18n';
import { languageInfo } from '../languages';
import { Link, matchRoute, usePathname } from '../router';
import { useUnreadNotices } from '../pages/inbox/noticesApi';
import { saveOwnAccount } from '../pages/account/accountApi';
import type { User } from '../types';
import '../notices.css';

interface Props {
  user?: User;
  onSignOut?: () => void;
  signingOut?: boolean;
  onUserChanged?: (user: User) => void;
}

export function Header({ user, onSignOut, signingOut, onUserChanged }: Props) {
  const { t } = useTranslation();
  const routeName = matchRoute(usePathname()).name;
  const onDocuments = routeName === 'documents';
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link to="/" className="brand">
          <span aria-hidden="true" className="brand__mark" />
          {t('app.name')}
        </Link>
        {user && (
          <nav className="app-nav" aria-label={t('nav.label')}>
            <Link to="/" aria-current={onDocuments ? 'page' : undefined}>
              {t('nav.documents')}
            </Link>
            <InboxLink current={routeName === 'inbox'} />
            <Link to="/glossary" aria-current={routeName === 'glossary' ? 'page' : undefined}>
              {t('glossary.nav')}
            </Link>
            {(user.role === 'coordinator' || user.role === 'admin') && (
              <Link to="/webhooks" aria-current={routeName === 'webhooks' ? 'page' : undefined}>
                {t('nav.webhooks')}
              </Link>
            )}
            {/* Only administrators manage accounts: others never see the way there. */}
            {user.role === 'admin' && (
              <Link to="/users" aria-current={routeName === 'users' ? 'page' : undefined}>
                {t('nav.users')}
              </Link>
            )}
          </nav>
        )}
        <div className="app-header__end">
          <UiLanguageSwitcher user={user} onUserChanged={onUserChanged} />
          {user && (
            <>
              <Link
                to="/account"
                className="whoami"
                aria-current={routeName === 'account' ? 'page' : undefined}
              >
                <span className="visually-hidden">{t('account.linkLabel')} </span>
                <bdi className="whoami__name">{user.name}</bdi>
                <span className="whoami__role">{t(`roles.${user.role}`)}</span>
              </Link>
              <button type="button" className="button button--secondary" onClick={onSignOut} disabled={signingOut}>
                {t('actions.signOut')}
              </button>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

/** The inbox, with the number of unread notices as a badge (read out as words, not just a number). */
function InboxLink({ current }: { current: boolean }) {
  const { t } = useTranslation();
  const unread = useUnreadNotices();
  return (
    <Link to="/inbox" aria-current={current ? 'page' : undefined} className="inbox-link">
      {t('nav.inbox')}
      {unread > 0 && (
        <span className="inbox-link__badge" aria-label={t('nav.unread', { count: unread })}>
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}

/** Signed in, the choice is also kept with the account so it follows the person to another browser. */
function UiLanguageSwitcher({ user, onUserChanged }: { user?: User; onUserChanged?: (user: User) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = i18n.resolvedLanguage ?? i18n.language;
  // A language's messages are fetched when it is chosen: offline, say so rather than do nothing.
  const [unavailable, setUnavailable] = useState(false);
  const choose = async (lng: string) => {
    setUnavailable(false);
    try {
      await changeUiLanguage(lng);
    } catch {
      setUnavailable(true);
      return;
    }
    if (!user || user.uiLanguage === lng || !isLanguageCode(lng)) return;
    // Not kept on the server (offline, session just ended): this browser still remembers it.
    const saved = await saveOwnAccount({ uiLanguage: lng }).catch(() => undefined);
    if (saved) onUserChanged?.(saved);
  };
  return (
    <div className="ui-language">
      <label htmlFor={id} className="ui-language__label">
        {t('uiLanguage.label')}
      </label>
      <select id={id} value={current} onChange={(e) => void choose(e.target.value)}>
        {UI_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageInfo(code).autonym}
          </option>
        ))}
      </select>
      {unavailable && (
        <p role="alert" className="ui-language__error">
          {t('uiLanguage.unavailable')}
        </p>
      )}
    </div>
  );
}
