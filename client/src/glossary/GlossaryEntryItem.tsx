import { LANGUAGE_CODES, LANGUAGES, may, type LanguageCode } from '@lockstep/shared';
import type { GlossaryEntry } from '@lockstep/shared/api';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import type { User } from '../types';
import { TermEditForm } from './TermEditForm';

interface Props {
  entry: GlossaryEntry;
  user: User;
  onChanged(): void;
}

/** One term: its translations per language, editable by that language's reviewers; proposals to accept; propose for translators. */
export function GlossaryEntryItem({ entry, user, onChanged }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError>();
  const [editing, setEditing] = useState(false);
  const targets = LANGUAGE_CODES.filter((code) => code !== entry.sourceLang);
  const shown = targets.filter((code) => (entry.translations[code]?.length ?? 0) > 0 || may(user, 'translate', code));

  const run = async (write: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await write();
      onChanged();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  const remove = () => {
    if (window.confirm(t('glossary.confirmDelete', { term: entry.term }))) void run(() => api.delete(`/api/glossary/${entry.id}`));
  };

  return (
    <li className="glossary-entry">
      <p className="glossary-entry__head">
        <strong lang={entry.sourceLang}>{entry.term}</strong>
        {entry.note && <span className="muted"> — {entry.note}</span>}
        {entry.doNotTranslate && <span className="badge">{t('glossary.doNotTranslate')}</span>}
        {entry.caseSensitive && <span className="badge">{t('glossary.caseSensitive')}</span>}
        {may(user, 'manageGlossary') && (
          <>
            <button type="button" className="button button--quiet button--small" aria-expanded={editing} onClick={() => setEditing((open) => !open)}>
              {t('glossary.edit')}
            </button>
            <button type="button" className="button button--quiet button--small" onClick={remove}>
              {t('glossary.delete')}
            </button>
          </>
        )}
      </p>
      {editing && <TermEditForm entry={entry} run={run} onClose={() => setEditing(false)} />}
      {error && <ErrorMessage error={error} />}
      {!entry.doNotTranslate && (
        <dl className="glossary-entry__translations">
          {shown.map((code) => (
            <LanguageRow key={code} entry={entry} lang={code} user={user} run={run} />
          ))}
        </dl>
      )}
    </li>
  );
}

function LanguageRow({ entry, lang, user, run }: { entry: GlossaryEntry; lang: LanguageCode; user: User; run(write: () => Promise<unknown>): Promise<void> }) {
  const { t } = useTranslation();
  const current = entry.translations[lang] ?? [];
  const reviewer = may(user, 'reviewTerms', lang);
  // Reviewers edit the list itself (renderings separated by ";"); translators write one proposal.
  const [draft, setDraft] = useState(reviewer ? current.join('; ') : '');
  const proposals = entry.proposals.filter((p) => p.lang === lang);
  const autonym = LANGUAGES[lang].autonym;
  const save = () =>
    run(() => api.patch(`/api/glossary/${entry.id}`, { version: entry.version, translations: { [lang]: draft.split(';').map((s) => s.trim()) } }));
  const propose = () => run(() => api.post(`/api/glossary/${entry.id}/proposals`, { lang, text: draft.trim() }));

  return (
    <div className="glossary-entry__lang">
      <dt lang={lang}>{autonym}</dt>
      <dd>
        {!reviewer && current.length > 0 && <span lang={lang}>{current.join(' / ')}</span>}
        {may(user, 'translate', lang) && (
          <span className="glossary-entry__edit">
            <input
              lang={lang}
              value={draft}
              aria-label={t(reviewer ? 'glossary.translationsLabel' : 'glossary.proposeLabel', { term: entry.term, language: autonym })}
              onChange={(e) => setDraft(e.target.value)}
            />
            <button type="button" className="button button--secondary button--small" aria-label={t(reviewer ? 'glossary.saveIn' : 'glossary.proposeIn', { language: autonym })}
              onClick={() => void (reviewer ? save() : propose())}
            >
              {reviewer ? t('glossary.save') : t('glossary.propose')}
            </button>
          </span>
        )}
        {proposals.map((p) => (
          <span key={p.id} className="glossary-entry__proposal">
            {t('glossary.proposedBy', { name: p.proposedBy.name })} <span lang={lang}>{p.text}</span>
            {reviewer &&
              (['accept', 'decline'] as const).map((how) => (
                <button key={how} type="button" className={`button button--small${how === 'decline' ? ' button--quiet' : ''}`}
                  onClick={() => void run(() => api.post(`/api/glossary/${entry.id}/proposals/${p.id}/${how}`))}
                >
                  {t(`glossary.${how}`)}
                </button>
              ))}
          </span>
        ))}
      </dd>
    </div>
  );
}
