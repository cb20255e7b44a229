import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { groupBlocks, type Block } from '../blocks';
import type { EditorSegment } from './compactSegments';
import { EditorRow, type RowContext } from './EditorRow';
import type { SegmentChange } from './useSinceLastVisit';

/**
 * From this many segments on, the list renders only the rows near the window (a 10,000-segment
 * document would otherwise mount 10,000 rows before the first one can be typed in). Shorter
 * lists keep every row in the page, so the browser's find and a screen reader's browse mode
 * see the whole document.
 */
export const VIRTUAL_FROM = 400;

export function textClassOf(block: Pick<Block, 'kind' | 'level'>): string {
  return block.kind === 'heading' ? `segment-text--heading segment-text--h${block.level}` : `segment-text--${block.kind}`;
}

interface Item {
  segment: EditorSegment;
  textClass: string;
  kind: Block['kind'];
  /** The first segment of its Markdown block: the row draws the block's boundary. */
  blockStart: boolean;
}

function itemsOf(segments: readonly EditorSegment[]): Item[] {
  return groupBlocks(segments).flatMap((block) =>
    block.segments.map((segment, i) => ({ segment, textClass: textClassOf(block), kind: block.kind, blockStart: i === 0 })),
  );
}

interface Props extends RowContext {
  changes?: ReadonlyMap<string, SegmentChange>;
}

/**
 * The rows of a long list, windowed with @tanstack/react-virtual over the page's own scroll
 * (the toolbar stays sticky). Rows are measured as they render (an open segment is taller).
 * The active row is always rendered, so the field never loses its state while the translator
 * scrolls away; a move by keyboard (Alt+↑/↓, Ctrl+Enter, a jump) scrolls to the segment first,
 * so it mounts and takes the focus. Each row says where it is (`aria-posinset` of `aria-setsize`).
 */
export function VirtualRows({ changes, ...context }: Props) {
  const { segments, model } = context;
  const items = useMemo(() => itemsOf(segments), [segments]);
  const list = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    if (list.current) setScrollMargin(list.current.getBoundingClientRect().top + window.scrollY);
  }, []);

  const activeIndex = useMemo(() => items.findIndex((item) => item.segment.id === model.activeId), [items, model.activeId]);
  const active = useRef(activeIndex);
  active.current = activeIndex;
  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    if (active.current >= 0 && !indexes.includes(active.current)) return [...indexes, active.current].sort((a, b) => a - b);
    return indexes;
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => 96,
    overscan: 6,
    scrollMargin,
    rangeExtractor,
    getItemKey: (index) => items[index].segment.id,
    useFlushSync: false,
  });

  const { focusRequest } = model;
  useEffect(() => {
    const index = focusRequest.id ? items.findIndex((item) => item.segment.id === focusRequest.id) : -1;
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only when a move is asked for, not when the list changes under the cursor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  return (
    <div ref={list} className="blocks virtual-rows" role="list" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((row) => {
        const item = items[row.index];
        const { segment } = item;
        return (
          <div
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            role="listitem"
            aria-posinset={row.index + 1}
            aria-setsize={items.length}
            className={`virtual-row block--${item.kind}${item.blockStart ? ' virtual-row--block-start' : ''}`}
            style={{ transform: `translateY(${row.start - scrollMargin}px)` }}
          >
            <EditorRow
              {...context}
              segment={segment}
              textClass={item.textClass}
              active={segment.id === model.activeId}
              draftText={model.drafts.get(segment.id)?.text}
              change={changes?.get(segment.id)}
            />
          </div>
        );
      })}
    </div>
  );
}
