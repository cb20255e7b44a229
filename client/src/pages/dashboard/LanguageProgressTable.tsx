import { completeFraction } from '@lockstep/shared';
import { useTranslation } from 'react-i18next';
import { LanguageName } from '../../components/LanguageName';
import { ProgressBar } from '../../components/ProgressBar';
import { formatDateTime, formatNumber, formatShortDateTime } from '../../format';
import type { LanguageInfo } from '../../languages';
import { editorHref, Link } from '../../router';
import { STATES, type Document, type LanguageProgress, type DocumentProgress } from '../../types';
import type { Unit } from './DashboardPage';
import { SinceVisitCell, type DocumentChanges, type LanguageChanges } from './SinceVisitCell';

interface Props {
  document: Document;
  progress: DocumentProgress;
  unit: Unit;
  infoOf: (code: string) => LanguageInfo;
  /** Changes since the user's last visit per language; undefined while loading or if it failed. */
  changes: DocumentChanges | undefined;
}

/** One row per target language: the stacked bar, the counts, completeness, last activity, the editor. */
export function LanguageProgressTable({ document: doc, progress, unit, infoOf, changes }: Props) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="language-table dashboard-table">
        <caption className="visually-hidden">{t('dashboard.tableCaption', { unit: t(`dashboard.unit.${unit}`) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.language')}</th>
            <th scope="col">{t('documents.progress')}</th>
            {STATES.map((state) => (
              <th scope="col" key={state} className="numeric">
                {t(`states.${state}`)}
              </th>
            ))}
            <th scope="col">{t('dashboard.completeAgainst')}</th>
            <th scope="col">{t('documents.lastActivity')}</th>
            <th scope="col">{t('dashboard.sinceVisit.column')}</th>
            <th scope="col" className="numeric">
              {t('dashboard.openQuestions')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('dashboard.editorColumn')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {doc.targetLangs.map((lang) => (
            <LanguageRow
              key={lang}
              doc={doc}
              lang={lang}
              info={infoOf(lang)}
              progress={progress.languages[lang]}
              unit={unit}
              changes={changes?.languages[lang]}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  doc: Document;
  lang: string;
  info: LanguageInfo;
  progress: LanguageProgress | undefined;
  unit: Unit;
  changes: LanguageChanges | undefined;
}

function LanguageRow({ doc, lang, info, progress, unit, changes }: RowProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  if (!progress) {
    return (
      <tr>
        <th scope="row">
          <LanguageName code={lang} info={info} />
        </th>
        <td colSpan={STATES.length + 6} className="muted">
          {t('documents.noProgress')}
        </td>
      </tr>
    );
  }
  const counts = progress[unit];
  // `complete` from the server is by segments; by words it is the same rule over word counts.
  const complete = unit === 'segments' ? progress.complete : completeFraction(counts);
  const against = progress.completeAgainstRevision;
  const last = progress.lastActivity ? formatShortDateTime(lng, progress.lastActivity) : undefined;
  return (
    <tr data-lang={lang}>
      <th scope="row">
        <span className="language-cell">
          <LanguageName code={lang} info={info} />
          <span className="language-code">{lang}</span>
        </span>
      </th>
      <td className="dashboard-table__bar">
        <ProgressBar counts={counts} complete={complete} />
      </td>
      {STATES.map((state) => (
        <td key={state} className="numeric" data-state={state}>
          {formatNumber(lng, counts[state])}
        </td>
      ))}
      <td>
        {against === null
          ? t('dashboard.neverComplete')
          : against === doc.revision
            ? t('dashboard.completeCurrent', { revision: formatNumber(lng, against) })
            : t('dashboard.completeEarlier', { revision: formatNumber(lng, against) })}
      </td>
      <td className="muted dashboard-table__when">
        {last && progress.lastActivity ? (
          <time dateTime={progress.lastActivity} title={formatDateTime(lng, progress.lastActivity)}>
            {last}
          </time>
        ) : (
          t('documents.noActivity')
        )}
      </td>
      <td className="dashboard-table__since" data-since-visit={lang}>
        <SinceVisitCell changes={changes} />
      </td>
      <td className="numeric" data-open-questions={lang}>
        {formatNumber(lng, progress.openQuestions)}
      </td>
      <td>
        <Link to={editorHref(doc.id, lang)} className="button button--secondary button--small">
          {t('dashboard.openEditor')}
          <span className="visually-hidden">
            {' '}
            (<span lang={lang}>{info.autonym}</span>)
          </span>
        </Link>
      </td>
    </tr>
  );
}
