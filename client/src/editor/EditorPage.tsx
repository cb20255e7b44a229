import { isLanguageCode, may } from '@lockstep/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { apiPath } from '../api';
import { useLanguageInfo } from '../components/DocumentHeader';
import { ErrorMessage, Loading } from '../components/ErrorMessage';
import { LanguageName } from '../components/LanguageName';
import { documentHref, editorHref, Link, navigate } from '../router';
import type { Document, User } from '../types';
import { useResource } from '../useResource';
import { AllDone } from './AllDone';
import { EditorList } from './EditorList';
import { EditorToolbar } from './EditorToolbar';
import { GlossaryProvider } from '../glossary/GlossaryContext';
import { KeyboardHelp } from './KeyboardHelp';
import { RevisionBanner } from './RevisionBanner';
import { useEditor } from './useEditor';
import { useLiveEditor } from './useLiveEditor';
import { useProgress } from './useProgress';
import { useSegmentList } from './useSegmentList';
import { useSinceLastVisit } from './useSinceLastVisit';
import { isEditable, isFilter, needsWork, type Filter } from './worklist';

interface Props {
  doc: string;
  lang: string;
  user: User;
}

function initialQuery(): { filter: Filter; search: string } {
  const params = new URLSearchParams(window.location.search);
  const state = params.get('state');
  return { filter: isFilter(state) ? state : 'all', search: params.get('q') ?? '' };
}

