import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  alignmentKey,
  alignRevision,
  CHANGE_KINDS,
  LANGUAGE_CODES,
  MINOR_SIMILARITY,
  segmentMarkdown,
  type Alignment,
  type LanguageCode,
  type StoredSegment,
} from '@lockstep/shared';

/*
 * Property-based tests of revision alignment (fast-check), on the invariants of the revisions
 * issue and architecture.md "Revision alignment": every old segment accounted for exactly once,
 * every new segment exactly once, a document aligned with itself is all unchanged, a segment
 * keeps its id only for the same content, and blocks an edit did not touch keep their ids.
 * align.generator.test.ts scores realistic edits against known truth; this file throws
 * arbitrary revisions at the same invariants, hostile Markdown and mismatched languages included.
 */

const WORDS: Record<string, string[]> = {
  latin: ['the', 'people', 'right', 'freedom', 'statement', 'peace', 'work', 'año', 'ação', 'été', 'mga', 'salita'],
  greek: ['ελευθερία', 'δικαίωμα', 'λαός', 'ειρήνη', 'κείμενο'],
  cyrillic: ['свобода', 'право', 'народ', 'мир', 'ёлка'],
  devanagari: ['स्वतंत्रता', 'अधिकार', 'लोग', 'शांति', 'क्षत्रिय'],
  hangul: ['자유', '권리', '사람들', '평화', '선언문'],
  rtl: ['حرية', 'حق', 'سلام', 'חופש', 'שלום'],
  emoji: ['😀', '👩‍💻', '🇪🇸', '𝄞', '𠜎'],
};
const END = ['.', '!', '?', '।', '.”'];

