import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../format';
import type { LanguageInfo } from '../../languages';
import type { TimelinePoint, Timeline } from '../../types';
import type { Unit } from './DashboardPage';
import { DAY_MS, FRAME, dayNumber, dayRange, dayTicks, scales, share, spreadLabels, stepPath } from './timelineScale';

interface Props {
  timeline: Timeline;
  languages: readonly string[];
  unit: Unit;
  infoOf: (code: string) => LanguageInfo;
}

const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];

/** One mark per day with a revision (the day's last one): labels of one day would overlap. */
function revisionMarks(revisions: Timeline['revisions'], firstDay: number) {
  const byDay = new Map<string, Timeline['revisions'][number]>();
  for (const r of revisions) if (dayNumber(r.date) >= firstDay && (byDay.get(r.date)?.number ?? 0) < r.number) byDay.set(r.date, r);
  return [...byDay.values()];
}

/**
 * Completion over time per language as an inline SVG step chart (no chart library: a few
 * paths), with the same numbers as a table for screen readers and for anyone who wants them.
 * Lines differ by colour, dash pattern and an end label, not by colour alone.
 */
export function TimelineChart({ timeline, languages, unit, infoOf }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const titleId = useId();
  const legendId = useId();
  const series = useMemo(() => languages.map((lang) => ({ lang, points: timeline.languages[lang] ?? [] })), [languages, timeline]);
  const range = dayRange(series.map((s) => s.points));
  const { x, y } = scales(range);
  const dayLabel = (day: number) =>
    new Intl.DateTimeFormat(lng, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(day * DAY_MS));

  const lines = series.map(({ lang, points }, index) => {
    const values = points.map((p) => ({ day: dayNumber(p.date), value: share(p, unit) }));
    return { lang, index, values, last: values.at(-1)?.value, path: stepPath(values, range[1], x, y) };
  });
  const drawn = lines.filter((l) => l.last !== undefined);
  const labelY = spreadLabels(drawn.map((l) => y(l.last!) + 4), 12, FRAME.top + 4, FRAME.height - FRAME.bottom + 4);

  if (drawn.length === 0) return <p className="muted">{t('dashboard.timelineEmpty')}</p>;

  return (
    <div className="timeline">
      <svg
        className="timeline__chart"
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={legendId}
      >
        <title id={titleId}>{t('dashboard.chartTitle', { unit: t(`dashboard.unit.${unit}`) })}</title>
        {Y_TICKS.map((tick) => (
          <g key={tick} className="timeline__grid">
            <line x1={FRAME.left} x2={FRAME.width - FRAME.right} y1={y(tick)} y2={y(tick)} />
            <text x={FRAME.left - 8} y={y(tick) + 4} textAnchor="end">
              {formatPercent(lng, tick)}
            </text>
          </g>
        ))}
        {dayTicks(range).map((day) => (
          <text key={day} className="timeline__tick" x={x(day)} y={FRAME.height - FRAME.bottom + 20} textAnchor="middle">
            {dayLabel(day)}
          </text>
        ))}
        {revisionMarks(timeline.revisions, range[0]).map((r) => (
          <g key={r.number} className="timeline__revision">
            <line x1={x(dayNumber(r.date))} x2={x(dayNumber(r.date))} y1={FRAME.top} y2={FRAME.height - FRAME.bottom} />
            <text x={x(dayNumber(r.date)) - 4} y={FRAME.top + 10} textAnchor="end">
              {t('dashboard.revisionMark', { revision: formatNumber(lng, r.number) })}
            </text>
          </g>
        ))}
        {drawn.map((line, i) => (
          <g key={line.lang} className={`timeline__series timeline__series--${line.index % 8}`}>
            <path d={line.path} />
            {/* A dot on each day with a value: a history of one day is still visible. */}
            {line.values.map((v) => (
              <circle key={v.day} cx={x(v.day)} cy={y(v.value)} r={3.5} />
            ))}
            <text x={FRAME.width - FRAME.right + 6} y={labelY[i]}>
              {line.lang}
            </text>
          </g>
        ))}
      </svg>
      <ul className="timeline__legend" id={legendId}>
        {drawn.map((line) => (
          <li key={line.lang} className={`timeline__series timeline__series--${line.index % 8}`}>
            <svg className="timeline__swatch" viewBox="0 0 24 8" aria-hidden="true" focusable="false">
              <path d="M0,4H24" />
            </svg>
            <span lang={line.lang} dir={infoOf(line.lang).direction}>
              {infoOf(line.lang).autonym}
            </span>{' '}
            <span className="language-code">{line.lang}</span> {formatPercent(lng, line.last!)}
          </li>
        ))}
      </ul>
      <TimelineTable series={series} unit={unit} infoOf={infoOf} />
    </div>
  );
}

/** The chart's numbers: one row per day on which something changed, one column per language. */
function TimelineTable({ series, unit, infoOf }: { series: { lang: string; points: TimelinePoint[] }[]; unit: Unit; infoOf: Props['infoOf'] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort().reverse();
  const byDate = series.map((s) => new Map(s.points.map((p) => [p.date, p])));
  const dateLabel = (date: string) => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  const cell = (p: TimelinePoint) => {
    const [done, total] = unit === 'segments' ? [p.completed, p.total] : [p.completedWords, p.totalWords];
    return t('dashboard.tableCell', { percent: formatPercent(lng, share(p, unit)), done: formatNumber(lng, done), total: formatNumber(lng, total) });
  };
  return (
    <details className="timeline__details">
      <summary>{t('dashboard.showTable')}</summary>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t('dashboard.chartTitle', { unit: t(`dashboard.unit.${unit}`) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.dateColumn')}</th>
              {series.map((s) => (
                <th scope="col" key={s.lang} lang={s.lang} dir={infoOf(s.lang).direction}>
                  {infoOf(s.lang).autonym}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dates.map((date) => (
              <tr key={date}>
                <th scope="row">{dateLabel(date)}</th>
                {byDate.map((points, i) => {
                  const p = points.get(date);
                  return (
                    <td key={series[i].lang} className="numeric">
                      {p ? cell(p) : '–'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
