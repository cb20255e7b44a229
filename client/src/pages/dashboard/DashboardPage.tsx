import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPath } from '../../api';
import { DocumentHeader, useLanguageInfo } from '../../components/DocumentHeader';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { ProgressLegend } from '../../components/ProgressBar';
import type { Document, DocumentProgress, Timeline } from '../../types';
import { useResource } from '../../useResource';
import { LanguageProgressTable } from './LanguageProgressTable';
import type { DocumentChanges } from './SinceVisitCell';
import { TimelineChart } from './TimelineChart';

export type Unit = 'segments' | 'words';

/** `/documents/:doc/dashboard`: every language's state at a glance, and how it got there. */
export function DashboardPage({ doc }: { doc: string }) {
  const { t } = useTranslation();
  const [detail, reloadDetail] = useResource<Document>(apiPath(['documents', doc]));
  const [progress, reloadProgress] = useResource<DocumentProgress>(apiPath(['documents', doc, 'progress']));
  const [timeline, reloadTimeline] = useResource<Timeline>(apiPath(['documents', doc, 'progress', 'timeline']));
  // Read only: the dashboard does not record a visit (only opening a language's editor does).
  const [changes] = useResource<DocumentChanges>(apiPath(['documents', doc, 'changes'], { since: 'lastVisit' }));
  const [unit, setUnit] = useState<Unit>('segments');
  const ready = detail.status === 'ready' ? detail.data : undefined;
  const infoOf = useLanguageInfo(ready);

  if (detail.status === 'loading') return <Loading />;
  if (detail.status === 'error') return <ErrorMessage error={detail.error} onRetry={reloadDetail} />;
  const document_ = detail.data;

  return (
    <>
      <DocumentHeader document={document_} page="dashboard" />
      <section className="card dashboard-section" aria-labelledby="dashboard-progress">
        <div className="section-head">
          <h2 id="dashboard-progress">{t('dashboard.progressTitle')}</h2>
          <UnitToggle unit={unit} onChange={setUnit} />
        </div>
        <ProgressLegend />
        {progress.status === 'loading' && <Loading />}
        {progress.status === 'error' && <ErrorMessage error={progress.error} onRetry={reloadProgress} />}
        {progress.status === 'ready' && (
          <LanguageProgressTable
            document={document_}
            progress={progress.data}
            unit={unit}
            infoOf={infoOf}
            changes={changes.status === 'ready' ? changes.data : undefined}
          />
        )}
      </section>
      <section className="card dashboard-section" aria-labelledby="dashboard-timeline">
        <div className="section-head">
          <h2 id="dashboard-timeline">{t('dashboard.timelineTitle')}</h2>
          <a className="button button--secondary" href={apiPath(['documents', doc, 'progress', 'timeline.csv'])} download>
            {t('progressChart.downloadCsv')}
          </a>
        </div>
        <p className="muted">
          {t('dashboard.timelineIntro')} {timeline.status === 'ready' && timeline.data.bucket === 'hour' && t('progressChart.hourly')}
        </p>
        {timeline.status === 'loading' && <Loading />}
        {timeline.status === 'error' && <ErrorMessage error={timeline.error} onRetry={reloadTimeline} />}
        {timeline.status === 'ready' && (
          <TimelineChart timeline={timeline.data} languages={document_.targetLangs} unit={unit} infoOf={infoOf} />
        )}
      </section>
    </>
  );
}

/** Segments or words: two radio buttons, so the choice is one tab stop and arrow keys switch. */
function UnitToggle({ unit, onChange }: { unit: Unit; onChange: (unit: Unit) => void }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend className="segmented__legend">{t('dashboard.unit.label')}</legend>
      {(['segments', 'words'] as const).map((value) => (
        <label key={value} className="segmented__option">
          <input type="radio" name={name} value={value} checked={unit === value} onChange={() => onChange(value)} />
          <span>{t(`dashboard.unit.${value}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