/** A block: words in one script, one or more sentences, maybe a heading/list/quote prefix and inline markup. */
const blockArb = fc
  .record({
    script: fc.constantFrom(...Object.keys(WORDS)),
    prefix: fc.constantFrom('', '', '', '## ', '- ', '> ', '1. '),
    sentences: fc.array(
      fc.record({
        words: fc.array(fc.nat(), { minLength: 2, maxLength: 12 }),
        end: fc.constantFrom(...END),
        markup: fc.constantFrom('', '', '**', '*', 'link', 'code'),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ script, prefix, sentences }) => ({
    prefix,
    sentences: sentences.map(({ words, end, markup }) => {
      const ws = words.map((n) => WORDS[script][n % WORDS[script].length]);
      if (markup === 'link') ws[0] = `[${ws[0]}](http://example.org/${ws[0].length})`;
      else if (markup === 'code') ws[1] = `\`${ws[1]}\``;
      else if (markup) ws[0] = `${markup}${ws[0]}${markup}`;
      const first = ws[0].charAt(0).toUpperCase() + ws[0].slice(1);
      return [first, ...ws.slice(1)].join(' ') + end;
    }),
  }));
type Blk = { prefix: string; sentences: string[] };

/** Makes every sentence of a document unique (a numbered word), so "the same sentence" is unambiguous. */
function numbered(blocks: Blk[], from = 0): Blk[] {
  let n = from;
  return blocks.map((b) => ({ ...b, sentences: b.sentences.map((s) => s.replace(/ /, ` n${n++} `)) }));
}
const markdownOf = (blocks: Blk[]) => blocks.map((b) => b.prefix + b.sentences.join(' ')).join('\n\n');

const lang = fc.constantFrom<LanguageCode>(...LANGUAGE_CODES);

function stored(markdown: string, l: LanguageCode): StoredSegment[] {
  return segmentMarkdown(markdown, l).segments.map((s, i) => ({
    id: `old${i}`,
    text: s.text,
    blockIndex: s.blockIndex,
    translatable: s.translatable,
    plain: s.plain,
    runs: s.runs,
    words: s.words,
    lockReason: s.lockReason ?? null,
    hoisted: s.hoisted ?? null,
    wrapper: s.wrapper ?? null,
    breakBefore: s.breakBefore ?? false,
  }));
}

/** The invariants every alignment must keep, whatever the input. */
function checkInvariants(previous: StoredSegment[], markdown: string, l: LanguageCode, a: Alignment): void {
  const fresh = segmentMarkdown(markdown, l).segments;
  expect(a.segments).toHaveLength(fresh.length);
  a.segments.forEach((s, j) => {
    expect(s.segment.index).toBe(j);
    if (!s.reused) expect(s.segment.text).toBe(fresh[j].text);
  });

  // Every old id exactly once: kept by a new segment (an unchanged one, or in a change) or removed.
  const olds = [...a.segments.filter((s) => s.kind === 'unchanged').flatMap((s) => s.oldIds), ...a.changes.flatMap((c) => c.oldIds)];
  expect([...olds].sort()).toEqual(previous.map((s) => s.id).sort());
  // Every new segment exactly once: unchanged, or in one change.
  const news = [...a.segments.flatMap((s, j) => (s.kind === 'unchanged' ? [j] : [])), ...a.changes.flatMap((c) => c.newIndexes)];
  expect([...news].sort((x, y) => x - y)).toEqual(a.segments.map((_, j) => j));

  const carried = new Set(a.segments.flatMap((s) => s.oldIds));
  expect(a.removed).toEqual(previous.map((s) => s.id).filter((id) => !carried.has(id)));
  for (const kind of CHANGE_KINDS) {
    const count = kind === 'removed' ? a.removed.length : a.segments.filter((s) => s.kind === kind).length;
    expect({ kind, count: a.impact[kind] }).toEqual({ kind, count });
  }

  const byId = new Map(previous.map((s) => [s.id, s]));
  for (const s of a.segments) {
    const expectedOlds = { unchanged: 1, moved: 1, modified: 1, minor: 1, split: 1, added: 0 } as Record<string, number>;
    if (s.kind === 'merged') expect(s.oldIds.length).toBeGreaterThanOrEqual(2);
    else expect({ kind: s.kind, olds: s.oldIds.length }).toEqual({ kind: s.kind, olds: expectedOlds[s.kind] });
    // An id is kept as unchanged or moved only for the same content (typography and whitespace folded).
    if (s.kind === 'unchanged' || s.kind === 'moved') expect(alignmentKey(s.segment.text)).toBe(alignmentKey(byId.get(s.oldIds[0])!.text));
    if (s.kind === 'minor') expect(s.similarity).toBeGreaterThanOrEqual(MINOR_SIMILARITY);
  }
  for (const c of a.changes) {
    expect(c.kind).not.toBe('unchanged');
    expect(c.oldTexts).toHaveLength(c.oldIds.length);
    expect(c.newTexts).toEqual(c.newIndexes.map((j) => a.segments[j].segment.plain));
    for (const j of c.newIndexes) expect(a.segments[j].kind).toBe(c.kind === 'removed' ? 'never' : c.kind);
    if (c.kind === 'split') expect(c.newIndexes.length).toBeGreaterThanOrEqual(2);
  }
}

// Edits on a list of blocks ------------------------------------------------------------------

type Edit =
  | { op: 'delete'; at: number }
  | { op: 'insert'; at: number; block: Blk }
  | { op: 'replace'; at: number; block: Blk }
  | { op: 'swap'; at: number; with: number }
  | { op: 'join'; at: number }
  | { op: 'word'; at: number; word: string };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), block: blockArb }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), block: blockArb }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('join' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('word' as const), at: fc.nat(), word: fc.constantFrom('new', 'ново', 'νέο', '새', 'नया', '12') }),
);

/** Applies the edits; returns the new blocks and which old blocks survive byte for byte. */
function applyEdits(old: Blk[], edits: Edit[]): { blocks: Blk[]; untouched: Set<number> } {
  let blocks = old.map((b, i) => ({ ...b, from: i as number | null }));
  let fresh = 100_000;
  for (const e of edits) {
    if (blocks.length === 0) break;
    const at = e.at % blocks.length;
    if (e.op === 'delete') blocks.splice(at, 1);
    else if (e.op === 'insert') blocks.splice(at, 0, { ...numbered([e.block], (fresh += 100))[0], from: null });
    else if (e.op === 'replace') blocks[at] = { ...numbered([e.block], (fresh += 100))[0], from: null };
    else if (e.op === 'swap') {
      const w = e.with % blocks.length;
      [blocks[at], blocks[w]] = [blocks[w], blocks[at]];
    } else if (e.op === 'join' && at + 1 < blocks.length) {
      blocks.splice(at, 2, { prefix: blocks[at].prefix, sentences: [...blocks[at].sentences, ...blocks[at + 1].sentences], from: null });
    } else if (e.op === 'word') {
      const b = blocks[at];
      blocks[at] = { ...b, sentences: b.sentences.map((s, i) => (i === 0 ? s.replace(/ (\S+)$/, ` ${e.word} $1`) : s)), from: null };
    }
  }
  blocks = blocks.filter((b) => b.sentences.length > 0);
  return { blocks, untouched: new Set(blocks.flatMap((b) => (b.from === null ? [] : [b.from]))) };
}

