import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MarkdownDownload } from '../components/MarkdownDownload';
import { ProgressBar } from '../components/ProgressBar';
import { formatNumber } from '../format';
import type { LanguageProgress } from '../types';
import { FILTERS, type Filter } from './worklist';

interface Props {
  doc: string;
  lang: string;
  /** Segments changed since the user's last visit; undefined until known. */
  changedCount: number | undefined;
  progress: LanguageProgress | undefined;
  filter: Filter;
  onFilter(filter: Filter): void;
  search: string;
  onSearch(search: string): void;
  /** Enter in the search box: search now and go to the first match. */
  onSearchConfirm(): void;
  draftCount: number;
  onShowDrafts(): void;
  loading: boolean;
}

function countFor(filter: (typeof FILTERS)[number], progress: LanguageProgress | undefined): number | undefined {
  const s = progress?.segments;
  if (!s) return undefined;
  if (filter === 'all') return s.total;
  if (filter === 'needs-work') return s.untranslated + s.stale;
  if (filter === 'open-questions') return progress.openQuestions;
  return s[filter];
}

/** Progress of the language, the state filters with their counts, search, and unsaved drafts. */
export function EditorToolbar({ doc, lang, changedCount, progress, filter, onFilter, search, onSearch, onSearchConfirm, draftCount, onShowDrafts, loading }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const searchId = useId();
  return (
    <div className="editor-toolbar" aria-busy={loading}>
      <div className="editor-toolbar__progress">
        {progress ? <ProgressBar counts={progress.segments} complete={progress.complete} /> : <span className="muted">{t('status.loading')}</span>}
      </div>
      <div className="editor-toolbar__row">
        <div className="filters" role="group" aria-label={t('editor.filters.label')}>
          {FILTERS.map((f) => {
            const count = countFor(f, progress);
            return (
              <button key={f} type="button" className="filter" data-filter={f} aria-pressed={f === filter} onClick={() => onFilter(f)}>
                {t(`editor.filters.${f}`)}
                {count !== undefined && <span className="filter__count">{formatNumber(lng, count)}</span>}
              </button>
            );
          })}
          {changedCount !== undefined && (
            <button type="button" className="filter filter--changed" data-filter="changed" aria-pressed={filter === 'changed'} onClick={() => onFilter('changed')}>
              {t('editor.filters.changed')}
              <span className="filter__count">{formatNumber(lng, changedCount)}</span>
            </button>
          )}
        </div>
        <div className="editor-search">
          <label htmlFor={searchId} className="visually-hidden">
            {t('editor.search.label')}
          </label>
          <input
            id={searchId}
            type="search"
            value={search}
            placeholder={t('editor.search.placeholder')}
            onChange={(event) => onSearch(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              onSearchConfirm();
            }}
          />
        </div>
        <MarkdownDownload doc={doc} lang={lang} className="editor-toolbar__markdown" />
        {draftCount > 0 && (
          <button type="button" className="drafts-chip" onClick={onShowDrafts}>
            {t('editor.draftsCount', { count: draftCount })}
          </button>
        )}
      </div>
    </div>
  );
}
