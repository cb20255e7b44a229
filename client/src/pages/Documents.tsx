import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPath } from '../api';
import { ErrorMessage, Loading } from '../components/ErrorMessage';
import { LanguageName } from '../components/LanguageName';
import { ProgressBar, ProgressLegend } from '../components/ProgressBar';
import { formatDateTime, formatNumber } from '../format';
import { directionOf } from '../languages';
import { documentHref, documentPageHref, Link } from '../router';
import type { DocumentListEntry, LanguageProgress, User } from '../types';
import { useResource } from '../useResource';
import { MyWork } from './myWork/MyWork';

/** `/`: for translators and reviewers their work first, then every document; for the others every document. */
export function Home({ user }: { user: User }) {
  const { t } = useTranslation();
  const ownWork = user.languages.length > 0;
  useEffect(() => {
    document.title = t(ownWork ? 'myWork.documentTitle' : 'documents.documentTitle', { app: t('app.name') });
  }, [t, ownWork]);
  if (!ownWork) return <Documents user={user} />;
  return (
    <>
      <MyWork />
      <Documents user={user} nested />
    </>
  );
}

/** Every document with its languages' progress; `nested`: below "My work", under a second-level heading. */
function Documents({ user, nested = false }: { user: User; nested?: boolean }) {
  const { t } = useTranslation();
  const [documents, reload] = useResource<DocumentListEntry[]>(apiPath(['documents']));
  const Heading = nested ? 'h2' : 'h1';

  return (
    <>
      <div className="page-head">
        <Heading>{t(nested ? 'myWork.allDocuments' : 'documents.title')}</Heading>
        {documents.status === 'ready' && documents.data.length > 0 && <ProgressLegend />}
      </div>
      {documents.status === 'loading' && <Loading />}
      {documents.status === 'error' && <ErrorMessage error={documents.error} onRetry={reload} />}
      {documents.status === 'ready' &&
        (documents.data.length === 0 ? (
          <div className="empty-state">
            <h2>{t('documents.empty.title')}</h2>
            <p className="muted">{t('documents.empty.body')}</p>
          </div>
        ) : (
          <ul className="document-list">
            {documents.data.map((doc) => (
              <li key={doc.id}>
                <DocumentCard doc={doc} user={user} />
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

function DocumentCard({ doc, user }: { doc: DocumentListEntry; user: User }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const headingId = `doc-${doc.id}`;
  return (
    <article className="card document-card" aria-labelledby={headingId}>
      <header className="document-card__head">
        <h2 id={headingId} lang={doc.sourceLang} dir={directionOf(doc.sourceLang)}>
          {/* In the reader's own language when the document has it, not simply its first one. */}
          <Link to={documentHref(doc.id, doc.targetLangs.find((l) => user.languages.includes(l)) ?? doc.targetLangs[0])}>{doc.title}</Link>
        </h2>
        <dl className="facts">
          <div>
            <dt>{t('documents.source')}</dt>
            <dd>
              <LanguageName code={doc.sourceLang} />
            </dd>
          </div>
          <div>
            <dt>{t('documents.revision')}</dt>
            <dd>{formatNumber(lng, doc.revision)}</dd>
          </div>
        </dl>
        <Link to={documentPageHref(doc.id, 'dashboard')} className="document-card__dashboard">
          {t('documents.openDashboard')}
          <span className="visually-hidden">
            {' '}
            <span lang={doc.sourceLang}>{doc.title}</span>
          </span>
        </Link>
      </header>
      <table className="language-table">
        <caption className="visually-hidden">{t('documents.languagesCaption', { title: doc.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.language')}</th>
            <th scope="col">{t('documents.progress')}</th>
            <th scope="col">{t('documents.lastActivity')}</th>
          </tr>
        </thead>
        <tbody>
          {doc.targetLangs.map((lang) => (
            <LanguageRow key={lang} doc={doc} lang={lang} progress={doc.progress?.[lang]} />
          ))}
        </tbody>
      </table>
    </article>
  );
}

function LanguageRow({ doc, lang, progress }: { doc: DocumentListEntry; lang: string; progress?: LanguageProgress }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const last = progress?.lastActivity ? formatDateTime(lng, progress.lastActivity) : undefined;
  return (
    <tr>
      <th scope="row">
        <Link to={documentHref(doc.id, lang)} className="language-link">
          <LanguageName code={lang} />
          <span className="language-code">{lang}</span>
        </Link>
      </th>
      <td>
        {progress ? (
          <ProgressBar counts={progress.segments} complete={progress.complete} />
        ) : (
          <span className="muted">{t('documents.noProgress')}</span>
        )}
      </td>
      <td className="muted">{last ?? t('documents.noActivity')}</td>
    </tr>
  );
}
