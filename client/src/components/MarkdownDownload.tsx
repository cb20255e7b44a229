import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError, apiPath, fetchFile } from '../api';
import { saveBlob } from '../download';
import { ErrorMessage } from './ErrorMessage';

interface Props {
  doc: string;
  lang: string;
  /** The language's name, for the button's accessible name where several languages are listed. */
  languageName?: string;
  className?: string;
}

type Outcome = { filename: string; fallbacks: number } | { error: ApiError };

/**
 * Downloads the translated statement as Markdown (`GET …/markdown/:lang`) and says how many
 * sentences are still the source's (untranslated or stale ones fall back to it).
 */
export function MarkdownDownload({ doc, lang, languageName, className }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const download = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const file = await fetchFile(apiPath(['documents', doc, 'markdown', lang]));
      const filename = file.filename ?? `${doc}.${lang}.md`;
      saveBlob(file.blob, filename);
      const count = Number(file.headers.get('X-Lockstep-Fallback-Count') ?? '');
      const listed = (file.headers.get('X-Lockstep-Fallback') ?? '').split(',').filter(Boolean).length;
      setOutcome({ filename, fallbacks: Number.isInteger(count) && count >= 0 ? count : listed });
    } catch (err) {
      setOutcome({ error: asApiError(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={className ? `markdown-download ${className}` : 'markdown-download'}>
      <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void download()}>
        {t('markdown.download')}
        {languageName && <span className="visually-hidden"> ({languageName})</span>}
      </button>
      <span role="status" className="markdown-download__status muted">
        {busy
          ? t('markdown.preparing')
          : outcome && 'filename' in outcome
            ? outcome.fallbacks > 0
              ? t('markdown.fallbacks', { count: outcome.fallbacks })
              : t('markdown.complete')
            : ''}
      </span>
      {outcome && 'error' in outcome && <ErrorMessage error={outcome.error} />}
    </div>
  );
}
