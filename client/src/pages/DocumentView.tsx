import { addToCounts, completeFraction, emptyCounts, isLanguageCode, may } from '@lockstep/shared';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { apiPath } from '../api';
import { DocumentFacts, DocumentNav, useLanguageInfo } from '../components/DocumentHeader';
import { ErrorMessage, Loading } from '../components/ErrorMessage';
import { LanguageName } from '../components/LanguageName';
import { MarkdownDownload } from '../components/MarkdownDownload';
import { ProgressBar, ProgressLegend } from '../components/ProgressBar';
import { SegmentBlocks } from '../components/SegmentBlocks';
import type { LanguageInfo } from '../languages';
import { alignHref, documentHref, editorHref, Link, navigate } from '../router';
import type { Document, Segment, SegmentList, StateCounts, User } from '../types';
import { useResource } from '../useResource';

interface Props {
  doc: string;
  lang?: string;
  user: User;
}

export function DocumentView({ doc, lang, user }: Props) {
  const { t } = useTranslation();
  const [detail, reloadDetail] = useResource<Document>(apiPath(['documents', doc]));
  const ready = detail.status === 'ready' ? detail.data : undefined;
  const langIsTarget = ready !== undefined && isLanguageCode(lang) && ready.targetLangs.includes(lang);
  const [segments, reloadSegments] = useResource<SegmentList>(
    langIsTarget ? apiPath(['documents', doc, 'segments'], { lang }) : undefined,
  );

  // `/documents/:doc` opens the first target language.
  useEffect(() => {
    if (ready && lang === undefined && ready.targetLangs.length > 0) {
      navigate(documentHref(ready.id, ready.targetLangs[0]), { replace: true });
    }
  }, [ready, lang]);

  const infoOf = useLanguageInfo(ready);

  useEffect(() => {
    if (!ready) return;
    document.title = lang
      ? t('view.documentTitle', { title: ready.title, language: infoOf(lang).autonym, app: t('app.name') })
      : t('view.documentTitleNoLanguage', { title: ready.title, app: t('app.name') });
  }, [ready, lang, infoOf, t]);

  if (detail.status === 'loading') return <Loading />;
  if (detail.status === 'error') return <ErrorMessage error={detail.error} onRetry={reloadDetail} />;
  const document_ = detail.data;
  const source = infoOf(document_.sourceLang);

  return (
    <>
      <div className="page-head page-head--document">
        <p className="breadcrumb">
          <Link to="/">{t('nav.documents')}</Link>
        </p>
        <h1 lang={source.code} dir={source.direction}>
          {document_.title}
        </h1>
        <DocumentFacts document={document_} source={source} />
      </div>

      <DocumentNav doc={document_} current="translations" />

      <nav className="language-tabs" aria-label={t('view.languagesNav')}>
        <ul>
          {document_.targetLangs.map((code) => (
            <li key={code}>
              <Link to={documentHref(document_.id, code)} aria-current={code === lang ? 'page' : undefined}>
                <LanguageName code={code} info={infoOf(code)} />
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {lang !== undefined && !langIsTarget && (
        <div className="notice notice--error" role="alert">
          <p>{t('view.notATarget', { code: lang })}</p>
        </div>
      )}
      {langIsTarget && (
        <div className="editor-link">
          <Link to={editorHref(document_.id, lang)} className="button button--primary">
            {may(user, 'translate', lang) ? t('view.openEditor') : t('view.openEditorReadOnly')}
          </Link>
          <MarkdownDownload doc={document_.id} lang={lang} />
          {may(user, 'translate', lang) && (
            <Link to={alignHref(document_.id, lang)} className="button button--secondary">
              {t('alignTranslation.open')}
            </Link>
          )}
        </div>
      )}
      {langIsTarget && segments.status === 'loading' && <Loading />}
      {langIsTarget && segments.status === 'error' && <ErrorMessage error={segments.error} onRetry={reloadSegments} />}
      {langIsTarget && segments.status === 'ready' && (
        <SegmentTable segments={segments.data.segments} source={source} target={infoOf(lang)} />
      )}
    </>
  );
}

function tally(segments: readonly Segment[]): StateCounts {
  const counts = emptyCounts();
  for (const s of segments) addToCounts(counts, !s.translatable || !s.translation ? 'locked' : s.translation.state);
  return counts;
}

function SegmentTable({ segments, source, target }: { segments: Segment[]; source: LanguageInfo; target: LanguageInfo }) {
  const { t } = useTranslation();
  const counts = useMemo(() => tally(segments), [segments]);
  if (segments.length === 0) {
    return (
      <div className="empty-state">
        <p className="muted">{t('view.noSegments')}</p>
      </div>
    );
  }
  return (
    <section className="card segment-table" aria-label={t('view.segmentsLabel')}>
      <div className="segment-table__summary">
        <ProgressBar counts={counts} complete={completeFraction(counts)} />
        <ProgressLegend />
      </div>
      <div className="segment-row segment-row--head" aria-hidden="true">
        <span className="segment-row__index">{t('view.indexColumn')}</span>
        <span className="segment-row__source column-title">
          <span>{t('view.sourceColumn')}</span>
          <LanguageName code={source.code} info={source} />
        </span>
        <span className="segment-row__target column-title">
          <span>{t('view.translationColumn')}</span>
          <LanguageName code={target.code} info={target} />
        </span>
        <span className="segment-row__state">{t('view.stateColumn')}</span>
      </div>
      <SegmentBlocks segments={segments} source={source} target={target} />
    </section>
  );
}
