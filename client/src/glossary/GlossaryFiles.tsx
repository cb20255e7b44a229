import type { LanguageCode } from '@lockstep/shared';
import type { GlossaryImportReport } from '@lockstep/shared/api';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPath, asApiError, fetchFile, request, type ApiError } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { saveBlob } from '../download';

type Format = 'csv' | 'tbx';
const FORMATS: readonly Format[] = ['csv', 'tbx'];

/** Download the glossary as CSV or TBX; coordinators check a file (dry run) and import it, with the per-entry report. */
export function GlossaryFiles({ sourceLang, canImport, onImported }: { sourceLang: LanguageCode; canImport: boolean; onImported(): void }) {
  const { t } = useTranslation();
  const fileId = useId();
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<GlossaryImportReport>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const download = async (format: Format) => {
    setError(undefined);
    try {
      const got = await fetchFile(apiPath(['glossary', 'export'], { format, sourceLang }));
      saveBlob(got.blob, got.filename ?? `glossary-${sourceLang}.${format}`);
    } catch (err) {
      setError(asApiError(err));
    }
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    const format: Format = /\.csv$/i.test(file.name) ? 'csv' : 'tbx';
    setBusy(true);
    setError(undefined);
    setReport(undefined);
    try {
      const query: Record<string, string> = { format, sourceLang, ...(dryRun ? { dryRun: 'true' } : {}) };
      setReport(await request<GlossaryImportReport>('POST', apiPath(['glossary', 'import'], query), { raw: { body: file, type: format === 'csv' ? 'text/csv' : 'application/x-tbx' } }));
      if (!dryRun) onImported();
    } catch (err) {
      const failed = asApiError(err);
      // Rejected entries come back as the report itself (422): show it, not a bare error.
      const payload = failed.payload as GlossaryImportReport | undefined;
      if (payload && Array.isArray(payload.entries)) setReport(payload);
      else setError(failed);
    } finally {
      setBusy(false);
    }
  };

  const rejected = report?.entries.filter((e) => e.action === 'rejected') ?? [];
  return (
    <section className="card page-section" aria-labelledby="glossary-files">
      <h2 id="glossary-files">{t('glossary.files.title')}</h2>
      <div className="glossary-filters">
        {FORMATS.map((format) => (
          <button key={format} type="button" className="button button--secondary" onClick={() => void download(format)}>
            {t(`glossary.files.download.${format}`)}
          </button>
        ))}
      </div>
      {canImport && (
        <div className="glossary-filters">
          <label htmlFor={fileId}>{t('glossary.files.choose')}</label>
          <input id={fileId} type="file" accept=".csv,.tbx,.xml,text/csv,application/x-tbx" onChange={(e) => (setFile(e.target.files?.[0]), setReport(undefined))} />
          <button type="button" className="button button--secondary" disabled={!file || busy} onClick={() => void send(true)}>
            {t('glossary.files.check')}
          </button>
          <button type="button" className="button" disabled={!file || busy} onClick={() => void send(false)}>
            {t('glossary.files.import')}
          </button>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      {report && (
        <div role="status" className="glossary-report">
          <p>
            {t(report.applied ? 'glossary.files.applied' : report.dryRun ? 'glossary.files.dryRun' : 'glossary.files.refused', report.counts)}
          </p>
          {rejected.length > 0 && (
            <ul>
              {rejected.map((e) => (
                <li key={e.index}>
                  {e.where}
                  {e.term ? ` (${e.term})` : ''}: {e.problem}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
