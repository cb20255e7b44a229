import { LANGUAGE_CODES, LANGUAGES, may, type LanguageCode } from '@lockstep/shared';
import type { GlossaryEntry, GlossaryList } from '@lockstep/shared/api';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiPath, asApiError, type ApiError } from '../api';
import { ErrorMessage, Loading } from '../components/ErrorMessage';
import type { User } from '../types';
import { useResource } from '../useResource';
import { GlossaryEntryItem } from './GlossaryEntryItem';
import { GlossaryFiles } from './GlossaryFiles';
import { EMPTY_TERM, TermFields, type TermDraft } from './TermFields';

/** `/glossary`: the terms of a source language. Everyone reads; coordinators add and delete, reviewers translate, translators propose. */
export function GlossaryPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const [sourceLang, setSourceLang] = useState<LanguageCode>('en');
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [list, reload] = useResource<GlossaryList>(apiPath(['glossary'], search ? { sourceLang, q: search } : { sourceLang }), { keepWhileReloading: true });
  const coordinator = may(user, 'manageGlossary');

  useEffect(() => {
    document.title = t('glossary.documentTitle', { app: t('app.name') });
  }, [t]);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), 300);
    return () => clearTimeout(timer);
  }, [query]);

  return (
    <>
      <div className="page-head">
        <h1>{t('glossary.title')}</h1>
      </div>
      <p>{t('glossary.intro')}</p>
      <div className="glossary-filters">
        <label>
          {t('glossary.sourceLang')}{' '}
          <select value={sourceLang} onChange={(e) => setSourceLang(e.target.value as LanguageCode)}>
            {LANGUAGE_CODES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGES[code].autonym}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('glossary.search')}{' '}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
      </div>
      {coordinator && <NewTermForm sourceLang={sourceLang} onAdded={reload} />}
      <GlossaryFiles sourceLang={sourceLang} canImport={coordinator} onImported={reload} />
      <section className="card page-section" aria-labelledby="glossary-terms">
        <h2 id="glossary-terms">{t('glossary.listTitle')}</h2>
        {list.status === 'loading' && <Loading />}
        {list.status === 'error' && <ErrorMessage error={list.error} onRetry={reload} />}
        {list.status === 'ready' && list.data.entries.length === 0 && <p>{t('glossary.none')}</p>}
        {list.status === 'ready' && (
          <ul className="glossary-list">
            {list.data.entries.map((entry: GlossaryEntry) => (
              <GlossaryEntryItem key={`${entry.id}-${entry.version}`} entry={entry} user={user} onChanged={reload} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function NewTermForm({ sourceLang, onAdded }: { sourceLang: LanguageCode; onAdded(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<TermDraft>(EMPTY_TERM);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/glossary', { sourceLang, ...draft });
      setDraft(EMPTY_TERM);
      onAdded();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card page-section" aria-labelledby="glossary-new">
      <h2 id="glossary-new">{t('glossary.add.title')}</h2>
      <form className="glossary-form" onSubmit={submit}>
        <TermFields value={draft} sourceLang={sourceLang} onChange={setDraft} />
        {error && <ErrorMessage error={error} />}
        <button type="submit" className="button" disabled={busy}>
          {t('glossary.add.submit')}
        </button>
      </form>
    </section>
  );
}
