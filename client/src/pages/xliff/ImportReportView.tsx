import { useTranslation } from 'react-i18next';
import { apiPath } from '../../api';
import { InlineText } from '../../components/InlineText';
import { formatNumber } from '../../format';
import type { LanguageInfo } from '../../languages';
import { Link, segmentHref } from '../../router';
import type { Document, ImportReport, SegmentList } from '../../types';
import { useResource } from '../../useResource';

interface Props {
  report: ImportReport;
  /** False for the dry run: the report says what would happen. */
  applied: boolean;
  document: Document;
  lang: string;
  info: LanguageInfo;
}

const OUTCOMES = ['applied', 'unchanged', 'conflicts', 'unknown', 'rejected', 'warnings'] as const;

/**
 * The import rule's reasons are English sentences (design/api.md: `{unit, reason}`); the ones it
 * always gives are shown in the reader's language, any other as the server wrote it.
 */
const KNOWN_REASONS: Record<string, string> = {
  'The source of this segment changed since the file was exported.': 'sourceChanged',
  'The translation on the server changed since the file was exported, and differs from the file.': 'serverChanged',
};

function Reason({ text }: { text: string }) {
  const { t } = useTranslation();
  const key = KNOWN_REASONS[text];
  return key ? <>{t(`xliff.reasons.${key}`)}</> : <span lang="en">{text}</span>;
}

/** What an import did, or would do: counts, then every conflict (with a link to its segment), rejection and warning. */
export function ImportReportView({ report, applied, document: doc, lang, info }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  // Segment numbers and sources, so a conflict reads as "segment 12: …" rather than a bare id.
  const needsSegments = report.conflicts.length + report.rejected.length > 0;
  const [segments] = useResource<SegmentList>(needsSegments ? apiPath(['documents', doc.id, 'segments'], { lang }) : undefined);
  const byId = new Map(segments.status === 'ready' ? segments.data.segments.map((s) => [s.id, s]) : []);
  const count = (outcome: (typeof OUTCOMES)[number]) => report[outcome].length;

  const segmentLabel = (unit: string) => {
    const segment = byId.get(unit);
    return segment ? t('xliff.segmentNumber', { number: formatNumber(lng, segment.index + 1) }) : t('xliff.unit', { unit });
  };
  const sourceOf = (unit: string) => {
    const segment = byId.get(unit);
    return segment ? <InlineText text={segment.source} lang={doc.sourceLang} className="report-item__source" /> : null;
  };

  return (
    <div className="import-report">
      <h3>{applied ? t('xliff.resultTitle') : t('xliff.reportTitle')}</h3>
      <p className={applied ? 'notice notice--success' : 'notice notice--info'}>{applied ? t('xliff.appliedNote') : t('xliff.dryRunNote')}</p>
      <dl className="outcome-counts">
        {OUTCOMES.map((outcome) => (
          <div key={outcome} className={`outcome-counts__item outcome-counts__item--${outcome}`} data-outcome={outcome}>
            <dt>{t(`xliff.outcomes.${outcome}`)}</dt>
            <dd>{formatNumber(lng, count(outcome))}</dd>
          </div>
        ))}
      </dl>

      {report.conflicts.length > 0 && (
        <section aria-labelledby="report-conflicts">
          <h4 id="report-conflicts">{t('xliff.conflictsTitle')}</h4>
          <p className="muted">{t('xliff.conflictsIntro')}</p>
          <ul className="report-list">
            {report.conflicts.map(({ unit, reason }) => (
              <li key={unit} className="report-item" data-unit={unit}>
                <p className="report-item__head">
                  <strong>{segmentLabel(unit)}</strong> <Reason text={reason} />
                </p>
                {sourceOf(unit)}
                <Link to={segmentHref(doc.id, lang, unit)}>
                  {t('xliff.openSegment')}
                  <span className="visually-hidden">
                    {' '}
                    {segmentLabel(unit)}, <span lang={lang}>{info.autonym}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {report.rejected.length > 0 && (
        <section aria-labelledby="report-rejected">
          <h4 id="report-rejected">{t('xliff.rejectedTitle')}</h4>
          <ul className="report-list">
            {report.rejected.map(({ unit, reason }) => (
              <li key={unit} className="report-item" data-unit={unit}>
                <p className="report-item__head">
                  <strong>{segmentLabel(unit)}</strong> <Reason text={reason} />
                </p>
                {sourceOf(unit)}
              </li>
            ))}
          </ul>
        </section>
      )}

      {report.unknown.length > 0 && (
        <section aria-labelledby="report-unknown">
          <h4 id="report-unknown">{t('xliff.unknownTitle')}</h4>
          <p className="muted">{t('xliff.unknownIntro')}</p>
          <p className="unit-ids">{report.unknown.join(', ')}</p>
        </section>
      )}

      {report.warnings.length > 0 && (
        <section aria-labelledby="report-warnings">
          <h4 id="report-warnings">{t('xliff.warningsTitle')}</h4>
          <ul className="report-list">
            {report.warnings.map((warning, i) => (
              <li key={i}>
                {warning.unit && <strong>{segmentLabel(warning.unit)} </strong>}
                <span lang="en">{warning.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
