import { may } from '@lockstep/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError, api, apiPath } from '../../api';
import { useLanguageInfo } from '../../components/DocumentHeader';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { documentHref, Link } from '../../router';
import type { AlignApplyReport, AlignProposal, Document, SegmentList, User } from '../../types';
import { useResource } from '../../useResource';
import './align.css';
import { AlignReview } from './AlignReview';
import { pairsToApply, rowsOf, type ReviewRow } from './reviewModel';

type Stage = { step: 'input' } | { step: 'review'; proposal: AlignProposal; rows: ReviewRow[]; report?: AlignApplyReport } | { step: 'applied'; report: AlignApplyReport };

/**
 * `/documents/:doc/:lang/align`: a translation published before Lockstep (a Markdown file or a
 * web page) is aligned with the document's segments, reviewed side by side, checked (dry run)
 * and applied. Nothing is written before "Apply".
 */
export function AlignPage({ doc, lang, user }: { doc: string; lang: string; user: User }) {
  const { t } = useTranslation();
  const [detail, reloadDetail] = useResource<Document>(apiPath(['documents', doc]));
  const [segments] = useResource<SegmentList>(apiPath(['documents', doc, 'segments'], { lang }));
  const infoOf = useLanguageInfo(detail.status === 'ready' ? detail.data : undefined);
  const [format, setFormat] = useState<'markdown' | 'html'>('markdown');
  const [text, setText] = useState('');
  const [stage, setStage] = useState<Stage>({ step: 'input' });
  const [busy, setBusy] = useState<'align' | 'check' | 'apply'>();
  const [error, setError] = useState<ApiError>();
  const textId = useId();
  const fileId = useId();
  const target = infoOf(lang);

  useEffect(() => {
    document.title = t('alignTranslation.documentTitle', { language: target.autonym, app: t('app.name') });
  }, [t, target.autonym]);

  if (detail.status === 'loading' || segments.status === 'loading') return <Loading />;
  if (detail.status === 'error') return <ErrorMessage error={detail.error} onRetry={reloadDetail} />;
  if (segments.status === 'error') return <ErrorMessage error={segments.error} />;
  const source = infoOf(detail.data.sourceLang);

  const run = async (kind: 'align' | 'check' | 'apply', action: () => Promise<void>) => {
    setBusy(kind);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(undefined);
    }
  };
  const base = ['documents', doc, 'translations', lang, 'align'];
  const propose = (event: FormEvent) => {
    event.preventDefault();
    void run('align', async () => {
      const proposal = await api.post<AlignProposal>(apiPath(base), format === 'html' ? { html: text } : { markdown: text });
      setStage({ step: 'review', proposal, rows: rowsOf(proposal) });
    });
  };
  const send = (rows: readonly ReviewRow[], dryRun: boolean) =>
    api.post<AlignApplyReport>(apiPath([...base, 'apply'], dryRun ? { dryRun: 'true' } : undefined), { pairs: pairsToApply(rows) });
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setFormat(/\.html?$/i.test(file.name) ? 'html' : 'markdown');
    setText(await file.text());
  };

  return (
    <>
      <div className="page-head">
        <p className="breadcrumb">
          <Link to={documentHref(doc, lang)}>{detail.data.title}</Link>
        </p>
        <h1>{t('alignTranslation.title', { language: target.autonym })}</h1>
        <p>{t('alignTranslation.intro')}</p>
      </div>
      {!may(user, 'translate', lang) && (
        <div className="notice notice--info" role="note">
          <p>{t('alignTranslation.readOnly')}</p>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      {stage.step === 'input' && (
        <form className="align-input" onSubmit={propose}>
          <fieldset>
            <legend>{t('alignTranslation.format')}</legend>
            {(['markdown', 'html'] as const).map((f) => (
              <label key={f}>
                <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {t(`alignTranslation.formats.${f}`)}
              </label>
            ))}
          </fieldset>
          <p>
            <label htmlFor={fileId}>{t('alignTranslation.file')}</label>{' '}
            <input id={fileId} type="file" accept=".md,.markdown,.txt,.html,.htm,text/markdown,text/html" onChange={(e) => void readFile(e.target.files?.[0])} />
          </p>
          <p>
            <label htmlFor={textId}>{t('alignTranslation.text')}</label>
          </p>
          <textarea id={textId} className="align-input__text" lang={lang} dir={target.direction} rows={12} value={text} onChange={(e) => setText(e.target.value)} />
          <p>
            <button type="submit" className="button button--primary" disabled={busy !== undefined || text.trim() === ''}>
              {busy === 'align' ? t('alignTranslation.aligning') : t('alignTranslation.align')}
            </button>
          </p>
        </form>
      )}
      {stage.step === 'review' && (
        <AlignReview
          proposal={stage.proposal}
          rows={stage.rows}
          segments={segments.data.segments}
          source={source}
          target={target}
          report={stage.report}
          busy={busy}
          onChange={(rows) => setStage({ ...stage, rows, report: undefined })}
          onCheck={() => void run('check', async () => setStage({ ...stage, report: await send(stage.rows, true) }))}
          onApply={() => void run('apply', async () => setStage({ step: 'applied', report: await send(stage.rows, false) }))}
        />
      )}
      {stage.step === 'applied' && (
        <div className="notice notice--success" role="status">
          <p>{t('alignTranslation.applied', stage.report.counts)}</p>
          <p>
            <Link to={documentHref(doc, lang)}>{t('alignTranslation.backToDocument')}</Link>
          </p>
        </div>
      )}
    </>
  );
}
