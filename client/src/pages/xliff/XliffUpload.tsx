import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError, apiPath, request } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { LanguageInfo } from '../../languages';
import type { Document, ExchangeOverride, ExchangeReport } from '../../types';
import { ExchangeFileView } from './ExchangeFileView';

interface Props {
  document: Document;
  /** The target languages this user may import into. */
  languages: string[];
  infoOf: (code: string) => LanguageInfo;
}

type Stage = { step: 'choose' } | { step: 'checked'; result: ExchangeReport } | { step: 'applied'; result: ExchangeReport };
type Overrides = Record<string, ExchangeOverride>;

/**
 * Upload in two steps: the server reads each file (one, several, or a zip), says which
 * document and language it is for and what it would do to every unit (a dry run, nothing
 * written); the user can change a file's language or document, which checks again, and only
 * "Apply" imports every file, in one transaction.
 */
export function XliffUpload({ document: doc, languages, infoOf }: Props) {
  const { t } = useTranslation();
  const fileId = useId();
  const fileHelpId = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [overrides, setOverrides] = useState<Overrides>({});
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [busy, setBusy] = useState<'check' | 'apply'>();
  const [error, setError] = useState<ApiError>();
  const fileInput = useRef<HTMLInputElement>(null);

  const send = (chosen: Overrides, dryRun: boolean) => {
    const form = new FormData();
    form.append('overrides', JSON.stringify(chosen));
    for (const file of files) form.append('file', file, file.name);
    return request<ExchangeReport>('POST', apiPath(['documents', doc.id, 'xliff'], dryRun ? { dryRun: 'true' } : undefined), { form });
  };

  const run = async (kind: 'check' | 'apply', action: () => Promise<void>) => {
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

  const check = (chosen: Overrides) => {
    setOverrides(chosen);
    void run('check', async () => setStage({ step: 'checked', result: await send(chosen, true) }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (files.length > 0) check({});
  };

  const apply = () => void run('apply', async () => setStage({ step: 'applied', result: await send(overrides, false) }));

  const restart = () => {
    setStage({ step: 'choose' });
    setFiles([]);
    setOverrides({});
    setError(undefined);
    if (fileInput.current) fileInput.current.value = '';
    fileInput.current?.focus();
  };

  const result = stage.step === 'choose' ? undefined : stage.result;
  const refused = result?.files.filter((f) => f.error).length ?? 0;
  const work = result?.files.reduce((n, f) => n + (f.report ? f.report.applied.length + f.report.conflicts.length : 0), 0) ?? 0;

  return (
    <section className="card page-section" aria-labelledby="xliff-upload">
      <h2 id="xliff-upload">{t('xliff.uploadTitle')}</h2>
      <p className="muted">{t('xliff.uploadIntro')}</p>
      <form className="form-row" onSubmit={submit}>
        <div className="field">
          <label htmlFor={fileId}>{t('exchange2.files')}</label>
          <input
            ref={fileInput}
            id={fileId}
            type="file"
            multiple
            accept=".xlf,.xliff,.xml,.zip,application/xliff+xml,application/xml,text/xml,application/zip"
            aria-describedby={fileHelpId}
            disabled={stage.step !== 'choose'}
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
          <p id={fileHelpId} className="field__help">
            {t('exchange2.filesHelp')}
          </p>
        </div>
        {stage.step === 'choose' && (
          <button type="submit" className="button button--primary" disabled={files.length === 0 || busy !== undefined}>
            {busy === 'check' ? t('xliff.checking') : t('xliff.check')}
          </button>
        )}
      </form>
      {error && <ErrorMessage error={error} />}
      {result && (
        <div className="import-result" aria-live="polite" aria-busy={busy !== undefined}>
          <h3>{stage.step === 'applied' ? t('xliff.resultTitle') : t('xliff.reportTitle')}</h3>
          <p className={stage.step === 'applied' ? 'notice notice--success' : 'notice notice--info'}>
            {stage.step === 'applied' ? t('xliff.appliedNote') : t('xliff.dryRunNote')}
          </p>
          {result.files.map((file) => (
            <ExchangeFileView
              key={file.name}
              file={file}
              document={doc}
              languages={languages}
              infoOf={infoOf}
              editable={stage.step === 'checked' && busy === undefined}
              onOverride={(override) => check({ ...overrides, [file.name]: { ...overrides[file.name], ...override } })}
            />
          ))}
          {stage.step === 'checked' && refused > 0 && (
            <p className="notice notice--error" role="note">
              {t('exchange2.refusedNote')}
            </p>
          )}
          <div className="button-row">
            {stage.step === 'checked' && (
              <button
                type="button"
                className="button button--primary"
                // Conflicts are written too, as suggestions on their segments.
                disabled={busy !== undefined || refused > 0 || work === 0}
                onClick={apply}
              >
                {busy === 'apply' ? t('xliff.applying') : t('exchange2.apply')}
              </button>
            )}
            <button type="button" className="button button--secondary" disabled={busy !== undefined} onClick={restart}>
              {stage.step === 'applied' ? t('xliff.another') : t('xliff.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
