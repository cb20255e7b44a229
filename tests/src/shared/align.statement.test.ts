import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { alignRevision, segmentMarkdown, type Alignment, type Change, type StoredSegment } from '@lockstep/shared';

/** Realistic revisions of the demo statement, one class at a time and all at once. */
const statement = readFileSync(new URL('../../../fixtures/statement/statement.md', import.meta.url), 'utf8');
const stored: StoredSegment[] = segmentMarkdown(statement, 'en').segments.map((s) => ({
  id: `s${s.index}`,
  text: s.text,
  blockIndex: s.blockIndex,
  blockKind: s.blockKind,
  translatable: s.translatable,
  plain: s.plain,
  runs: s.runs,
  hoisted: s.hoisted ?? null,
}));

function align(markdown: string): Alignment {
  return alignRevision({ previousMarkdown: statement, previous: stored, markdown, lang: 'en' });
}
/** The stored id of the segment starting with `prefix`. */
function id(prefix: string): string {
  const found = stored.filter((s) => s.text.startsWith(prefix) || s.plain!.startsWith(prefix));
  if (found.length !== 1) throw new Error(`${found.length} segments start with ${prefix}`);
  return found[0].id;
}
function edit(markdown: string, from: string, to: string): string {
  if (!markdown.includes(from)) throw new Error(`not in the statement: ${from}`);
  return markdown.replace(from, to);
}
const brief = (c: Change) => ({ kind: c.kind, oldIds: c.oldIds, newTexts: c.newTexts });
function unchangedCount(a: Alignment): number {
  return a.segments.filter((s) => s.kind === 'unchanged').length;
}

const DATE = ['February 24, 2023', 'February 24th, 2023'] as const;
const NUMERAL = ['For 30 years', 'For 31 years'] as const;
const TYPO = ['has been an historic failure', 'has been a historic failure'] as const;
const SPLIT = [
  'the beginning of the conflict and Zelensky is increasingly calling',
  'the beginning of the conflict. Zelensky is increasingly calling',
] as const;
const MERGE = ['Victory to the resistance! No cooperation', 'Victory to the resistance, and no cooperation'] as const;
const ENDORSER_MID = ['[Socialist Fight](#) (Britain)\n', '[Socialist Fight](#) (Britain)\n\n[Workers Voice](#) (Canada)\n'] as const;
const ENDORSER_END = ['Askar Aisin (Kazakhstan)\n', 'Askar Aisin (Kazakhstan)\n\nJane Doe (Ireland)\n'] as const;
const paragraph = (start: string) => statement.split('\n\n').find((p) => p.startsWith(start))!;
const P13 = paragraph('A victory for the U.S./EU/NATO bloc');
const P14 = paragraph('The failure of so many Marxist groups');
const swapParagraphs = (md: string) => md.replace(`${P13}\n\n${P14}`, `${P14}\n\n${P13}`);
/** Soft line breaks every few words in the prose paragraphs (a re-wrap): never in headings or list items. */
const rewrap = (md: string) =>
  md
    .split('\n\n')
    .map((p) => (/^[A-Z][a-z]+ [a-z]/.test(p) && p.length > 200 ? p.replace(/(\S+ \S+ \S+ \S+ \S+ \S+) (?=[a-z])/g, '$1\n') : p))
    .join('\n\n');
