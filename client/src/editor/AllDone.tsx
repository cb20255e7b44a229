import { nextWork } from '@lockstep/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageName } from '../components/LanguageName';
import { workHref } from '../pages/myWork/myWorkApi';
import { Link } from '../router';
import type { MyWork } from '../types';
import { useResource } from '../useResource';

interface Props {
  doc: string;
  lang: string;
  /** Whether the person has languages of their own (else there is no "my work" to go on with). */
  ownWork: boolean;
  onShowAll(): void;
}

/**
 * "Needs work" is empty: says so, and offers the next document × language of the person's that
 * has work (`GET /api/my-work`). It takes the focus when it appears after the last segment was
 * saved (or on opening), so a keyboard or screen-reader user hears that the work is done.
 */
export function AllDone({ doc, lang, ownWork, onShowAll }: Props) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [work] = useResource<MyWork>(ownWork ? '/api/my-work' : undefined);
  const next = work.status === 'ready' ? nextWork(work.data.items, { documentId: doc, lang }) : undefined;

  useEffect(() => {
    // Not away from a control the person is using (a filter button, the search box).
    const at = document.activeElement;
    const idle = !at || at === document.body || at.id === 'main';
    if (!(idle || at.closest('.editor-list'))) return;
    // After this commit's other effects: the save that emptied the list also asks its row for focus.
    const frame = requestAnimationFrame(() => heading.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  return (
    <section className="card all-done" aria-labelledby="all-done-title">
      <h2 id="all-done-title" ref={heading} tabIndex={-1}>
        {t('myWork.allDone.title')}
      </h2>
      <p>{t('myWork.allDone.body')}</p>
      <div className="button-row">
        {next && (
          <Link to={workHref(next)} className="button button--primary">
            {t('myWork.allDone.next')}{' '}
            <span lang={next.sourceLang}>{next.title}</span> (<LanguageName code={next.lang} />)
          </Link>
        )}
        {ownWork && work.status === 'ready' && !next && <p className="muted">{t('myWork.allDone.nothingElse')}</p>}
        <button type="button" className="button button--secondary" onClick={onShowAll}>
          {t('editor.showAll')}
        </button>
        {ownWork && <Link to="/">{t('myWork.allDone.backToMyWork')}</Link>}
      </div>
    </section>
  );
}
