import { describe, expect, test } from '@jest/globals';
import type { Nodes, Root, Table } from 'mdast';
import {
  alignRevision,
  codesToText,
  parseMarkdown,
  readXliff,
  segmentMarkdown,
  translatedMarkdown,
  writeXliffString,
  type Segment,
  type SourceRun,
  type StoredSegment,
} from '@lockstep/shared';

/**
 * GFM in statements (issue #25): pipe tables (each cell a block of its own), strikethrough,
 * literal autolinks and footnotes, through segmentation, an XLIFF round trip, the translated
 * Markdown and revision alignment.
 */
const STATEMENT = `# Our demands

| Demand | Since | Status |
|:-------|:-----:|-------:|
| End the war. Now. | 2022 | ~~Ignored~~ Refused |
| Lift the sanctions | 2014 | Open |

Write to www.peace-now.org or info@peace-now.org.[^1]

[^1]: The office is open on Mondays. Call first.
`;

const cellsOf = (doc: ReturnType<typeof segmentMarkdown>) => doc.segments.filter((s) => s.blockKind === 'table-cell');

/** A visible translation: every text run upper-cased, codes kept where they are. */
function pseudo(runs: readonly SourceRun[]): string {
  return codesToText(runs.map((r) => (r.type === 'text' ? { ...r, text: r.text.toUpperCase() } : r)));
}

function tableOf(tree: Root): Table {
  const table = tree.children.find((n) => n.type === 'table');
  if (!table || table.type !== 'table') throw new Error('no table');
  return table;
}

const textOf = (n: Nodes): string => ('value' in n && typeof n.value === 'string' ? n.value : 'children' in n ? (n.children as Nodes[]).map(textOf).join('') : '');
const shape = (t: Table) => ({ align: t.align, rows: t.children.map((row) => row.children.length) });

