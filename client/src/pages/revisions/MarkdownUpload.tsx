import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The most Markdown a revision may have (api.md "Limits"); the server refuses more with 413. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Picks a `.md` file and hands its text to the editor, which then previews it like typed text.
 * Read in the browser: a file that is too large or not UTF-8 is refused here with what to do,
 * and the text being edited is kept.
 */
export function MarkdownUpload({ onLoaded, disabled }: { onLoaded(text: string): void; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const helpId = useId();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  const load = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setMessage({ kind: 'error', text: t('revisionDiff.tooLarge', { name: file.name }) });
      return;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      setMessage({ kind: 'error', text: t('revisionDiff.notText', { name: file.name }) });
      return;
    }
    onLoaded(text.replace(/^\uFEFF/, ''));
    const size = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(file.size / 1024);
    setMessage({ kind: 'ok', text: t('revisionDiff.loaded', { name: file.name, size }) });
  };

  return (
    <div className="field">
      <label htmlFor={inputId}>{t('revisionDiff.uploadLabel')}</label>
      <p id={helpId} className="field__help">
        {t('revisionDiff.uploadHelp')}
      </p>
      <input
        id={inputId}
        type="file"
        accept=".md,.markdown,text/markdown,text/plain"
        aria-describedby={helpId}
        disabled={disabled}
        onChange={(event) => {
          void load(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      {message && (
        <p className={message.kind === 'error' ? 'field__error' : 'field__help'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
