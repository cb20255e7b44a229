import { may } from '@lockstep/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPath } from '../../api';
import { DocumentHeader } from '../../components/DocumentHeader';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { formatNumber } from '../../format';
import { documentPageHref, Link } from '../../router';
import type { Document, RevisionImpact, RevisionSummary, User } from '../../types';
import { useResource } from '../../useResource';
import { RevisionEditor } from './RevisionEditor';
import { RevisionList } from './RevisionList';

/** `/documents/:doc/revisions`: publish a new source revision after seeing its impact; the past ones. */
export function RevisionsPage({ doc, user }: { doc: string; user: User }) {
  const { t, i18n } = useTranslation();
  const [lastPublished, setLastPublished] = useState<RevisionImpact>();
  // Both refresh after a publish while the new revision's text stays in its form.
  const [detail, reloadDetail] = useResource<Document>(apiPath(['documents', doc]), { keepWhileReloading: true });
  const [list, reloadList] = useResource<{ revisions: RevisionSummary[] }>(apiPath(['documents', doc, 'revisions']), { keepWhileReloading: true });
  const canPublish = may(user, 'manageDocuments');

  if (detail.status === 'loading') return <Loading />;
  if (detail.status === 'error') return <ErrorMessage error={detail.error} onRetry={reloadDetail} />;
  const document_ = detail.data;

  const published = (result: RevisionImpact) => {
    setLastPublished(result);
    reloadDetail();
    reloadList();
  };

  return (
    <>
      <DocumentHeader document={document_} page="revisions" />
      {lastPublished && (
        <div className="notice notice--success" role="status">
          <p>{t('revisions.published', { revision: formatNumber(i18n.resolvedLanguage ?? i18n.language, lastPublished.revision) })}</p>
          <Link to={documentPageHref(doc, 'dashboard')}>{t('revisions.seeDashboard')}</Link>
        </div>
      )}
      {canPublish ? (
        <RevisionEditor document={document_} onPublished={published} onStale={reloadDetail} />
      ) : (
        <div className="notice notice--info" role="note">
          <p>{t('revisions.readOnly')}</p>
        </div>
      )}
      <section className="card page-section" aria-labelledby="revisions-list">
        <h2 id="revisions-list">{t('revisions.listTitle')}</h2>
        {list.status === 'loading' && <Loading />}
        {list.status === 'error' && <ErrorMessage error={list.error} onRetry={reloadList} />}
        {list.status === 'ready' && <RevisionList document={document_} revisions={list.data.revisions} />}
      </section>
    </>
  );
}
