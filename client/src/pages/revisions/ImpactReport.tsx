import { wordDiff, type LanguageCode } from '@lockstep/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguageInfo } from '../../components/DocumentHeader';
import { LanguageName } from '../../components/LanguageName';
import { WordDiff, WordDiffLegend } from '../../editor/WordDiff';
import { formatNumber } from '../../format';
import { directionOf } from '../../languages';
import type { Document, RevisionChange, RevisionImpact } from '../../types';

/** The change classes in the order a coordinator reads them: what costs translators work first. */
export const CHANGE_CLASSES = ['modified', 'minor', 'split', 'merged', 'added', 'removed', 'moved', 'unchanged'] as const;
const FIRST_CHANGES = 50;

/** What a revision does (or did): counts per class, stale translations per language, each change. */
export function ImpactReport({ result, document: doc }: { result: RevisionImpact; document: Document }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const infoOf = useLanguageInfo(doc);
  const [showAll, setShowAll] = useState(false);
  const changes = showAll ? result.changes : result.changes.slice(0, FIRST_CHANGES);

  return (
    <div className="impact">
      <h3>{t('revisions.impactTitle', { revision: formatNumber(lng, result.revision) })}</h3>
      <div className="impact__summary">
        <table className="data-table">
          <caption>{t('revisions.countsCaption')}</caption>
          <tbody>
            {CHANGE_CLASSES.map((kind) => (
              <tr key={kind}>
                <th scope="row">{t(`revisions.kinds.${kind}`)}</th>
                <td className="numeric">{formatNumber(lng, result.impact[kind] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="data-table">
          <caption>{t('revisions.staleCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('revisions.languageColumn')}</th>
              <th scope="col">{t('revisions.workColumns.stale')}</th>
              <th scope="col">{t('revisions.workColumns.suggested')}</th>
              <th scope="col">{t('revisions.workColumns.retired')}</th>
            </tr>
          </thead>
          <tbody>
            {doc.targetLangs.map((lang) => (
              <tr key={lang}>
                <th scope="row">
                  <LanguageName code={lang} info={infoOf(lang)} />
                </th>
                <td className="numeric" data-stale-lang={lang}>
                  {formatNumber(lng, result.stale[lang] ?? 0)}
                </td>
                <td className="numeric" data-suggested-lang={lang}>
                  {formatNumber(lng, result.suggested?.[lang] ?? 0)}
                </td>
                <td className="numeric" data-retired-lang={lang}>
                  {formatNumber(lng, result.retired?.[lang] ?? 0)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {noWork(result) && <p className="muted">{t('revisions.noWork')}</p>}
      </div>
      <h4>{t('revisions.changesTitle')}</h4>
      {result.changes.length === 0 ? (
        <p className="muted">{t('revisions.noChanges')}</p>
      ) : (
        <>
          <WordDiffLegend />
          <ol className="change-list">
            {changes.map((change, i) => (
              <ChangeItem key={i} change={change} sourceLang={doc.sourceLang} />
            ))}
          </ol>
          {!showAll && result.changes.length > FIRST_CHANGES && (
            <button type="button" className="button button--secondary" onClick={() => setShowAll(true)}>
              {t('revisions.showAllChanges', { total: formatNumber(lng, result.changes.length) })}
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** "No translation will need work" only when nothing goes stale, nothing is handed over and nothing is retired. */
function noWork(result: RevisionImpact): boolean {
  return [result.stale, result.suggested ?? {}, result.retired ?? {}].every((counts) => Object.values(counts).every((n) => n === 0));
}

function ChangeItem({ change, sourceLang }: { change: RevisionChange; sourceLang: LanguageCode }) {
  const { t } = useTranslation();
  const oldText = change.oldTexts.join(' ');
  const newText = change.newTexts.join(' ');
  const both = change.oldTexts.length > 0 && change.newTexts.length > 0;
  const diff = useMemo(() => (both ? wordDiff(oldText, newText, sourceLang) : []), [both, oldText, newText, sourceLang]);
  const changed = diff.some((op) => op.op !== 'equal');
  return (
    <li className={`change change--${change.kind}`}>
      <p className="change__kind">
        <span className={`badge badge--change-${change.kind}`}>{t(`revisions.kinds.${change.kind}`, { defaultValue: change.kind })}</span>
      </p>
      {change.oldTexts.length > 0 && (
        <div className="change__texts">
          <p className="change__label">{t('revisions.oldText')}</p>
          {change.oldTexts.map((text, i) => (
            <p key={i} lang={sourceLang} dir="auto" className="change__text change__text--old">
              {text}
            </p>
          ))}
        </div>
      )}
      {change.newTexts.length > 0 && (
        <div className="change__texts">
          <p className="change__label">{t('revisions.newText')}</p>
          {change.newTexts.map((text, i) => (
            <p key={i} lang={sourceLang} dir="auto" className="change__text change__text--new">
              {text}
            </p>
          ))}
        </div>
      )}
      {change.kind === 'removed' && change.handedTo && <p className="change__note">{t('revisions.handedOver')}</p>}
      {both && changed && (
        <div className="change__texts">
          <p className="change__label">{t('revisions.diff')}</p>
          <WordDiff ops={diff} lang={sourceLang} dir={directionOf(sourceLang)} />
        </div>
      )}
    </li>
  );
}
