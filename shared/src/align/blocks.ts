import type { LanguageCode } from '../languages.js';
import { parseCodedText } from '../segment/codes.js';
import { segmentMarkdown } from '../segment/index.js';
import type { Block, CodeKind, HoistedWrapper, LockReason, Segment, SegmentedDocument } from '../segment/types.js';
import { countWords } from '../segment/words.js';
import { diffSequences } from './hunks.js';
import { plainFromCodedText } from './key.js';
import type { StoredSegment } from './types.js';

/** A segment of the new revision, and the stored segment it is known to be (block short-circuit). */
export interface PlannedSegment {
  segment: Segment;
  /** Index into `previous`, or -1 when only the key comparison can tell. */
  forcedOld: number;
  reused: boolean;
}

interface Group {
  start: number;
  end: number;
}

/**
 * Architecture.md step 1, the block short-circuit: a block of the new revision that is the same
 * as a block of the previous one keeps that block's stored segments, whatever today's segmenter
 * makes of it (ICU versions differ, G35).
 *
 * "The same" is decided in two ways. First by content: the block's text, cut by today's
 * segmenter and joined, equals a stored block's segments joined (code numbers aside). That is
 * what byte-identical Markdown yields whenever the segmenter's text output has not changed,
 * and it needs no second Markdown parse: parsing the previous revision costs as much as
 * segmenting the new one (~400 ms for 10,000 segments). Then, only for blocks still unpaired
 * whose every line occurs in the previous Markdown, by bytes: the previous Markdown is cut into
 * blocks and a byte-identical block keeps its stored segments even when the segmenter now
 * writes their text differently.
 */
export function planSegments(
  previous: readonly StoredSegment[],
  previousMarkdown: string,
  doc: SegmentedDocument,
  lang: LanguageCode,
): PlannedSegment[] {
  const oldGroups = groupBy(previous, (s) => s.blockIndex);
  const newGroups = groupBy(doc.segments, (s) => s.blockIndex);
  const claimed = new Set<number>();
  const plans: (PlannedSegment[] | null)[] = newGroups.map(() => null);
  const pair = (k: number, old: number) => {
    const plan = keep(previous, oldGroups[old], doc, newGroups[k], lang);
    if (!plan) return;
    claimed.add(old);
    plans[k] = plan;
  };

  // Blocks with the same content pair in order first (a diff of the blocks' contents), so that
  // of two identical paragraphs each keeps its own segments; what is left pairs anywhere (moved).
  const ids = new Map<string, number>();
  const intern = (key: string) => ids.get(key) ?? (ids.set(key, ids.size), ids.size - 1);
  const oldContent = oldGroups.map((g) => intern(contentKey(previous, g)));
  const newContent = newGroups.map((g) => intern(contentKey(doc.segments, g)));
  diffSequences(oldContent, newContent).newToOld.forEach((old, k) => {
    if (old >= 0) pair(k, old);
  });
  const byContent = new Map<number, number[]>();
  oldContent.forEach((c, old) => {
    if (!claimed.has(old)) push(byContent, c, old);
  });
  newContent.forEach((c, k) => {
    const queue = byContent.get(c);
    if (plans[k] || !queue) return;
    const old = queue.find((o) => !claimed.has(o));
    if (old !== undefined) pair(k, old);
  });

  const unpaired = newGroups.map((_, k) => k).filter((k) => !plans[k]);
  if (unpaired.length && previous.length) {
    const lines = new Set(previousMarkdown.split('\n').map(stripLine));
    const maybe = unpaired.filter((k) => doc.blocks[blockOf(doc, newGroups[k])].markdown.split('\n').every((l) => lines.has(stripLine(l))));
    if (maybe.length) {
      const oldBlocks = segmentMarkdown(previousMarkdown, lang).blocks;
      const groupOfBlock = new Map<number, number>();
      oldGroups.forEach((g, k) => groupOfBlock.set(previous[g.start].blockIndex, k));
      const byBytes = new Map<string, number[]>();
      for (const b of oldBlocks) {
        const k = groupOfBlock.get(b.index);
        if (k !== undefined) push(byBytes, b.markdown, k);
      }
      for (const k of maybe) {
        const old = byBytes.get(doc.blocks[blockOf(doc, newGroups[k])].markdown)?.find((o) => !claimed.has(o));
        if (old !== undefined) pair(k, old);
      }
    }
  }

  const out: PlannedSegment[] = [];
  newGroups.forEach((g, k) => {
    const plan = plans[k] ?? doc.segments.slice(g.start, g.end).map((segment) => ({ segment, forcedOld: -1, reused: false }));
    for (const p of plan) {
      if (p.segment.index !== out.length) p.segment = { ...p.segment, index: out.length };
      out.push(p);
    }
  });
  return out;
}

