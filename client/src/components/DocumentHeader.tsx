import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import { languageInfo, type LanguageInfo } from '../languages';
import { documentHref, documentPageHref, Link, type DocumentPage } from '../router';
import type { Document, Language } from '../types';
import { LanguageName } from './LanguageName';

/** Language information of a document's languages, with what the server says taking precedence. */
export function useLanguageInfo(detail: Document | undefined): (code: string) => LanguageInfo {
  return useMemo(() => {
    const fromServer = new Map<string, Language>((detail?.languages ?? []).map((l) => [l.code, l]));
    return (code: string) => languageInfo(code, fromServer.get(code));
  }, [detail]);
}

interface Props {
  document: Document;
  page: DocumentPage;
}

/**
 * The head of a document's coordinator pages: where we are, the title in the source language,
 * its revision, and the document's pages (the translations, dashboard, revisions, XLIFF).
 */
export function DocumentHeader({ document: doc, page }: Props) {
  const { t } = useTranslation();
  const infoOf = useLanguageInfo(doc);
  const source = infoOf(doc.sourceLang);
  const pageTitle = t(`docNav.${page}`);

  useEffect(() => {
    document.title = t('docNav.documentTitle', { page: pageTitle, title: doc.title, app: t('app.name') });
  }, [t, pageTitle, doc.title]);

  return (
    <>
      <div className="page-head page-head--document">
        <p className="breadcrumb">
          <Link to="/">{t('nav.documents')}</Link>
        </p>
        <h1>
          <span lang={source.code} dir={source.direction}>
            {doc.title}
          </span>
          <span className="page-head__page">{pageTitle}</span>
        </h1>
        <DocumentFacts document={doc} source={source} />
      </div>
      <DocumentNav doc={doc} current={page} />
    </>
  );
}

/** The pages of one document, as tabs-like links (plain links: each is its own address). */
export function DocumentNav({ doc, current }: { doc: Document; current?: DocumentPage | 'translations' }) {
  const { t } = useTranslation();
  const pages: { key: DocumentPage | 'translations'; href: string }[] = [
    { key: 'translations', href: documentHref(doc.id, doc.targetLangs[0]) },
    { key: 'dashboard', href: documentPageHref(doc.id, 'dashboard') },
    { key: 'revisions', href: documentPageHref(doc.id, 'revisions') },
    { key: 'xliff', href: documentPageHref(doc.id, 'xliff') },
  ];
  return (
    <nav className="document-nav" aria-label={t('docNav.label')}>
      <ul>
        {pages.map(({ key, href }) => (
          <li key={key}>
            <Link to={href} aria-current={key === current ? 'page' : undefined}>
              {t(`docNav.${key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A document's source language and current revision, as the head of its pages shows them. */
export function DocumentFacts({ document: doc, source }: { document: Document; source: LanguageInfo }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="facts">
      <div>
        <dt>{t('documents.source')}</dt>
        <dd>
          <LanguageName code={source.code} info={source} />
        </dd>
      </div>
      <div>
        <dt>{t('documents.revision')}</dt>
        <dd>{formatNumber(i18n.resolvedLanguage ?? i18n.language, doc.revision)}</dd>
      </div>
    </dl>
  );
}
