import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { parseCodedText, validateCodedText, type SourceRun } from '@lockstep/shared';
import { clientModule } from './clientModule.js';

type ChipKind = 'open' | 'close' | 'standalone';
interface ChipSpan {
  from: number;
  to: number;
  id: number;
  kind: ChipKind;
}

const { chipSpans, minimalChange, fitCodes } = await clientModule<{
  chipSpans(text: string): ChipSpan[];
  minimalChange(before: string, after: string): { from: number; to: number; insert: string } | undefined;
  fitCodes(text: string, codes: { id: number; paired: boolean }[]): { text: string; dropped: number };
}>('editor/chipText.ts');

/** Texts that mix words, tags, escapes, stray `<`, backslashes and a non-BMP character. */
const piece = fc.oneof(
  fc.constantFrom('<1>', '</1>', '<2/>', '<3>', '</3>', '\\<1>', '\\\\<2/>', '<', '\\', '<a>', '</>', '1>', '😀', ' ', 'word'),
  fc.string({ maxLength: 4 }),
);
const codedText = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

describe('coded text ⇄ the chip field', () => {
  test('chips are exactly the tags of the shared grammar, escapes stay text', () => {
    const text = 'Read <1>the \\<2> rules</1> here<3/> \\\\<4/> and a < b';
    expect(chipSpans(text).map((s) => text.slice(s.from, s.to))).toEqual(['<1>', '</1>', '<3/>', '<4/>']);
    expect(chipSpans(text).map((s) => [s.id, s.kind])).toEqual([[1, 'open'], [1, 'close'], [3, 'standalone'], [4, 'standalone']]);
  });

  test('in any text, the chips are the codes the server counts', () => {
    fc.assert(
      fc.property(codedText, (text) => {
        const serverCodes = parseCodedText(text).runs.filter((r) => r.type !== 'text').map((r) => [r.type, r.id]);
        expect(chipSpans(text).map((s) => [s.kind, s.id])).toEqual(serverCodes);
      }),
      { numRuns: 500 },
    );
  });

  test('the smallest change leaves common ends alone and rebuilds the new text', () => {
    expect(minimalChange('a <1>b</1> c', 'a <1>bx</1> c')).toEqual({ from: 6, to: 6, insert: 'x' });
    expect(minimalChange('same', 'same')).toBeUndefined();
    fc.assert(
      fc.property(codedText, codedText, (before, after) => {
        const change = minimalChange(before, after);
        const result = change ? before.slice(0, change.from) + change.insert + before.slice(change.to) : before;
        expect(result).toBe(after);
      }),
      { numRuns: 500 },
    );
  });

  test('a cut never splits a surrogate pair', () => {
    expect(minimalChange('a😀', 'a😃')).toEqual({ from: 1, to: 3, insert: '😃' });
  });
});

describe('fitting an insertion (memory, machine translation, glossary) to the source codes', () => {
  const source: SourceRun[] = [
    { type: 'text', text: 'See ' },
    { type: 'open', id: 1, kind: 'link', url: 'https://example.org' },
    { type: 'text', text: 'the site' },
    { type: 'close', id: 1 },
    { type: 'standalone', id: 2, kind: 'image' },
  ];
  const codes = [
    { id: 1, paired: true },
    { id: 2, paired: false },
  ];

  test('codes the source lacks or of the wrong type are dropped, their text kept', () => {
    expect(fitCodes('Siehe <1>die Seite</1><5/> <3>fett</3>', codes)).toEqual({ text: 'Siehe <1>die Seite</1> fett', dropped: 2 });
    expect(fitCodes('<2>bild</2> und <1/>', codes)).toEqual({ text: 'bild und ', dropped: 2 });
  });

  test('what fits is kept as it is; what is missing is not invented', () => {
    expect(fitCodes('<1>Seite</1> <2/>', codes)).toEqual({ text: '<1>Seite</1> <2/>', dropped: 0 });
    const fitted = fitCodes('nur Text', codes);
    expect(fitted).toEqual({ text: 'nur Text', dropped: 0 });
    const result = validateCodedText(fitted.text, source);
    expect(result.ok ? [] : result.problems.map((p) => [p.kind, p.id])).toEqual([['missing', 1], ['missing', 2]]);
  });

  test('unbalanced, duplicated and crossing pairs are dropped', () => {
    expect(fitCodes('<1>offen', codes).text).toBe('offen');
    expect(fitCodes('<2/><2/>', codes).text).toBe('<2/>');
    const crossing = [...codes, { id: 3, paired: true }];
    expect(fitCodes('<1>a<3>b</1>c</3>', crossing).text).toBe('a<3>bc</3>');
  });

  test('whatever is inserted, only missing codes are left to fix', () => {
    fc.assert(
      fc.property(codedText, (text) => {
        const fitted = fitCodes(text, codes).text;
        const result = validateCodedText(fitted, source);
        const kinds = result.ok ? [] : result.problems.map((p) => p.kind);
        expect(kinds.filter((k) => k !== 'missing')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
