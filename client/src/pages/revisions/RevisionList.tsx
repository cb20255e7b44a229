import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError, api, apiPath } from '../../api';
import { errorText } from '../../components/ErrorMessage';
import { saveBlob } from '../../download';
import { formatDateTime, formatNumber } from '../../format';
import type { Document, Revision, RevisionSummary } from '../../types';
import { CHANGE_CLASSES } from './ImpactReport';

/** Every revision, newest first, with what it changed and its Markdown to download. */
export function RevisionList({ document: doc, revisions }: { document: Document; revisions: RevisionSummary[] }) {
  const { t } = useTranslation();
  if (revisions.length === 0) return <p className="muted">{t('revisions.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table revision-table">
        <caption className="visually-hidden">{t('revisions.listTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('revisions.numberColumn')}</th>
            <th scope="col">{t('revisions.publishedColumn')}</th>
            <th scope="col">{t('revisions.impactColumn')}</th>
            <th scope="col">{t('revisions.staleColumn')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('revisions.downloadColumn')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((revision) => (
            <RevisionRow key={revision.number} doc={doc} revision={revision} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RevisionRow({ doc, revision }: { doc: Document; revision: RevisionSummary }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const number = formatNumber(lng, revision.number);
  const counts = CHANGE_CLASSES.filter((kind) => kind !== 'unchanged').flatMap((kind) => {
    const value = revision.impact[kind];
    return typeof value === 'number' && value > 0 ? [t('revisions.countOf', { kind: t(`revisions.kinds.${kind}`), count: formatNumber(lng, value) })] : [];
  });
  const stale = revision.impact.stale;
  const staleTotal = stale && typeof stale === 'object' ? Object.values(stale).reduce((sum, n) => sum + n, 0) : undefined;
  // What the publish did to translations besides making them stale (recorded since the hand-over rule).
  const handed = (['suggested', 'retired'] as const).flatMap((kind) => {
    const total = Object.values(revision.impact[kind] ?? {}).reduce((sum, n) => sum + n, 0);
    return total > 0 ? [t('revisions.countOf', { kind: t(`revisions.workColumns.${kind}`), count: formatNumber(lng, total) })] : [];
  });
  const staleLanguages = stale ? Object.entries(stale).filter(([, n]) => n > 0) : [];

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const full = await api.get<Revision>(apiPath(['documents', doc.id, 'revisions', revision.number]));
      saveBlob(new Blob([full.markdown], { type: 'text/markdown;charset=utf-8' }), `${doc.id}.r${revision.number}.md`);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr>
      <th scope="row">{number}</th>
      <td>
        {formatDateTime(lng, revision.createdAt)}
        {revision.createdBy && (
          <>
            <br />
            <bdi className="muted">{revision.createdBy}</bdi>
          </>
        )}
      </td>
      <td>
        {counts.length ? counts.join(', ') : t('revisions.noChanges')}
        {handed.length > 0 && (
          <>
            <br />
            <span className="muted">{handed.join(', ')}</span>
          </>
        )}
      </td>
      <td className="numeric">
        {staleTotal === undefined ? '–' : formatNumber(lng, staleTotal)}
        {staleLanguages.length > 0 && (
          <>
            <br />
            <span className="muted revision-table__langs" data-stale-by-language>
              {staleLanguages.map(([lang, n]) => `${lang} ${formatNumber(lng, n)}`).join(' · ')}
            </span>
          </>
        )}
      </td>
      <td>
        <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void download()}>
          {t('revisions.download', { revision: number })}
        </button>
        {error && (
          <p className="field__error" role="alert">
            {errorText(t, error)}
          </p>
        )}
      </td>
    </tr>
  );
}
