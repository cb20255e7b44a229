import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import type { LanguageInfo } from '../../languages';
import type { Document, ImportReport } from '../../types';
import { UnitTable, unitLabel } from './UnitTable';

interface Props {
  report: ImportReport;
  document: Document;
  lang: string;
  info: LanguageInfo;
  fileName: string;
}

const OUTCOMES = ['applied', 'unchanged', 'conflicts', 'unknown', 'rejected', 'warnings'] as const;

/** What importing one file did, or would do: counts, the file's warnings, then every unit. */
export function ImportReportView({ report, document: doc, lang, info, fileName }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const byId = new Map(report.units.map((u) => [u.unit, u]));
  const label = (unit: string) => {
    const u = byId.get(unit);
    return u ? unitLabel(u, lng) : unit;
  };

  return (
    <div className="import-report">
      <dl className="outcome-counts">
        {OUTCOMES.map((outcome) => (
          <div key={outcome} className={`outcome-counts__item outcome-counts__item--${outcome}`} data-outcome={outcome}>
            <dt>{t(`xliff.outcomes.${outcome}`)}</dt>
            <dd>{formatNumber(lng, report[outcome].length)}</dd>
          </div>
        ))}
      </dl>
      {report.conflicts.length > 0 && <p className="muted">{t('xliff.conflictsIntro')}</p>}
      {report.warnings.length > 0 && (
        <details className="report-warnings">
          <summary>{t('xliff.warningsTitle')} ({formatNumber(lng, report.warnings.length)})</summary>
          <ul className="report-list">
            {report.warnings.map((warning, i) => (
              <li key={i}>
                {warning.unit && <strong>{label(warning.unit)} </strong>}
                <span lang="en">{warning.message}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <UnitTable units={report.units} docId={doc.id} lang={lang} info={info} fileName={fileName} />
    </div>
  );
}
