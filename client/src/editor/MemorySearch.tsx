import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiPath, asApiError } from '../api';
import type { TextLanguage } from '../components/SegmentBlocks';
import { formatDateTime, formatNumber } from '../format';
import type { MemorySearchHit, MemorySearchResults, MemorySearchSide } from '../types';
import { highlightParts } from './highlight';

interface Props {
  source: TextLanguage;
  target: TextLanguage;
}

const PAGE_SIZE = 10;

type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; hits: MemorySearchHit[] }
  | { status: 'ready'; words: string; side: MemorySearchSide; hits: MemorySearchHit[]; page: number; hasMore: boolean; truncated: boolean; scanLimit: number }
  | { status: 'error'; message: string };

/**
 * Concordance search of the translation memory (GET /api/memory/search), inside the memory
 * panel: a word or phrase in the source or in the translations, each hit shown as its pair
 * with the words marked. Read only: it inserts nothing.
 */
export function MemorySearch({ source, target }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const formId = useId();
  const [words, setWords] = useState('');
  const [side, setSide] = useState<MemorySearchSide>('source');
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const run = (q: string, s: MemorySearchSide, page: number, before: MemorySearchHit[]) => {
    controller.current?.abort();
    const c = (controller.current = new AbortController());
    setState({ status: 'loading', hits: before });
    const path = apiPath(['memory', 'search'], { q, lang: target.code, in: s, page: String(page), limit: String(PAGE_SIZE) });
    api.get<MemorySearchResults>(path, c.signal).then(
      (r) => setState({ status: 'ready', words: q, side: s, hits: [...before, ...r.hits], page: r.page, hasMore: r.hasMore, truncated: r.truncated, scanLimit: r.scanLimit }),
      (err: unknown) => {
        if (!c.signal.aborted) setState({ status: 'error', message: asApiError(err).message });
      },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (words.trim().length >= 2) run(words.trim(), side, 1, []);
  };

  const hits = state.status === 'ready' || state.status === 'loading' ? state.hits : [];
  return (
    <div className="memory-search">
      <form role="search" className="memory-search__form" onSubmit={submit} aria-label={t('memorySearch.title')}>
        <label htmlFor={`${formId}-q`}>{t('memorySearch.label')}</label>
        <input id={`${formId}-q`} type="search" value={words} minLength={2} maxLength={200} onChange={(e) => setWords(e.target.value)} />
        <fieldset className="memory-search__side">
          <legend className="visually-hidden">{t('memorySearch.sideLegend')}</legend>
          {(['source', 'target'] as const).map((s) => (
            <label key={s}>
              <input type="radio" name={`${formId}-side`} value={s} checked={side === s} onChange={() => setSide(s)} />
              {t(`memorySearch.side.${s}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--secondary button--small" disabled={words.trim().length < 2}>
          {t('memorySearch.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {state.status === 'loading' && <p className="muted memory__status">{t('memorySearch.loading')}</p>}
        {state.status === 'error' && <p className="muted memory__status">{t('memorySearch.failed', { message: state.message })}</p>}
        {state.status === 'ready' && state.hits.length === 0 && <p className="muted memory__status">{t('memorySearch.none')}</p>}
        {state.status === 'ready' && state.truncated && (
          <p className="muted memory__status">{t('memorySearch.truncated', { limit: formatNumber(lng, state.scanLimit) })}</p>
        )}
      </div>
      {hits.length > 0 && (
        <ol className="memory-search__hits">
          {hits.map((h, i) => (
            <li key={`${h.segmentId}-${i}`} className="memory-search__hit">
              <Marked text={h.source} words={state.status === 'ready' && state.side === 'source' ? state.words : ''} lang={source.code} dir={source.direction} />
              <Marked text={h.text} words={state.status === 'ready' && state.side === 'target' ? state.words : ''} lang={target.code} dir={target.direction} />
              <span className="muted memory-search__where">
                {t('memorySearch.where', { document: h.documentId, when: formatDateTime(lng, h.updatedAt) ?? '' })}
              </span>
            </li>
          ))}
        </ol>
      )}
      {state.status === 'ready' && state.hasMore && (
        <button type="button" className="button button--secondary button--small" onClick={() => run(state.words, state.side, state.page + 1, state.hits)}>
          {t('memorySearch.more')}
        </button>
      )}
    </div>
  );
}

/** A text with the searched words marked; text nodes only, so nothing in it is read as markup. */
function Marked({ text, words, lang, dir }: { text: string; words: string; lang: string; dir: string }) {
  return (
    <p className="memory-search__text" lang={lang} dir={dir}>
      {highlightParts(text, words).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </p>
  );
}
