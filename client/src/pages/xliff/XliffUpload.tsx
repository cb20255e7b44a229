import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError, apiPath, request } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { LanguageInfo } from '../../languages';
import type { Document, ImportReport } from '../../types';
import { ImportReportView } from './ImportReportView';

interface Props {
  document: Document;
  /** The target languages this user may import into. */
  languages: string[];
  infoOf: (code: string) => LanguageInfo;
}

type Stage = { step: 'choose' } | { step: 'checked'; file: File; report: ImportReport } | { step: 'applied'; report: ImportReport };

const XLIFF_TYPE = 'application/xliff+xml';

/**
 * Upload in two steps: the server first reads the file and says what it would do (a dry run,
 * nothing written), and only "Apply" imports it, re-checking every unit in one transaction.
 */
export function XliffUpload({ document: doc, languages, infoOf }: Props) {
  const { t } = useTranslation();
  const langId = useId();
  const fileId = useId();
  const fileHelpId = useId();
  const [lang, setLang] = useState(languages[0]);
  const [file, setFile] = useState<File>();
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [busy, setBusy] = useState<'check' | 'apply'>();
  const [error, setError] = useState<ApiError>();
  const fileInput = useRef<HTMLInputElement>(null);

  const send = (body: File, dryRun: boolean) =>
    request<ImportReport>('POST', apiPath(['documents', doc.id, 'xliff', lang], dryRun ? { dryRun: 'true' } : undefined), {
      raw: { body, type: XLIFF_TYPE },
    });

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

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    void run('check', async () => setStage({ step: 'checked', file, report: await send(file, true) }));
  };

  const apply = () => {
    if (stage.step !== 'checked') return;
    void run('apply', async () => setStage({ step: 'applied', report: await send(stage.file, false) }));
  };

  const restart = () => {
    setStage({ step: 'choose' });
    setFile(undefined);
    setError(undefined);
    if (fileInput.current) fileInput.current.value = '';
    fileInput.current?.focus();
  };

  return (
    <section className="card page-section" aria-labelledby="xliff-upload">
      <h2 id="xliff-upload">{t('xliff.uploadTitle')}</h2>
      <p className="muted">{t('xliff.uploadIntro')}</p>
      <form className="form-row" onSubmit={check}>
        <div className="field">
          <label htmlFor={langId}>{t('xliff.language')}</label>
          <select
            id={langId}
            value={lang}
            disabled={stage.step !== 'choose'}
            onChange={(e) => setLang(e.target.value)}
          >
            {languages.map((code) => (
              <option key={code} value={code} lang={code}>
                {infoOf(code).autonym}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={fileId}>{t('xliff.file')}</label>
          <input
            ref={fileInput}
            id={fileId}
            type="file"
            accept=".xlf,.xliff,.xml,application/xliff+xml,application/xml,text/xml"
            aria-describedby={fileHelpId}
            disabled={stage.step !== 'choose'}
            onChange={(e) => setFile(e.target.files?.[0])}
          />
          <p id={fileHelpId} className="field__help">
            {t('xliff.fileHelp')}
          </p>
        </div>
        {stage.step === 'choose' && (
          <button type="submit" className="button button--primary" disabled={!file || busy !== undefined}>
            {busy === 'check' ? t('xliff.checking') : t('xliff.check')}
          </button>
        )}
      </form>
      {error && <ErrorMessage error={error} />}
      {stage.step !== 'choose' && (
        <div className="import-result" aria-live="polite">
          <ImportReportView report={stage.report} applied={stage.step === 'applied'} document={doc} lang={lang} info={infoOf(lang)} />
          <div className="button-row">
            {stage.step === 'checked' && (
              <button
                type="button"
                className="button button--primary"
                // Conflicts are written too, as suggestions on their segments.
                disabled={busy !== undefined || stage.report.applied.length + stage.report.conflicts.length === 0}
                onClick={apply}
              >
                {busy === 'apply' ? t('xliff.applying') : t('xliff.apply')}
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
