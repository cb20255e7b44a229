import type { Segment } from './types';

export type BlockKind = 'heading' | 'listItem' | 'quote' | 'code' | 'paragraph';

/** What grouping needs of a segment: the full list's and the editor's compact one's both have it. */
type Placed = Pick<Segment, 'index' | 'blockIndex' | 'kind'>;

export interface Block<S extends Placed = Segment> {
  key: string;
  kind: BlockKind;
  /** 1..6 for headings. */
  level: number;
  segments: S[];
}

/** The server's block kinds, whatever their exact spelling, reduced to what the view styles. */
export function blockKindOf(kind: string): BlockKind {
  const k = kind.toLowerCase();
  if (k.includes('heading')) return 'heading';
  if (k.includes('list')) return 'listItem';
  if (k.includes('quote')) return 'quote';
  if (k === 'code' || k === 'html' || k.includes('codeblock')) return 'code';
  return 'paragraph';
}

function headingLevel(segment: Placed): number {
  const level = Number(/(\d)/.exec(segment.kind)?.[1] ?? 2);
  return Math.min(6, Math.max(1, level || 2));
}

/** Consecutive segments of one block, in document order. */
export function groupBlocks<S extends Placed>(segments: readonly S[]): Block<S>[] {
  const blocks: Block<S>[] = [];
  const ordered = [...segments].sort((a, b) => a.index - b.index);
  for (const segment of ordered) {
    const last = blocks.at(-1);
    const blockKey = segment.blockIndex ?? `s${segment.index}`;
    if (last && segment.blockIndex !== undefined && last.key === `b${blockKey}`) {
      last.segments.push(segment);
      continue;
    }
    const kind = blockKindOf(segment.kind);
    blocks.push({
      key: segment.blockIndex !== undefined ? `b${blockKey}` : `s${segment.index}`,
      kind,
      level: kind === 'heading' ? headingLevel(segment) : 0,
      segments: [segment],
    });
  }
  return blocks;
}

/** Runs of list-item blocks become one list; every other block stands alone. */
export function groupLists<S extends Placed>(blocks: readonly Block<S>[]): (Block<S> | Block<S>[])[] {
  const out: (Block<S> | Block<S>[])[] = [];
  for (const block of blocks) {
    const last = out.at(-1);
    if (block.kind === 'listItem' && Array.isArray(last)) last.push(block);
    else out.push(block.kind === 'listItem' ? [block] : block);
  }
  return out;
}
