import type { DigestMode, Notice, NoticeDigest } from '@lockstep/shared';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../../api';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { LanguageName } from '../../components/LanguageName';
import { editorHref, Link } from '../../router';
import { useResource } from '../../useResource';
import { inboxChanged, type Inbox } from './noticesApi';

/** `/inbox`: what publishes did to the signed-in translator's or reviewer's work, newest first. */
export function InboxPage() {
  const { t } = useTranslation();
  const [inbox, reload] = useResource<Inbox>('/api/inbox', { keepWhileReloading: true });
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    document.title = t('inbox.documentTitle', { app: t('app.name') });
  }, [t]);

  const markRead = async (body: { ids: number[] } | { all: true }) => {
    setError(undefined);
    try {
      const { unread } = await api.post<{ unread: number }>('/api/inbox/read', body);
      inboxChanged(unread);
      reload();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('inbox.title')}</h1>
        {inbox.status === 'ready' && inbox.data.unread > 0 && (
          <button type="button" className="button button--secondary" onClick={() => void markRead({ all: true })}>
            {t('inbox.markAllRead')}
          </button>
        )}
      </div>
      {error && <ErrorMessage error={error} />}
      {inbox.status === 'loading' && <Loading />}
      {inbox.status === 'error' && <ErrorMessage error={inbox.error} onRetry={reload} />}
      {inbox.status === 'ready' && <DigestSetting mode={inbox.data.digest} onChanged={reload} onError={setError} />}
      {inbox.status === 'ready' && inbox.data.notices.length + inbox.data.digests.length === 0 && <p className="card page-section">{t('inbox.empty')}</p>}
      {inbox.status === 'ready' && inbox.data.notices.length + inbox.data.digests.length > 0 && (
        <ul className="notice-list">
          {inbox.data.digests.map((d) => (
            <DigestItem key={`digest-${d.day}`} digest={d} onRead={() => void markRead({ ids: [d.id] })} />
          ))}
          {inbox.data.notices.map((n) => (
            <NoticeItem key={n.id} notice={n} onRead={() => void markRead({ ids: [n.id] })} />
          ))}
        </ul>
      )}
    </>
  );
}

function NoticeItem({ notice: n, onRead }: { notice: Notice; onRead(): void }) {
  const { t, i18n } = useTranslation();
  const when = new Date(n.createdAt).toLocaleString(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <li className={`card notice-item${n.read ? '' : ' notice-item--unread'}`}>
      <h2 className="notice-item__title">
        {t('inbox.publishTitle', { revision: n.revision, title: n.documentTitle })} · <LanguageName code={n.lang} />
      </h2>
      <p className="notice-item__summary">
        {t('inbox.needsWork', { count: n.counts.needsWork })} · {t('inbox.words', { words: n.counts.words.toLocaleString(i18n.resolvedLanguage) })}
      </p>
      <p className="notice-item__details">
        {t('inbox.details', { stale: n.counts.stale, suggested: n.counts.suggested, retired: n.counts.retired })} · <time dateTime={n.createdAt}>{when}</time>
      </p>
      <div className="button-row">
        <Link to={editorHref(n.documentId, n.lang)} className="button button--primary" onClick={n.read ? undefined : onRead}>
          {t('inbox.open')}
        </Link>
        {!n.read && (
          <button type="button" className="button button--secondary" onClick={onRead}>
            {t('inbox.markRead')}
          </button>
        )}
      </div>
    </li>
  );
}

/** A notice each time, or a day's notices collected into one digest (per user). */
function DigestSetting({ mode, onChanged, onError }: { mode: DigestMode; onChanged(): void; onError(error: ApiError): void }) {
  const { t } = useTranslation();
  const id = useId();
  const helpId = useId();
  const [busy, setBusy] = useState(false);
  const change = async (daily: boolean) => {
    setBusy(true);
    try {
      await api.put<{ digest: DigestMode }>('/api/inbox/settings', { digest: daily ? 'daily' : 'each' });
      onChanged();
    } catch (err) {
      onError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="field card page-section">
      <label htmlFor={id} className="checkbox">
        <input id={id} type="checkbox" checked={mode === 'daily'} disabled={busy} aria-describedby={helpId} onChange={(e) => void change(e.target.checked)} />{' '}
        {t('revisionDiff.digest.setting')}
      </label>
      <p id={helpId} className="field__help">
        {t('revisionDiff.digest.settingHelp')}
      </p>
    </div>
  );
}

/** One finished day's notices as one entry: what they add up to, and each of them on request. */
function DigestItem({ digest: d, onRead }: { digest: NoticeDigest; onRead(): void }) {
  const { t, i18n } = useTranslation();
  const day = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${d.day}T00:00:00Z`));
  return (
    <li className={`card notice-item notice-item--digest${d.read ? '' : ' notice-item--unread'}`}>
      <h2 className="notice-item__title">{t('revisionDiff.digest.title', { day })}</h2>
      <p className="notice-item__summary">
        {t('inbox.needsWork', { count: d.needsWork })} · {t('inbox.words', { words: d.words.toLocaleString(i18n.resolvedLanguage) })}
      </p>
      <ul className="notice-item__digest">
        {d.notices.map((n) => (
          <li key={n.id}>
            <Link to={editorHref(n.documentId, n.lang)}>
              {t('inbox.publishTitle', { revision: n.revision, title: n.documentTitle })} · <LanguageName code={n.lang} />
            </Link>{' '}
            — {t('inbox.needsWork', { count: n.counts.needsWork })}
          </li>
        ))}
      </ul>
      {!d.read && (
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={onRead}>
            {t('inbox.markRead')}
          </button>
        </div>
      )}
    </li>
  );
}
