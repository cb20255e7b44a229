import { may } from '@lockstep/shared';
import { useTranslation } from 'react-i18next';
import { apiPath } from '../../api';
import { DocumentHeader, useLanguageInfo } from '../../components/DocumentHeader';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import type { Document, User } from '../../types';
import { useResource } from '../../useResource';
import { XliffDownload } from './XliffDownload';
import { XliffUpload } from './XliffUpload';

/** `/documents/:doc/xliff`: files for CAT tools out, and back in with a report before anything is applied. */
export function XliffPage({ doc, user }: { doc: string; user: User }) {
  const { t } = useTranslation();
  const [detail, reloadDetail] = useResource<Document>(apiPath(['documents', doc]));
  const infoOf = useLanguageInfo(detail.status === 'ready' ? detail.data : undefined);

  if (detail.status === 'loading') return <Loading />;
  if (detail.status === 'error') return <ErrorMessage error={detail.error} onRetry={reloadDetail} />;
  const document_ = detail.data;
  const writable = document_.targetLangs.filter((lang) => may(user, 'translate', lang));

  return (
    <>
      <DocumentHeader document={document_} page="xliff" />
      <XliffDownload document={document_} infoOf={infoOf} />
      {writable.length > 0 ? (
        <XliffUpload document={document_} languages={writable} infoOf={infoOf} />
      ) : (
        <div className="notice notice--info" role="note">
          <p>{t('xliff.noUpload')}</p>
        </div>
      )}
    </>
  );
}
