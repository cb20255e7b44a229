import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError, api, apiPath } from '../../api';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { formatNumber } from '../../format';
import type { Document, Revision, RevisionImpact } from '../../types';
import { ImpactReport } from './ImpactReport';
import { MarkdownUpload } from './MarkdownUpload';
import { SideBySide } from './SideBySide';

interface Props {
  document: Document;
  onPublished(result: RevisionImpact): void;
  /** The document moved on under us (409): the page should show its new revision. */
  onStale(): void;
}

interface Preview {
  text: string;
  base: number;
  result: RevisionImpact;
}


/**
 * The new revision's Markdown (starting from the current one), its dry-run impact, and publishing.
 * Publishing sends the revision the text was started from (`baseRevision`), so a revision someone
 * else published meanwhile is a 409 and never silently replaced; the preview must match the text.
 */
export function RevisionEditor({ document: doc, onPublished, onStale }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const textId = useId();
  const helpId = useId();
  const [base, setBase] = useState(doc.revision);
  const [text, setText] = useState<string>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);
  const [preview, setPreview] = useState<Preview>();
  const [busy, setBusy] = useState<'preview' | 'publish'>();
  const [error, setError] = useState<ApiError>();

  // The starting text: the Markdown of the revision the document was at when the page opened.
  useEffect(() => {
    const controller = new AbortController();
    setLoadError(undefined);
    api.get<Revision>(apiPath(['documents', doc.id, 'revisions', base]), controller.signal).then(
      (revision) => setText((current) => current ?? revision.markdown),
      (err: unknown) => controller.signal.aborted || setLoadError(asApiError(err)),
    );
    return () => controller.abort();
    // Only the first base: later ones (after a publish or a conflict) keep the text being edited.
  }, [doc.id, attempt]);

  const runPreview = async (markdown: string, against: number) => {
    setBusy('preview');
    setError(undefined);
    try {
      const result = await api.post<RevisionImpact>(apiPath(['documents', doc.id, 'revisions'], { dryRun: 'true', sides: 'true' }), {
        markdown,
        baseRevision: against,
      });
      setPreview({ text: markdown, base: against, result });
    } catch (err) {
      setPreview(undefined);
      setError(asApiError(err));
    } finally {
      setBusy(undefined);
    }
  };

  const publish = async () => {
    if (!preview) return;
    setBusy('publish');
    setError(undefined);
    try {
      const result = await api.post<RevisionImpact>(apiPath(['documents', doc.id, 'revisions']), { markdown: preview.text, baseRevision: preview.base });
      setBase(result.revision);
      setPreview(undefined);
      onPublished(result);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(undefined);
    }
  };

  /** After a 409: take the revision now current as the base and look at the impact again. */
  const rebase = async () => {
    if (text === undefined) return;
    try {
      const current = await api.get<Document>(apiPath(['documents', doc.id]));
      setBase(current.revision);
      onStale();
      await runPreview(text, current.revision);
    } catch (err) {
      setError(asApiError(err));
    }
  };

  if (loadError) return <ErrorMessage error={loadError} onRetry={() => setAttempt((n) => n + 1)} />;
  if (text === undefined) return <Loading />;
  const previewIsCurrent = preview !== undefined && preview.text === text && preview.base === base;
  const conflict = error?.status === 409;

  return (
    <section className="card page-section" aria-labelledby="revision-editor">
      <h2 id="revision-editor">{t('revisions.newTitle')}</h2>
      <MarkdownUpload onLoaded={setText} disabled={busy !== undefined} />
      <div className="field">
        <label htmlFor={textId}>{t('revisions.markdownLabel')}</label>
        <p id={helpId} className="field__help">
          {t('revisions.markdownHelp', { revision: formatNumber(lng, base) })}
        </p>
        <textarea
          id={textId}
          className="markdown-input"
          lang={doc.sourceLang}
          dir="auto"
          spellCheck={false}
          rows={16}
          value={text}
          aria-describedby={helpId}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={busy !== undefined || !text.trim()} onClick={() => void runPreview(text, base)}>
          {busy === 'preview' ? t('revisions.previewing') : t('revisions.preview')}
        </button>
        <button type="button" className="button button--primary" disabled={busy !== undefined || !previewIsCurrent} onClick={() => void publish()}>
          {busy === 'publish' ? t('revisions.publishing') : t('revisions.publish')}
        </button>
        {!previewIsCurrent && <span className="muted">{t('revisions.previewFirst')}</span>}
      </div>
      {error && !conflict && <ErrorMessage error={error} />}
      {conflict && (
        <div className="notice notice--error" role="alert">
          <p>{t('revisions.conflict')}</p>
          <button type="button" className="button button--secondary" onClick={() => void rebase()}>
            {t('revisions.rebase')}
          </button>
        </div>
      )}
      {preview && (
        <div aria-live="polite">
          {!previewIsCurrent && <p className="notice notice--info">{t('revisions.previewOutdated')}</p>}
          {preview.result.sides && <SideBySide document={doc} sides={preview.result.sides} base={preview.base} />}
          <ImpactReport result={preview.result} document={doc} />
        </div>
      )}
    </section>
  );
}
