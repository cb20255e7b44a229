import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../format';
import { STATES, type StateCounts } from '../types';

interface Props {
  counts: StateCounts;
  /** Completion 0..1 as the server computed it; omitted where there is none to show. */
  complete?: number;
}

/** Segments per state as one stacked bar: approved, translated, stale, untranslated, locked. */
export function ProgressBar({ counts, complete }: Props) {
  const { t, i18n } = useTranslation();
  const total = counts.total || STATES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const summary = STATES.filter((s) => counts[s] > 0)
    .map((s) => t('progress.part', { state: t(`states.${s}`), value: formatNumber(lng, counts[s]) }))
    .join(', ');
  return (
    <div className="progress">
      <div className="progress__bar" role="img" aria-label={total ? summary : t('progress.empty')} title={summary}>
        {total > 0 &&
          STATES.map((state) =>
            counts[state] > 0 ? (
              // Widths go through the CSSOM (element.style), which the CSP's style-src allows.
              <span key={state} className={`progress__part progress__part--${state}`} style={{ width: `${(counts[state] / total) * 100}%` }} />
            ) : null,
          )}
      </div>
      {complete !== undefined && <span className="progress__value">{formatPercent(lng, complete)}</span>}
    </div>
  );
}

export function ProgressLegend() {
  const { t } = useTranslation();
  return (
    <ul className="legend" aria-label={t('progress.legend')}>
      {STATES.map((state) => (
        <li key={state}>
          <span aria-hidden="true" className={`legend__swatch progress__part--${state}`} />
          {t(`states.${state}`)}
        </li>
      ))}
    </ul>
  );
}
