import { hasWork, type WorkItem } from '@lockstep/shared';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { LanguageName } from '../../components/LanguageName';
import { formatDateTime, formatNumber } from '../../format';
import { directionOf } from '../../languages';
import { Link } from '../../router';
import type { MyWork as MyWorkAnswer } from '../../types';
import { useResource } from '../../useResource';
import { workActions, workHref } from './myWorkApi';
import './myWork.css';

/**
 * The home page's first part for translators and reviewers: each document × language of theirs
 * with what is left, newest revision first (`GET /api/my-work`); each link opens the editor on
 * the work, the cursor in its first segment.
 */
export function MyWork() {
  const { t } = useTranslation();
  const [work, reload] = useResource<MyWorkAnswer>('/api/my-work');
  return (
    <section className="my-work" aria-labelledby="my-work-title">
      <div className="page-head">
        <h1 id="my-work-title">{t('myWork.title')}</h1>
      </div>
      {work.status === 'loading' && <Loading />}
      {work.status === 'error' && <ErrorMessage error={work.error} onRetry={reload} />}
      {work.status === 'ready' &&
        (work.data.items.length === 0 ? (
          <p className="muted">{t('myWork.empty')}</p>
        ) : (
          <>
            <p className="muted my-work__intro">{t('myWork.intro')}</p>
            <ul className="my-work__list">
              {work.data.items.map((item) => (
                <li key={`${item.documentId}/${item.lang}`}>
                  <WorkRow item={item} />
                </li>
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}

function WorkRow({ item }: { item: WorkItem }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const titleId = `work-${item.documentId}-${item.lang}`;
  return (
    <article className={`card my-work__item${hasWork(item) ? '' : ' my-work__item--done'}`} aria-labelledby={titleId}>
      <div className="my-work__what">
        <h2 id={titleId} className="my-work__title">
          <span lang={item.sourceLang} dir={directionOf(item.sourceLang)}>
            {item.title}
          </span>{' '}
          <span className="my-work__lang">
            <LanguageName code={item.lang} />
          </span>
        </h2>
        <p className="muted my-work__revision">{t('myWork.revised', { revision: formatNumber(lng, item.revision), date: formatDateTime(lng, item.revisedAt) ?? '' })}</p>
      </div>
      <p className="my-work__counts">
        {item.toTranslate.segments > 0 && (
          <span className="my-work__count my-work__count--translate">
            {t('myWork.segmentsToTranslate', { count: item.toTranslate.segments })}
            <span className="muted"> · {t('myWork.words', { count: item.toTranslate.words })}</span>
          </span>
        )}
        {item.toReview.segments > 0 && (
          <span className="my-work__count my-work__count--review">
            {t('myWork.segmentsToReview', { count: item.toReview.segments })}
            <span className="muted"> · {t('myWork.words', { count: item.toReview.words })}</span>
          </span>
        )}
        {!hasWork(item) && <span className="my-work__count my-work__count--done">{t('myWork.done')}</span>}
      </p>
      <div className="my-work__go">
        {workActions(item).map((action, i) => (
          <Link key={action} to={workHref(item, action)} className={`button ${action === 'open' || i > 0 ? 'button--secondary' : 'button--primary'}`} aria-describedby={titleId}>
            {t(`myWork.${action}`)}
          </Link>
        ))}
      </div>
    </article>
  );
}
