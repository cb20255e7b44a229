import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../format';
import type { LanguageInfo } from '../../languages';
import type { TimelinePoint, Timeline } from '../../types';
import type { Unit } from './DashboardPage';
import { DAY_MS, FRAME, scales, share, spreadLabels, stepPath, timeOf, timeRange, timeTicks } from './timelineScale';

interface Props {
  timeline: Timeline;
  languages: readonly string[];
  unit: Unit;
  infoOf: (code: string) => LanguageInfo;
}

const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * One mark per revision, at the moment it was published; of revisions closer together than a
 * label's width only the newest is marked, or their labels would overlap.
 */
function revisionMarks(revisions: Timeline['revisions'], start: number, x: (t: number) => number) {
  const marks: { number: number; x: number }[] = [];
  for (const r of [...revisions].sort((a, b) => a.number - b.number)) {
    if (timeOf(r.at) < start) continue;
    const mark = { number: r.number, x: x(timeOf(r.at)) };
    if (marks.length && mark.x - marks[marks.length - 1].x < 44) marks[marks.length - 1] = mark;
    else marks.push(mark);
  }
  return marks;
}

/** Labels of the time axis: hours (with the date where a day begins) or dates. */
function useTimeLabels() {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const date = new Intl.DateTimeFormat(lng, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const hour = new Intl.DateTimeFormat(lng, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
    return (time: number, step: number, first: boolean) =>
      step >= DAY_MS || time % DAY_MS === 0 || first ? date.format(time) + (step < DAY_MS && time % DAY_MS !== 0 ? ` ${hour.format(time)}` : '') : hour.format(time);
  }, [lng]);
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
  const range = timeRange(
    series.map((s) => s.points),
    timeline.bucket,
  );
  const { x, y } = scales(range);
  const timeLabel = useTimeLabels();

  const lines = series.map(({ lang, points }, index) => {
    const values = points.map((p) => ({ time: timeOf(p.at), value: share(p, unit) }));
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
        {timeTicks(range).map(({ time, step }, i) => (
          <text key={time} className="timeline__tick" x={x(time)} y={FRAME.height - FRAME.bottom + 20} textAnchor="middle">
            {timeLabel(time, step, i === 0)}
          </text>
        ))}
        {revisionMarks(timeline.revisions, range[0], x).map((r) => (
          <g key={r.number} className="timeline__revision">
            <line x1={r.x} x2={r.x} y1={FRAME.top} y2={FRAME.height - FRAME.bottom} />
            <text x={r.x} y={FRAME.top - 6} textAnchor="middle">
              {t('dashboard.revisionMark', { revision: formatNumber(lng, r.number) })}
            </text>
          </g>
        ))}
        {drawn.map((line, i) => (
          <g key={line.lang} className={`timeline__series timeline__series--${line.index % 8}`}>
            <path d={line.path} />
            {/* A dot on each point: a history of one day or hour is still visible. */}
            {line.values.map((v) => (
              <circle key={v.time} cx={x(v.time)} cy={y(v.value)} r={3} />
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
      <TimelineTable series={series} unit={unit} bucket={timeline.bucket} infoOf={infoOf} />
    </div>
  );
}

/** The chart's numbers: one row per day or hour in which something changed, one column per language. */
function TimelineTable({ series, unit, bucket, infoOf }: { series: { lang: string; points: TimelinePoint[] }[]; unit: Unit; bucket: Timeline['bucket']; infoOf: Props['infoOf'] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.at)))].sort().reverse();
  const byDate = series.map((s) => new Map(s.points.map((p) => [p.at, p])));
  const format = new Intl.DateTimeFormat(lng, bucket === 'day' ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const dateLabel = (at: string) => format.format(new Date(at));
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
              <th scope="col">{t(bucket === 'day' ? 'dashboard.dateColumn' : 'progressChart.hourColumn')}</th>
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
