import { plainOfCoded } from '@lockstep/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import type { LanguageInfo } from '../../languages';
import type { AlignApplyReport, AlignProposal, Segment } from '../../types';
import { canSplit, displayOrder, mergeWithNext, moveFirstUp, moveLastDown, split, toggleDropped, type ReviewRow } from './reviewModel';

interface Props {
  proposal: AlignProposal;
  rows: ReviewRow[];
  segments: readonly Segment[];
  source: LanguageInfo;
  target: LanguageInfo;
  report?: AlignApplyReport;
  busy?: 'align' | 'check' | 'apply';
  onChange: (rows: ReviewRow[]) => void;
  onCheck: () => void;
  onApply: () => void;
}

/** Below this the row is marked for a closer look. */
const DOUBTFUL = 0.6;

/** The proposal side by side with the source, least sure first; every change is one button. */
export function AlignReview({ proposal, rows, segments, source, target, report, busy, onChange, onCheck, onApply }: Props) {
  const { t, i18n } = useTranslation();
  const [leastSureFirst, setLeastSureFirst] = useState(true);
  const sortId = useId();
  const sourceOf = new Map(segments.map((s) => [s.id, plainOfCoded(s.source)]));
  const kept = rows.filter((r) => !r.dropped).length;
  const percent = (c: number) => formatNumber(i18n.language, Math.round(c * 100));

  return (
    <section className="align-review" aria-labelledby={`${sortId}-h`}>
      <h2 id={`${sortId}-h`}>{t('alignTranslation.review.title')}</h2>
      <p>{t('alignTranslation.review.summary', { pairs: rows.length, kept, unmatchedSource: proposal.unmatchedSource.length, unmatchedTarget: proposal.unmatchedTarget.length })}</p>
      <p>
        <label>
          <input id={sortId} type="checkbox" checked={leastSureFirst} onChange={(e) => setLeastSureFirst(e.target.checked)} /> {t('alignTranslation.review.leastSureFirst')}
        </label>
      </p>
      <table className="align-table">
        <thead>
          <tr>
            <th scope="col">{t('alignTranslation.review.confidence')}</th>
            <th scope="col">{t('alignTranslation.review.source')}</th>
            <th scope="col">{t('alignTranslation.review.target')}</th>
            <th scope="col">{t('alignTranslation.review.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {displayOrder(rows, leastSureFirst).map((i) => {
            const row = rows[i];
            const n = i + 1;
            return (
              <tr key={row.key} className={`align-row${row.dropped ? ' align-row--dropped' : ''}${row.confidence < DOUBTFUL ? ' align-row--doubtful' : ''}`} data-row={n}>
                <td>
                  {t('alignTranslation.review.percent', { value: percent(row.confidence) })}
                  {row.dropped && <span className="badge">{t('alignTranslation.review.dropped')}</span>}
                </td>
                <td lang={source.code} dir={source.direction}>
                  {row.segmentIds.map((id) => (
                    <p key={id} className="align-row__source">
                      {sourceOf.get(id) ?? id}
                    </p>
                  ))}
                </td>
                <td lang={target.code} dir={target.direction}>
                  {row.sentences.map((s, k) => (
                    <p key={k} className="align-row__sentence">
                      {plainOfCoded(s)}
                    </p>
                  ))}
                </td>
                <td className="align-row__actions">
                  <button type="button" className="button button--secondary" disabled={row.sentences.length < 2 || i + 1 >= rows.length} onClick={() => onChange(moveLastDown(rows, i))}>
                    {t('alignTranslation.review.moveDown')}
                    <RowSuffix n={n} />
                  </button>
                  <button type="button" className="button button--secondary" disabled={i + 1 >= rows.length || rows[i + 1].sentences.length < 2} onClick={() => onChange(moveFirstUp(rows, i))}>
                    {t('alignTranslation.review.moveUp')}
                    <RowSuffix n={n} />
                  </button>
                  <button type="button" className="button button--secondary" disabled={i + 1 >= rows.length} onClick={() => onChange(mergeWithNext(rows, i))}>
                    {t('alignTranslation.review.merge')}
                    <RowSuffix n={n} />
                  </button>
                  <button type="button" className="button button--secondary" disabled={!canSplit(row)} onClick={() => onChange(split(rows, i))}>
                    {t('alignTranslation.review.split')}
                    <RowSuffix n={n} />
                  </button>
                  <button type="button" className="button button--secondary" onClick={() => onChange(toggleDropped(rows, i))}>
                    {row.dropped ? t('alignTranslation.review.restore') : t('alignTranslation.review.drop')}
                    <RowSuffix n={n} />
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {proposal.unmatchedTarget.length > 0 && (
        <>
          <h3>{t('alignTranslation.review.unmatchedTarget')}</h3>
          <ul lang={target.code} dir={target.direction}>
            {proposal.unmatchedTarget.map((s, k) => (
              <li key={k}>{plainOfCoded(s)}</li>
            ))}
          </ul>
        </>
      )}
      {proposal.unmatchedSource.length > 0 && (
        <>
          <h3>{t('alignTranslation.review.unmatchedSource')}</h3>
          <ul lang={source.code} dir={source.direction}>
            {proposal.unmatchedSource.map((id) => (
              <li key={id}>{sourceOf.get(id) ?? id}</li>
            ))}
          </ul>
        </>
      )}
      {report && (
        <div className="notice notice--info" role="status">
          <p>{t('alignTranslation.review.checked', report.counts)}</p>
        </div>
      )}
      <p className="align-review__buttons">
        <button type="button" className="button button--secondary" disabled={busy !== undefined || kept === 0} onClick={onCheck}>
          {busy === 'check' ? t('alignTranslation.review.checking') : t('alignTranslation.review.check')}
        </button>{' '}
        <button type="button" className="button button--primary" disabled={busy !== undefined || !report} onClick={onApply}>
          {busy === 'apply' ? t('alignTranslation.review.applying') : t('alignTranslation.review.apply')}
        </button>
      </p>
    </section>
  );
}

/** Which row a button acts on, for screen readers (the table shows it by position). */
function RowSuffix({ n }: { n: number }) {
  const { t } = useTranslation();
  return <span className="visually-hidden"> ({t('alignTranslation.review.row', { n })})</span>;
}