function blockOf(doc: SegmentedDocument, g: Group): number {
  return doc.segments[g.start].blockIndex;
}

/** Today's segments when they are the stored ones, else the stored cut rebuilt; null if it cannot be. */
function keep(previous: readonly StoredSegment[], og: Group, doc: SegmentedDocument, ng: Group, lang: LanguageCode): PlannedSegment[] | null {
  const fresh = doc.segments.slice(ng.start, ng.end);
  const stored = previous.slice(og.start, og.end);
  if (fresh.length === stored.length && fresh.every((s, i) => s.text === stored[i].text)) {
    return fresh.map((segment, i) => ({ segment, forcedOld: og.start + i, reused: false }));
  }
  const block = doc.blocks[fresh[0].blockIndex];
  const rebuilt = rebuildStored(stored, fresh, block, lang);
  return rebuilt && rebuilt.map((segment, i) => ({ segment, forcedOld: og.start + i, reused: true }));
}

/**
 * Stored segments as `Segment`s of the new block. Without stored runs, the codes' details (kind,
 * URL) come from today's segmentation of the same block, matched in order; when the two do not
 * line up, or a whole-segment wrapper was hoisted out (which depends on the cut), null.
 */
function rebuildStored(stored: readonly StoredSegment[], fresh: readonly Segment[], block: Block, lang: LanguageCode): Segment[] | null {
  const hoisting = fresh.some((s) => s.hoisted) || stored.some((s) => s.hoisted);
  const codes = fresh.flatMap((s) => s.runs.filter((r) => r.type === 'open' || r.type === 'standalone'));
  let next = 0;
  const out: Segment[] = [];
  for (const s of stored) {
    let runs = s.runs;
    if (!runs) {
      if (hoisting) return null;
      const parsed = parseCodedText(s.text);
      if (!parsed.ok) return null;
      runs = [];
      for (const r of parsed.runs) {
        if (r.type === 'text' || r.type === 'close') {
          runs.push(r);
          continue;
        }
        const code = codes[next++];
        if (!code || code.type !== r.type) return null;
        runs.push({ ...code, id: r.id });
      }
    }
    const plain = s.plain ?? plainFromCodedText(s.text);
    const segment: Segment = {
      index: 0,
      blockIndex: block.index,
      blockKind: block.kind,
      text: s.text,
      plain,
      runs,
      words: s.words ?? countWords(plain, lang),
      translatable: s.translatable,
    };
    if (s.lockReason) segment.lockReason = s.lockReason as LockReason;
    if (s.hoisted) segment.hoisted = s.hoisted as CodeKind;
    if (s.wrapper) segment.wrapper = s.wrapper as HoistedWrapper;
    if (s.breakBefore) segment.breakBefore = true;
    out.push(segment);
  }
  return !stored.some((s) => s.runs) && next !== codes.length ? null : out;
}

const CODE_NUMBER = /<(\/?)\d+(\/?)>/g;

/** A block's text as its segments hold it, independent of where the sentences were cut. */
function contentKey(segments: readonly { text: string }[], g: Group): string {
  let key = '';
  for (let i = g.start; i < g.end; i++) key += (i > g.start ? ' ' : '') + segments[i].text.replace(CODE_NUMBER, '<$1$2>');
  return key;
}

/** A Markdown line without indentation, container and heading markers: how a block's lines sit in the source. */
function stripLine(line: string): string {
  return line.replace(/^(?:\s*(?:[-*+]|\d{1,9}[.)]|>|#{1,6})(?=\s|$))*\s*/, '').trimEnd();
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => number): Group[] {
  const groups: Group[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && keyOf(items[i]) === keyOf(items[i - 1])) groups[groups.length - 1].end = i + 1;
    else groups.push({ start: i, end: i + 1 });
  }
  return groups;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