const docArb = fc.array(blockArb, { minLength: 1, maxLength: 12 }).map((bs) => numbered(bs));
const RUNS = 200;

describe('revision alignment, on arbitrary revisions', () => {
  test('a document aligned with itself is all unchanged, ids in order, nothing to record', () => {
    fc.assert(
      fc.property(docArb, lang, (blocks, l) => {
        const md = markdownOf(blocks);
        const previous = stored(md, l);
        const a = alignRevision({ previousMarkdown: md, previous, markdown: md, lang: l });
        expect(a.changes).toEqual([]);
        expect(a.removed).toEqual([]);
        expect(a.segments.map((s) => [s.kind, s.oldIds, s.sourceChanged])).toEqual(previous.map((s) => ['unchanged', [s.id], false]));
      }),
      { numRuns: RUNS },
    );
  });

  test('a whitespace-only re-wrap keeps every segment unchanged with its id', () => {
    fc.assert(
      fc.property(docArb, lang, fc.infiniteStream(fc.boolean()), (blocks, l, breaks) => {
        const md = markdownOf(blocks);
        // Soft line breaks and doubled spaces inside paragraphs (a heading ends at its line break).
        const rewrap = (text: string) => text.replace(/ (?=[\p{L}\p{N}])/gu, () => (breaks.next().value ? '\n' : '  '));
        const rewrapped = blocks.map((b) => b.prefix + (b.prefix.startsWith('#') ? b.sentences.join(' ') : rewrap(b.sentences.join(' ')))).join('\n\n');
        const previous = stored(md, l);
        const a = alignRevision({ previousMarkdown: md, previous, markdown: rewrapped, lang: l });
        checkInvariants(previous, rewrapped, l, a);
        expect(a.segments.map((s) => [s.kind, s.oldIds])).toEqual(previous.map((s) => ['unchanged', [s.id]]));
      }),
      { numRuns: RUNS },
    );
  });

  test('after random block edits: the invariants hold, and untouched blocks keep their ids', () => {
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), lang, (oldBlocks, edits, l) => {
        const md = markdownOf(oldBlocks);
        const { blocks, untouched } = applyEdits(oldBlocks, edits);
        const next = markdownOf(blocks);
        const previous = stored(md, l);
        const a = alignRevision({ previousMarkdown: md, previous, markdown: next, lang: l });
        checkInvariants(previous, next, l, a);
        // Sentences are unique, so a segment of a block no edit touched has exactly one right answer.
        const oldDoc = segmentMarkdown(md, l);
        const kept = new Map(a.segments.flatMap((s) => (s.kind === 'unchanged' || s.kind === 'moved' ? [[s.oldIds[0], s.kind] as const] : [])));
        previous.forEach((s) => {
          if (!untouched.has(blockOfSentence(oldDoc.blocks[s.blockIndex].start, md))) return;
          expect({ id: s.id, text: s.text, kept: kept.has(s.id) }).toEqual({ id: s.id, text: s.text, kept: true });
        });
      }),
      { numRuns: RUNS },
    );
  });

  test('arbitrary, even hostile, Markdown on both sides and stored segments cut in another language: invariants hold', () => {
    const hostile = fc
      .array(fc.oneof(fc.constantFrom('\n\n', ' ', '. ', '**', '[', '](x)', '`', '# ', '- ', '> ', '\\', '<1>', '</1>', '<2/>', '“', '"', '\u00A0', '…'), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom(...Object.values(WORDS).flat())), { maxLength: 50, size: 'medium' })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(hostile, docArb.map(markdownOf)), fc.oneof(hostile, docArb.map(markdownOf)), lang, lang, (md, next, storedLang, l) => {
        const previous = stored(md, storedLang);
        const a = alignRevision({ previousMarkdown: md, previous, markdown: next, lang: l });
        checkInvariants(previous, next, l, a);
        expect(alignRevision({ previousMarkdown: md, previous, markdown: next, lang: l })).toEqual(a);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Index of the old block (in `blockArb` terms) that starts at a Markdown offset: blocks are separated by blank lines. */
function blockOfSentence(offset: number, md: string): number {
  return md.slice(0, offset).split('\n\n').length - 1;
}
