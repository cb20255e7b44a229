import { useTranslation } from 'react-i18next';
import { groupBlocks, groupLists, type Block } from '../blocks';
import { LanguageName } from '../components/LanguageName';
import type { EditorSegment } from './compactSegments';
import { EditorRow, type RowContext } from './EditorRow';
import type { SegmentChange } from './useSinceLastVisit';
import { textClassOf, VIRTUAL_FROM, VirtualRows } from './VirtualRows';

interface Props extends RowContext {
  /** Offered when a filter or search hides segments. */
  onShowAll?(): void;
  /** Segments changed since the user's last visit, to mark on their rows. */
  changes?: ReadonlyMap<string, SegmentChange>;
}

/** The segments in document order, grouped by their Markdown blocks so the structure stays visible; a long list is windowed. */
export function EditorList({ onShowAll, changes, ...context }: Props) {
  const { t } = useTranslation();
  const { segments, model, source, target } = context;
  if (segments.length === 0) {
    return (
      <div className="empty-state">
        <p className="muted">{t('editor.noMatches')}</p>
        {onShowAll && (
          <button type="button" className="button button--secondary" onClick={onShowAll}>
            {t('editor.showAll')}
          </button>
        )}
      </div>
    );
  }

  const rows = (block: Block<EditorSegment>) =>
    block.segments.map((segment) => (
      <EditorRow
        key={segment.id}
        {...context}
        segment={segment}
        textClass={textClassOf(block)}
        active={segment.id === model.activeId}
        draftText={model.drafts.get(segment.id)?.text}
        change={changes?.get(segment.id)}
      />
    ));

  return (
    <section className="card editor-list" aria-label={t('view.segmentsLabel')}>
      <div className="editor-row editor-row--head" aria-hidden="true">
        <span className="editor-row__index">{t('view.indexColumn')}</span>
        <span className="editor-row__source column-title">
          <span>{t('view.sourceColumn')}</span>
          <LanguageName code={source.code} info={source} />
        </span>
        <span className="editor-row__target column-title">
          <span>{t('view.translationColumn')}</span>
          <LanguageName code={target.code} info={target} />
        </span>
        <span className="editor-row__state">{t('view.stateColumn')}</span>
      </div>
      {segments.length >= VIRTUAL_FROM ? (
        <VirtualRows {...context} changes={changes} />
      ) : (
        <div className="blocks">
          {groupLists(groupBlocks(segments)).map((group) =>
            Array.isArray(group) ? (
              <ul key={group[0].key} className="block-list">
                {group.map((block) => (
                  <li key={block.key} className="block block--listItem">
                    {rows(block)}
                  </li>
                ))}
              </ul>
            ) : (
              <section key={group.key} className={`block block--${group.kind}`}>
                {rows(group)}
              </section>
            ),
          )}
        </div>
      )}
    </section>
  );
}
