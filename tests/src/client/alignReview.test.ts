import { describe, expect, test } from '@jest/globals';
import { clientModule } from './clientModule.js';

interface Row {
  key: string;
  segmentIds: string[];
  versions: number[];
  sentences: string[];
  confidence: number;
  proposedText: string | null;
  dropped: boolean;
}
type Pairs = { segmentIds: string[]; text: string; versions: number[] }[];
const m = await clientModule<{
  rowsOf(p: { pairs: { segmentIds: string[]; text: string; sentences: string[]; confidence: number; codesMatch: boolean; versions: number[] }[] }): Row[];
  moveLastDown(rows: Row[], i: number): Row[];
  moveFirstUp(rows: Row[], i: number): Row[];
  mergeWithNext(rows: Row[], i: number): Row[];
  split(rows: Row[], i: number): Row[];
  toggleDropped(rows: Row[], i: number): Row[];
  pairsToApply(rows: Row[]): Pairs;
  displayOrder(rows: Row[], leastSureFirst: boolean): number[];
}>('pages/align/reviewModel.ts');

const proposal = {
  pairs: [
    { segmentIds: ['s1'], text: 'Uno. Dos.', sentences: ['Uno.', 'Dos.'], confidence: 0.4, codesMatch: true, versions: [1] },
    { segmentIds: ['s2'], text: 'Tres <1>cuatro</1>.', sentences: ['Tres <1>cuatro</1>.'], confidence: 0.95, codesMatch: true, versions: [2] },
    { segmentIds: ['s3', 's4'], text: 'Cinco. Seis.', sentences: ['Cinco.', 'Seis.'], confidence: 0.7, codesMatch: true, versions: [3, 4] },
  ],
};

describe('the review of a proposed alignment', () => {
  test('untouched rows send the proposal’s texts (with the source’s codes); least sure are shown first', () => {
    const rows = m.rowsOf(proposal);
    expect(m.pairsToApply(rows).map((p) => p.text)).toEqual(['Uno. Dos.', 'Tres <1>cuatro</1>.', 'Cinco. Seis.']);
    expect(m.displayOrder(rows, true)).toEqual([0, 2, 1]);
    expect(m.displayOrder(rows, false)).toEqual([0, 1, 2]);
  });

  test('moving a boundary passes one sentence to the neighbour, both ways', () => {
    const down = m.moveLastDown(m.rowsOf(proposal), 0);
    expect(m.pairsToApply(down).slice(0, 2)).toEqual([
      { segmentIds: ['s1'], text: 'Uno.', versions: [1] },
      { segmentIds: ['s2'], text: 'Dos. Tres <1>cuatro</1>.', versions: [2] },
    ]);
    const back = m.moveFirstUp(down, 0);
    expect(m.pairsToApply(back)[0].text).toBe('Uno. Dos.');
    // A row never loses its last sentence to a move.
    expect(m.moveLastDown(m.rowsOf(proposal), 1)[1].sentences).toEqual(['Tres <1>cuatro</1>.']);
  });

  test('merge, split and drop', () => {
    const merged = m.mergeWithNext(m.rowsOf(proposal), 0);
    expect(m.pairsToApply(merged)[0]).toEqual({ segmentIds: ['s1', 's2'], text: 'Uno. Dos. Tres <1>cuatro</1>.', versions: [1, 2] });
    const split = m.split(m.rowsOf(proposal), 2);
    expect(m.pairsToApply(split).slice(2)).toEqual([
      { segmentIds: ['s3'], text: 'Cinco.', versions: [3] },
      { segmentIds: ['s4'], text: 'Seis.', versions: [4] },
    ]);
    const dropped = m.toggleDropped(m.rowsOf(proposal), 1);
    expect(m.pairsToApply(dropped).map((p) => p.segmentIds)).toEqual([['s1'], ['s3', 's4']]);
    expect(m.pairsToApply(m.toggleDropped(dropped, 1))).toHaveLength(3);
  });
});