/** `/documents/:doc/:lang/edit`: the translator's editor for one document × language. */
export function EditorPage({ doc, lang, user }: Props) {
  const { t } = useTranslation();
  const [detail, reloadDetail] = useResource<Document>(apiPath(['documents', doc]));
  const [filter, setFilter] = useState<Filter>(() => initialQuery().filter);
  const [searchInput, setSearchInput] = useState(() => initialQuery().search);
  const [search, setSearch] = useState(searchInput);
  const list = useSegmentList(doc, lang, filter, search);
  const [progress, reloadProgress] = useProgress(doc, lang);
  const model = useEditor({ doc, lang, list, onWritten: reloadProgress });
  const live = useLiveEditor({ doc, lang, user, list, model, reloadProgress });
  const sinceVisit = useSinceLastVisit(doc, lang);
  const changes = sinceVisit.status === 'ready' ? sinceVisit.changes : undefined;
  // `?segment=` (a link from an XLIFF import report) opens that segment once the list is in.
  const [jumpTo, setJumpTo] = useState<string | undefined>(() => new URLSearchParams(window.location.search).get('segment') ?? undefined);
  // Focus goes to the segment being worked on when the list it is in arrives after opening on a
  // filter (a link from "My work"), a filter click or a search confirmed with Enter: focus is never
  // left on a control whose list changed under it.
  const focusWhenListed = useRef(initialQuery().filter !== 'all');
  // The same filter again, or Enter on a search the pause already ran: no new list comes, focus now.
  const chooseFilter = (next: Filter) => {
    if (next === filter) return focusWorkedOn();
    focusWhenListed.current = true;
    setFilter(next);
  };
  const confirmSearch = () => {
    if (searchInput === search) return focusWorkedOn();
    focusWhenListed.current = true;
    setSearch(searchInput);
  };

  const ready = detail.status === 'ready' ? detail.data : undefined;
  const infoOf = useLanguageInfo(ready);
  const canEdit = may(user, 'translate', lang);
  const canApprove = may(user, 'approve', lang);

  // Typing a search waits for a pause before asking the server.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchInput), 300);
    return () => clearTimeout(timer);
  }, [searchInput]);

  // Filter and search live in the address, so a reload or a shared link opens the same view.
  useEffect(() => {
    const params = new URLSearchParams();
    if (filter !== 'all') params.set('state', filter);
    if (search.trim()) params.set('q', search.trim());
    const query = params.toString();
    navigate(editorHref(doc, lang) + (query ? `?${query}` : ''), { replace: true });
  }, [doc, lang, filter, search]);

  useEffect(() => {
    if (ready) document.title = t('editor.documentTitle', { title: ready.title, language: infoOf(lang).autonym, app: t('app.name') });
  }, [ready, lang, infoOf, t]);

  // Open the segment asked for, else keep the current one, else open the first that needs work
  // (a list with nothing to do opens nothing: a reviewer picks the segment to read).
  // "Changed since your last visit" is picked out of the whole list on the client.
  // (Until that answer is in, the list waits rather than flash "no matches".)
  const visitLoading = sinceVisit.status === 'loading';
  const segments = useMemo(() => {
    if (filter !== 'changed' || !list.segments) return list.segments;
    return visitLoading ? undefined : list.segments.filter((s) => changes?.has(s.id));
  }, [filter, list.segments, changes, visitLoading]);
  const { activeId, activate } = model;
  useEffect(() => {
    if (!segments || list.loading) return;
    const focus = focusWhenListed.current;
    focusWhenListed.current = false;
    if (jumpTo && segments.some((s) => s.id === jumpTo)) {
      setJumpTo(undefined);
      activate(jumpTo);
      document.getElementById(`segment-${jumpTo}`)?.scrollIntoView({ block: 'center' });
    } else if (!segments.some((s) => s.id === activeId)) {
      // A reviewer's "awaiting review" list has nothing that needs work: its first segment, then.
      const reviewing = filter === 'translated' && canApprove;
      activate((segments.find(needsWork) ?? (reviewing ? segments.find(isEditable) : undefined))?.id, focus);
    } else if (focus) {
      activate(activeId);
    }
    // `filter` and `canApprove` are read when the list changes, not watched themselves.
  }, [segments, list.loading, activeId, activate, jumpTo]);

  function focusWorkedOn() {
    const id = segments?.some((s) => s.id === model.activeId) ? model.activeId : segments?.find(needsWork)?.id;
    if (id) model.activate(id);
  }

  // "Needs work" with nothing left in it (on opening, or after the last one was saved): all done.
  const allDone = filter === 'needs-work' && !search.trim() && !!segments && !list.loading && !segments.some(needsWork);
  const showAll = () => {
    focusWhenListed.current = true;
    setFilter('all');
    setSearchInput('');
    setSearch('');
  };

  const showDrafts = () => {
    const first = model.drafts.ids()[0];
    if (!first) return;
    if (!segments?.some((s) => s.id === first)) {
      setFilter('all');
      setSearchInput('');
      setSearch('');
    }
    setJumpTo(first);
  };

  if (detail.status === 'loading') return <Loading />;
  if (detail.status === 'error') return <ErrorMessage error={detail.error} onRetry={reloadDetail} />;
  const document_ = detail.data;
  const source = infoOf(document_.sourceLang);
  const target = infoOf(lang);
  if (!(isLanguageCode(lang) && document_.targetLangs.includes(lang))) {
    return (
      <div className="notice notice--error" role="alert">
        <p>{t('view.notATarget', { code: lang })}</p>
      </div>
    );
  }

  return (
    <div className="editor-page">
      <div className="page-head page-head--document">
        <p className="breadcrumb">
          <Link to="/">{t('nav.documents')}</Link>
          <span aria-hidden="true"> / </span>
          <Link to={documentHref(doc, lang)}>{t('editor.readOnlyView')}</Link>
        </p>
        <h1 lang={source.code} dir={source.direction}>
          {document_.title}
        </h1>
        <p className="editor-page__subtitle">
          {/* The language's name keeps its own `lang`, wherever a locale puts it in the sentence. */}
          <Trans
            i18nKey="editor.subtitle"
            values={{ autonym: target.autonym }}
            components={{ language: <span lang={target.code} dir={target.direction} className="autonym" /> }}
          />
        </p>
      </div>

      <nav className="language-tabs" aria-label={t('view.languagesNav')}>
        <ul>
          {document_.targetLangs.map((code) => (
            <li key={code}>
              <Link to={editorHref(doc, code)} aria-current={code === lang ? 'page' : undefined}>
                <LanguageName code={code} info={infoOf(code)} />
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {!canEdit && (
        <div className="notice notice--info" role="note">
          <p>{t('editor.readOnly', { language: target.autonym })}</p>
        </div>
      )}

      <RevisionBanner revision={live.revision} onReload={live.reloadForRevision} onDismiss={live.dismissRevision} />
      <EditorToolbar
        doc={doc}
        lang={lang}
        changedCount={changes?.size}
        progress={progress}
        filter={filter}
        onFilter={chooseFilter}
        search={searchInput}
        onSearch={setSearchInput}
        onSearchConfirm={confirmSearch}
        draftCount={model.drafts.size}
        onShowDrafts={showDrafts}
        loading={list.loading}
      />
      {canEdit && <KeyboardHelp />}

      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {!segments && !list.error && <Loading />}
      {allDone && <AllDone doc={doc} lang={lang} ownWork={user.languages.length > 0} onShowAll={showAll} />}
      {segments && !(allDone && segments.length === 0) && (
        <GlossaryProvider sourceLang={document_.sourceLang} targetLang={lang}>
        <EditorList
          doc={doc}
          segments={segments}
          changes={changes}
          model={model}
          source={source}
          target={target}
          canEdit={canEdit}
          canApprove={canApprove}
          user={user}
          onShowAll={filter !== 'all' || search ? showAll : undefined}
        />
        </GlossaryProvider>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {model.announcement}
      </p>
    </div>
  );
}