const curly = (md: string) => md.replace('"red line"', '\u201Cred line\u201D').replace(/(\w)'(\w)/g, '$1\u2019$2');

describe('aligning realistic revisions of the statement', () => {
  test('a reworded date is modified, everything else unchanged', () => {
    const a = align(edit(statement, ...DATE));
    expect(a.changes.map(brief)).toEqual([{ kind: 'modified', oldIds: [id('February 24, 2023')], newTexts: ['February 24th, 2023'] }]);
    expect(unchangedCount(a)).toBe(stored.length - 1);
  });

  test('a date reworded inside a long sentence is modified', () => {
    const a = align(edit(statement, 'Feb. 24 will mark', 'On February 24 we will mark'));
    expect(a.changes.map((c) => [c.kind, c.oldIds])).toEqual([['modified', [id('Feb. 24 will mark')]]]);
  });

  test('a changed numeral is modified, never minor, however similar', () => {
    const a = align(edit(statement, ...NUMERAL));
    expect(a.changes.map((c) => [c.kind, c.oldIds])).toEqual([['modified', [id('For 30 years')]]]);
    expect(a.changes[0].similarity).toBeGreaterThan(0.97);
  });

  test('endorsers added mid-list and at the end are added; no one else moves', () => {
    const a = align(edit(edit(statement, ...ENDORSER_MID), ...ENDORSER_END));
    expect(a.changes.map(brief)).toEqual([
      { kind: 'added', oldIds: [], newTexts: ['Workers Voice (Canada)'] },
      { kind: 'added', oldIds: [], newTexts: ['Jane Doe (Ireland)'] },
    ]);
    expect(a.impact).toMatchObject({ unchanged: stored.length, added: 2, removed: 0 });
  });

  test('a sentence split in two is one split change with new segments derived from the old one', () => {
    const a = align(edit(statement, ...SPLIT));
    expect(a.changes.map((c) => [c.kind, c.oldIds, c.newIndexes.length])).toEqual([['split', [id('Ukraine has been propped up')], 2]]);
    expect(a.segments.filter((s) => s.kind === 'split').map((s) => s.segment.plain)).toEqual([
      'Ukraine has been propped up by imperialist forces from the beginning of the conflict.',
      expect.stringMatching(/^Zelensky is increasingly calling/),
    ]);
  });

  test('two slogans merged into one sentence are one merged change', () => {
    const a = align(edit(statement, ...MERGE));
    expect(a.changes.map((c) => [c.kind, c.oldIds])).toEqual([['merged', [id('Victory to the resistance!'), id('No cooperation')]]]);
    expect(a.impact.merged).toBe(1);
  });

  test('swapped paragraphs keep their ids: the shorter one is moved, nothing goes stale', () => {
    const a = align(swapParagraphs(statement));
    expect(a.changes.map((c) => c.kind)).toEqual(['moved', 'moved', 'moved']);
    expect(a.changes.map((c) => c.oldIds[0])).toEqual([id('The failure of so many'), id('However, out of this'), id('In this way, building')]);
    expect(a.removed).toEqual([]);
  });

  test('a fixed typo is minor', () => {
    const a = align(edit(statement, ...TYPO));
    expect(a.changes.map((c) => [c.kind, c.oldIds])).toEqual([['minor', [id('The failure of so many')]]]);
  });

  test('a typo fixed in a name is modified: capitalised words matter', () => {
    const a = align(edit(statement, 'Gaukhar Datkhabayeva', 'Gaukhar Datkhabaeva'));
    expect(a.changes.map((c) => c.kind)).toEqual(['modified']);
  });

  test('a whitespace-only re-wrap changes nothing at all', () => {
    const wrapped = rewrap(statement);
    expect(wrapped.split('\n').length).toBeGreaterThan(statement.split('\n').length + 10);
    const a = align(wrapped);
    expect(a.changes).toEqual([]);
    expect(a.segments.some((s) => s.sourceChanged)).toBe(false);
  });

  test('straight → curly quotes keep every segment unchanged but record the new source', () => {
    const a = align(curly(statement));
    expect(a.changes).toEqual([]);
    const recorded = a.segments.filter((s) => s.sourceChanged).map((s) => s.oldIds[0]);
    expect(recorded).toEqual(expect.arrayContaining([id('There appears to be no'), id('Feb. 24 will mark')]));
    for (const s of a.segments) expect(s.sourceChanged).toBe(s.segment.text !== stored.find((x) => x.id === s.oldIds[0])!.text);
  });

  test('all of them at once', () => {
    let md = statement;
    for (const [from, to] of [DATE, NUMERAL, SPLIT, MERGE, ENDORSER_MID, ENDORSER_END]) md = edit(md, from, to);
    md = curly(rewrap(edit(swapParagraphs(md), ...TYPO)));
    const a = align(md);
    const kinds = (k: string) => a.changes.filter((c) => c.kind === k).map((c) => c.oldIds);
    expect(kinds('modified')).toEqual([[id('February 24, 2023')], [id('For 30 years')]]);
    expect(kinds('split')).toEqual([[id('Ukraine has been propped up')]]);
    expect(kinds('merged')).toEqual([[id('Victory to the resistance!'), id('No cooperation')]]);
    expect(kinds('added')).toEqual([[], []]);
    expect(kinds('removed')).toEqual([]);
    // Paragraph 14 moved and its first sentence fixed: found again by the global pass.
    expect(a.changes.find((c) => c.oldIds[0] === id('The failure of so many'))).toMatchObject({ kind: 'minor', moved: true });
    expect(kinds('moved').flat()).toEqual([id('However, out of this'), id('In this way, building')]);
    expect(a.impact.unchanged).toBe(stored.length - 2 - 1 - 2 - 3);
  });

  describe('short lines edited in place are modified, whatever their similarity', () => {
    const cases: [string, string, string][] = [
      ['credit line', 'Graphic: Henry Wong', 'Graphic: Henry Wong and friends'],
      ['byline', 'written by Marxists Speak Out', 'written by Marxists Speak Out and allies'],
      ['dateline', 'February 24, 2023', 'March 3, 2023'],
      ['endorser name', '[Anti-War West Sydney](#) (Australia)', '[Anti-War Sydney Collective](#) (Australia)'],
      ['endorser country renamed', '[/Bolshevik Group](#) (South Korea)', '[/Bolshevik Group](#) (Republic of Korea)'],
      ['endorser line rewritten', 'Askar Aisin (Kazakhstan)', 'Aigerim Askarova (Kyrgyzstan)'],
      ['heading', '## Current Endorsers:', '## Endorsers so far'],
      ['replaced by an unrelated line', 'Graphic: Henry Wong', 'Photo: Reuters'],
    ];
    test.each(cases)('%s', (_name, from, to) => {
      const a = align(edit(statement, from, to));
      expect(a.changes.map((c) => c.kind)).toEqual(['modified']);
      expect(a.impact).toMatchObject({ added: 0, removed: 0, modified: 1 });
      expect(unchangedCount(a)).toBe(stored.length - 1);
    });

    test('two adjacent short lines edited together pair in order', () => {
      const a = align(edit(statement, 'written by Marxists Speak Out  \nFebruary 24, 2023', 'written by the Marxists Speak Out network  \nFebruary 25, 2023'));
      expect(a.changes.map((c) => [c.kind, c.oldIds])).toEqual([
        ['modified', [id('written by Marxists')]],
        ['modified', [id('February 24, 2023')]],
      ]);
    });

    test('a removed line and a new line of another kind in one place: the new one is offered the old translations', () => {
      const a = align(edit(statement, 'Graphic: Henry Wong', '## Graphics'));
      expect(a.changes.map((c) => [c.kind, c.oldIds])).toEqual([
        ['removed', [id('Graphic: Henry Wong')]],
        ['added', []],
      ]);
      expect(a.changes[1].handedFrom).toEqual([id('Graphic: Henry Wong')]);
    });
  });

  test('a split with a new sentence inserted between its parts is still a split', () => {
    const a = align(edit(statement, SPLIT[0], 'the beginning of the conflict. We said so then. Zelensky is increasingly calling'));
    expect(a.changes.map((c) => [c.kind, c.oldIds, c.newTexts.length])).toEqual([
      ['split', [id('Ukraine has been propped up')], 2],
      ['added', [], 1],
    ]);
  });

  test('a realistic revision: short-line fixes, a split, a merge, an endorser added, rewordings and a paragraph swap at once', () => {
    let md = statement;
    for (const [from, to] of [
      ['Graphic: Henry Wong', 'Graphic: Henry Wong and friends'],
      ['written by Marxists Speak Out', 'written by Marxists Speak Out and allies'],
      ['(South Korea)', '(Republic of Korea)'],
      ['## Current Endorsers:', '## Endorsers so far'],
      SPLIT,
      MERGE,
      ENDORSER_MID,
      ['Many citizens are feeling', 'Many workers are feeling'],
      ['There appears to be no "red line"', 'There seems to be no "red line" at all'],
      NUMERAL,
    ] as const) md = edit(md, from, to);
    const a = align(swapParagraphs(md));
    const kinds = (k: string) => a.changes.filter((c) => c.kind === k).map((c) => c.oldIds);
    expect(kinds('modified')).toEqual([
      [id('written by Marxists')],
      [id('Graphic: Henry Wong')],
      [id('For 30 years')],
      [id('There appears to be no')],
      [id('Many citizens are feeling')],
      [id('Current Endorsers')],
      [id('/Bolshevik Group')],
    ]);
    expect(kinds('split')).toEqual([[id('Ukraine has been propped up')]]);
    expect(kinds('merged')).toEqual([[id('Victory to the resistance!'), id('No cooperation')]]);
    expect(a.changes.filter((c) => c.kind === 'added').map((c) => c.newTexts)).toEqual([['Workers Voice (Canada)']]);
    expect(kinds('removed')).toEqual([]);
  });

  test('the draft-to-final history: menu, autonym, broken paragraph, lost Korean name, small edits', () => {
    const steps: [string, string][] = [
      ['[\\\\_\\\\_\\\\_\\\\_\\\\_](#)', '[한국어](#)'],
      ['[Française](#)', '[Français](#)'],
      ['In addition to the\n\nbillions', 'In addition to the billions'],
      ['[/Bolshevik Group](#)', '[볼셰비키 그룹/Bolshevik Group](#)'],
      ['been utilized by imperialism', 'been used by imperialism'],
      ['Many citizens are feeling', 'Many workers are feeling'],
      ['so NATO could supply Ukraine with weaponry', 'so that NATO could supply Ukraine with weapons'],
    ];
    let md = statement;
    const seen: Alignment[] = [];
    let previous = stored;
    let previousMarkdown = statement;
    for (const [from, to] of steps) {
      md = edit(md, from, to);
      const a = alignRevision({ previousMarkdown, previous, markdown: md, lang: 'en' });
      seen.push(a);
      previous = a.segments.map((s, i) => ({
        id: s.oldIds.length === 1 && s.kind !== 'split' ? s.oldIds[0] : `r${seen.length}n${i}`,
        text: s.segment.text,
        blockIndex: s.segment.blockIndex,
        translatable: s.segment.translatable,
        plain: s.segment.plain,
      }));
      previousMarkdown = md;
    }
    expect(seen.map((a) => a.changes.map((c) => c.kind).join())).toEqual(['modified', 'modified', 'merged', 'modified', 'modified', 'modified', 'modified']);
    expect(seen[0].changes[0].oldIds).toEqual([id('Español')]);
    expect(seen[2].changes[0].oldIds).toEqual([id('In addition to the'), id('billions of dollars')]);
    // The whole history in one revision gives the same picture (the menu's two fixes are one change).
    const once = align(md);
    expect(once.changes.map((c) => c.kind).sort()).toEqual(['merged', 'modified', 'modified', 'modified', 'modified', 'modified']);
    expect(once.impact.unchanged).toBe(stored.length - 7);
  });
});
