import { wordDiff, type LanguageCode } from '@lockstep/shared';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InlineText } from '../../components/InlineText';
import { WordDiff } from '../../editor/WordDiff';
import { formatNumber } from '../../format';
import type { LanguageInfo } from '../../languages';
import { Link, segmentHref } from '../../router';
import type { ImportUnitReport } from '../../types';
import { Reason } from './Reason';

const OUTCOMES = ['applied', 'unchanged', 'conflict', 'rejected', 'unknown'] as const;
/** `changes`: every unit but the unchanged ones, what a reviewer of a dry run reads first. */
type Filter = 'all' | 'changes' | (typeof OUTCOMES)[number];
const PAGE_SIZE = 25;

interface Props {
  units: readonly ImportUnitReport[];
  docId: string;
  lang: string;
  info: LanguageInfo;
  /** Shown in the table's caption: which file these units are from. */
  fileName: string;
}

/** "s40" or "#12 · s40": the editor's number next to the stable id, so either can be looked up. */
export function unitLabel(unit: ImportUnitReport, lng: string): string {
  return unit.position === null ? unit.unit : `#${formatNumber(lng, unit.position)} · ${unit.unit}`;
}

function Change({ unit, lang, info }: { unit: ImportUnitReport; lang: string; info: LanguageInfo }) {
  const { t } = useTranslation();
  const before = unit.before ?? '';
  const after = unit.after ?? '';
  const diff = useMemo(() => (before && after && before !== after ? wordDiff(before, after, lang as LanguageCode) : null), [before, after, lang]);
  if (diff) return <WordDiff ops={diff} lang={lang} dir={info.direction} />;
  if (after) return <InlineText text={after} lang={lang} className="unit-table__text" />;
  return <span className="muted">{before ? t('exchange2.noTarget') : t('exchange2.nothing')}</span>;
}

/**
 * Every unit of one file with its outcome, the change as a word diff and the reason: filtered
 * by outcome, searched by id, number or text, 25 to a page.
 */
export function UnitTable({ units, docId, lang, info, fileName }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const filterId = useId();
  const searchId = useId();
  const [filter, setFilter] = useState<Filter>(() => (units.some((u) => u.outcome !== 'unchanged') ? 'changes' : 'all'));
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);

  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const u of units) c[u.outcome] = (c[u.outcome] ?? 0) + 1;
    return c;
  }, [units]);
  const shown = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    return units.filter((u) => {
      if (filter === 'changes' ? u.outcome === 'unchanged' : filter !== 'all' && u.outcome !== filter) return false;
      if (!needle) return true;
      const number = needle.replace(/^#/, '');
      return (
        u.unit.toLocaleLowerCase() === needle ||
        (u.position !== null && String(u.position) === number) ||
        [u.source, u.before, u.after].some((text) => text?.toLocaleLowerCase().includes(needle))
      );
    });
  }, [units, filter, search]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  return (
    <div className="unit-table">
      <div className="form-row">
        <div className="field">
          <label htmlFor={filterId}>{t('exchange2.show')}</label>
          <select
            id={filterId}
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as Filter);
              setPage(0);
            }}
          >
            <option value="all">{t('exchange2.allUnits', { total: formatNumber(lng, units.length) })}</option>
            <option value="changes">{t('exchange2.changedUnits', { total: formatNumber(lng, units.length - (counts.unchanged ?? 0)) })}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o} disabled={!counts[o]}>
                {t(`exchange2.outcome.${o}`)} ({formatNumber(lng, counts[o] ?? 0)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={searchId}>{t('exchange2.search')}</label>
          <input
            id={searchId}
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(0);
            }}
          />
        </div>
      </div>
      <table className="data-table unit-table__table">
        <caption className="visually-hidden">{t('exchange2.unitsOf', { file: fileName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('exchange2.colSegment')}</th>
            <th scope="col">{t('exchange2.colOutcome')}</th>
            <th scope="col">{t('exchange2.colChange')}</th>
            <th scope="col">{t('exchange2.colReason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.unit} data-unit={u.unit} data-outcome={u.outcome}>
              <th scope="row" className="unit-table__id">
                {u.position === null ? (
                  unitLabel(u, lng)
                ) : (
                  <Link to={segmentHref(docId, lang, u.unit)}>
                    {unitLabel(u, lng)}
                    <span className="visually-hidden">
                      {' '}
                      {t('xliff.openSegment')}, <span lang={lang}>{info.autonym}</span>
                    </span>
                  </Link>
                )}
              </th>
              <td>
                <span className={`outcome-badge outcome-badge--${u.outcome}`}>{t(`exchange2.outcome.${u.outcome}`)}</span>
              </td>
              <td className="unit-table__change">
                <Change unit={u} lang={lang} info={info} />
              </td>
              <td>{u.reason ? <Reason text={u.reason} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">{t('exchange2.noMatch')}</p>}
      {pages > 1 && (
        <nav className="pager" aria-label={t('exchange2.pages', { file: fileName })}>
          <button type="button" className="button button--secondary" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('exchange2.previous')}
          </button>
          <span aria-live="polite">{t('exchange2.page', { page: formatNumber(lng, current + 1), pages: formatNumber(lng, pages) })}</span>
          <button type="button" className="button button--secondary" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t('exchange2.next')}
          </button>
        </nav>
      )}
    </div>
  );
}