describe('GFM tables, strikethrough, autolinks and footnotes', () => {
  const doc = segmentMarkdown(STATEMENT, 'en');

  test('each table cell is a block of its own, cut into sentences, with no pipes inside', () => {
    const cells = cellsOf(doc);
    expect(cells.map((s) => s.plain)).toEqual(['Demand', 'Since', 'Status', 'End the war.', 'Now.', '2022', 'Ignored Refused', 'Lift the sanctions', '2014', 'Open']);
    expect(new Set(cells.map((s) => s.blockIndex)).size).toBe(9);
    expect(cells.find((s) => s.plain === 'Now.')?.blockIndex).toBe(cells.find((s) => s.plain === 'End the war.')?.blockIndex);
    for (const s of cells) expect(s.text).not.toContain('|');
    for (const b of doc.blocks.filter((b) => b.kind === 'table-cell')) expect(STATEMENT.slice(b.start, b.end)).toBe(b.markdown);
  });

  test('strikethrough is an inline code; bare addresses are links; a footnote mark is a code and its text a block', () => {
    expect(cellsOf(doc).find((s) => s.plain === 'Ignored Refused')?.text).toBe('<1>Ignored</1> Refused');
    const write = doc.segments.find((s) => s.plain.startsWith('Write to'))!;
    expect(write.text).toBe('Write to <1>www.peace-now.org</1> or <2>info@peace-now.org</2>.<3/>');
    expect(write.runs[1]).toMatchObject({ type: 'open', kind: 'link', url: 'http://www.peace-now.org' });
    const note = doc.segments.filter((s) => s.plain === 'The office is open on Mondays.' || s.plain === 'Call first.');
    expect(note).toHaveLength(2);
    expect(note[0].blockIndex).toBe(note[1].blockIndex);
    expect(note[0].blockIndex).not.toBe(write.blockIndex);
  });

  test('XLIFF round trip and translated Markdown keep the table, its alignment row and the footnote', () => {
    const translatable = doc.segments.filter((s) => s.translatable);
    const xliff = writeXliffString(
      { exportId: 'x1', documentId: 'd1', revision: 1, srcLang: 'en', trgLang: 'ko' },
      translatable.map((s) => ({ id: `s${s.index}`, source: s.runs, target: pseudo(s.runs), state: 'translated' as const })),
    );
    const read = readXliff(xliff);
    const translations = new Map(read.files[0].units.map((u) => [u.id, u.target ?? '']));
    expect(translations.size).toBe(translatable.length);

    const splice = doc.segments.map((s: Segment) => ({ id: `s${s.index}`, blockIndex: s.blockIndex, runs: s.runs, translatable: s.translatable, wrapper: s.wrapper ?? null, breakBefore: s.breakBefore }));
    const result = translatedMarkdown(STATEMENT, splice, translations);
    expect(result.fallbacks).toEqual([]);
    expect(result.translated).toBe(translatable.length);

    // Same delimiter row, byte for byte; same table shape; every cell translated.
    const delimiter = (md: string) => md.split('\n').find((l) => /^\|[:\- |]+\|$/.test(l));
    expect(delimiter(result.markdown)).toBe('|:-------|:-----:|-------:|');
    const src = tableOf(parseMarkdown(STATEMENT));
    const out = tableOf(parseMarkdown(result.markdown));
    expect(shape(out)).toEqual(shape(src));
    const cellTexts = (t: Table) => t.children.flatMap((row) => row.children.map((c) => textOf(c)));
    expect(cellTexts(out)).toEqual(cellTexts(src).map((t) => t.toUpperCase()));
    expect(result.markdown).toContain('~~IGNORED~~ REFUSED');
    expect(result.markdown).toContain('[^1]: THE OFFICE IS OPEN ON MONDAYS. CALL FIRST.');
    // A literal autolink whose text was translated becomes an inline link to the same address.
    expect(result.markdown).toContain('WRITE TO [WWW.PEACE-NOW.ORG](<http://www.peace-now.org>)');
  });

  test('a pipe in a translated cell is escaped, so the row keeps its cells; untouched bare addresses stay bare', () => {
    const splice = doc.segments.map((s) => ({ id: `s${s.index}`, blockIndex: s.blockIndex, runs: s.runs, translatable: s.translatable }));
    const open = doc.segments.find((s) => s.plain === 'Open')!;
    const write = doc.segments.find((s) => s.plain.startsWith('Write to'))!;
    const translations = new Map([
      [`s${open.index}`, 'abierto | pendiente'],
      [`s${write.index}`, 'Escriba a <1>www.peace-now.org</1> o <2>info@peace-now.org</2>.<3/>'],
    ]);
    const result = translatedMarkdown(STATEMENT, splice, translations);
    // Literal autolinks left as they were stay bare.
    expect(result.markdown).toContain('\nEscriba a www.peace-now.org o info@peace-now.org.[^1]\n');
    expect(result.fallbacks.filter((f) => f.id === `s${open.index}` || f.id === `s${write.index}`)).toEqual([]);
    const out = tableOf(parseMarkdown(result.markdown));
    expect(shape(out)).toEqual(shape(tableOf(parseMarkdown(STATEMENT))));
    expect(textOf(out.children[2].children[2])).toBe('abierto | pendiente');
  });

  test('a revision aligns per cell: a reworded cell is modified, a new row is added', () => {
    const previous: StoredSegment[] = doc.segments.map((s) => ({ id: `s${s.index}`, text: s.text, blockIndex: s.blockIndex, blockKind: s.blockKind, translatable: s.translatable, plain: s.plain, runs: s.runs }));
    const revised = STATEMENT.replace('| Lift the sanctions | 2014 | Open |', '| Lift all the sanctions | 2014 | Open |\n| Free the prisoners | 2023 | New |');
    const alignment = alignRevision({ previousMarkdown: STATEMENT, previous, markdown: revised, lang: 'en' });
    const kindOf = (plain: string) => alignment.segments.find((a) => a.segment.plain === plain)?.kind;
    expect(kindOf('Lift all the sanctions')).toBe('modified');
    expect(alignment.segments.find((a) => a.segment.plain === 'Lift all the sanctions')?.oldIds).toEqual([previous.find((s) => s.plain === 'Lift the sanctions')?.id]);
    expect(['Free the prisoners', '2023', 'New'].map(kindOf)).toEqual(['added', 'added', 'added']);
    expect(['Demand', 'End the war.', 'Now.', '2014', 'Open', 'Call first.'].map(kindOf)).toEqual(Array(6).fill('unchanged'));
    expect(alignment.removed).toEqual([]);
  });
});
