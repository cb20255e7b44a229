import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { codeInfoOf, InlineText, type CodeInfo } from '../components/InlineText';
import type { TextLanguage } from '../components/SegmentBlocks';
import { formatDateTime, formatNumber } from '../format';
import type { EditorSegment } from './compactSegments';
import { MemorySearch } from './MemorySearch';
import type { MemoryState, MemorySuggestion } from './useMemory';
import { WordDiff } from './WordDiff';

interface Props {
  memory: MemoryState;
  segment: EditorSegment;
  source: TextLanguage;
  target: TextLanguage;
  /** Puts suggestion `index` into the text as a draft; absent for readers. */
  onInsert?(index: number): void;
  /** More suggestions shown in the panel after the memory's (machine translation). */
  children?: ReactNode;
}

/**
 * Translation memory for the open segment: earlier texts of this segment and translations of
 * similar sources elsewhere, best first, each with its match, where it comes from and how its
 * source differs from this one. Inserting one makes it a draft; nothing is saved.
 */
export function MemoryPanel({ memory, segment, source, target, onInsert, children }: Props) {
  const { t, i18n } = useTranslation();
  const i18nLang = () => i18n.resolvedLanguage ?? i18n.language;
  const titleId = useId();
  const codes = codeInfoOf(segment.sourceRuns);
  return (
    <section className="memory" aria-labelledby={titleId}>
      <h3 className="memory__title" id={titleId}>
        {t('editor.memory.title')}
      </h3>
      {memory.status === 'loading' && <p className="muted memory__status">{t('editor.memory.loading')}</p>}
      {memory.status === 'error' && <p className="muted memory__status">{t('editor.memory.failed')}</p>}
      {memory.status === 'ready' && !memory.fuzzy && (
        <p className="muted memory__status">{t('editor.memory.exactOnly', { chars: formatNumber(i18nLang(), memory.fuzzyMaxChars) })}</p>
      )}
      {memory.status === 'ready' && memory.suggestions.length === 0 && <p className="muted memory__status">{t('editor.memory.none')}</p>}
      {memory.status === 'ready' && memory.suggestions.length > 0 && (
        <ol className="memory__list">
          {memory.suggestions.map((s, i) => (
            <MemoryItem key={`${s.segmentId}-${i}`} suggestion={s} index={i} codes={codes} source={source} target={target} onInsert={onInsert} />
          ))}
        </ol>
      )}
      {children}
      <MemorySearch source={source} target={target} />
    </section>
  );
}

interface ItemProps {
  suggestion: MemorySuggestion;
  index: number;
  codes: CodeInfo;
  source: TextLanguage;
  target: TextLanguage;
  onInsert?(index: number): void;
}

function MemoryItem({ suggestion: s, index, codes, source, target, onInsert }: ItemProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const number = index + 1;
  const when = s.updatedAt ? formatDateTime(lng, s.updatedAt) : undefined;
  const sourceChanged = s.diff.some((op) => op.op !== 'equal');
  return (
    <li className="memory__item" data-origin={s.origin}>
      <div className="memory__head">
        <span className="memory__match">{t('editor.memory.match', { percent: formatNumber(lng, Math.round(s.match)) })}</span>
        <span className="muted">
          {originLabel(s, t)}
          {when && ` · ${when}`}
        </span>
      </div>
      <InlineText text={s.text} lang={target.code} dir={target.direction} className="memory__text" codes={codes} />
      {sourceChanged && (
        <div className="memory__diff">
          <span className="memory__diff-label">{t('editor.memory.sourceDiff')}</span>
          <WordDiff ops={s.diff} lang={source.code} dir={source.direction} />
        </div>
      )}
      {onInsert && (
        <button
          type="button"
          className="button button--secondary button--small"
          aria-keyshortcuts={`Alt+Shift+${number}`}
          onClick={() => onInsert(index)}
        >
          {t('editor.memory.insert', { number: formatNumber(lng, number) })}
          <kbd aria-hidden="true">{t('editor.memory.key', { number })}</kbd>
        </button>
      )}
    </li>
  );
}

/** Where a suggestion comes from; a text made for this segment's earlier source says so, since it translates that. */
function originLabel(s: MemorySuggestion, t: (key: string, options?: Record<string, string>) => string): string {
  if (s.origin === 'imported') return t('memorySearch.importedFrom', { name: s.importedFrom ?? '' });
  if (s.origin === 'other-segment') return t('editor.memory.otherSegment', { document: s.documentId });
  return s.earlierSource ? t('editor.memory.thisSegmentEarlierSource') : t('editor.memory.thisSegment');
}
