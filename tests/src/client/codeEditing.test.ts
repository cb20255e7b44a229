import { describe, expect, test } from '@jest/globals';
import { clientModule } from './clientModule.js';

interface SourceCode {
  id: number;
  paired: boolean;
  kind: string;
}
interface Selection {
  text: string;
  start: number;
  end: number;
}
type Run = { type: 'text'; text: string } | { type: 'open' | 'standalone'; id: number; kind: string } | { type: 'close'; id: number };

const { placeCode, removeCode, checkCodes, sourceCodesOf } = await clientModule<{
  placeCode(sel: Selection, code: SourceCode): Selection;
  removeCode(sel: Selection, id: number): Selection;
  checkCodes(text: string, runs: Run[], codes: SourceCode[]): { ok: boolean; status: ReadonlyMap<number, string>; problems: { kind: string }[] };
  sourceCodesOf(runs: Run[]): SourceCode[];
}>('editor/codeEditing.ts');

const link: SourceCode = { id: 1, paired: true, kind: 'link' };
const image: SourceCode = { id: 2, paired: false, kind: 'image' };
/** `text` with `[` and `]` marking the selection (or one `|` for the cursor). */
function sel(marked: string): Selection {
  const start = marked.search(/[[|]/);
  const text = marked.replace(/[[\]|]/g, '');
  const end = marked.includes('|') ? start : marked.indexOf(']') - 1;
  return { text, start, end };
}
function show({ text, start, end }: Selection): string {
  return start === end ? `${text.slice(0, start)}|${text.slice(start)}` : `${text.slice(0, start)}[${text.slice(start, end)}]${text.slice(end)}`;
}

describe('placing inline codes from the keyboard', () => {
  test.each([
    ['wraps the selection, cursor after the closing tag', 'see [the site] now', link, 'see <1>the site</1>| now'],
    ['opens and closes at the cursor, cursor inside', 'see | now', link, 'see <1>|</1> now'],
    ['moves a placed code to the selection', '<1>see</1> [the site]', link, 'see <1>the site</1>|'],
    ['puts a standalone code after the selection', 'a [photo] here', image, 'a photo<2/>| here'],
    ['moves a standalone code to the cursor', '<2/>a photo|', image, 'a photo<2/>|'],
    ['repairs a duplicated code into one', '<1>a</1> <1>b</1> [c]', link, 'a b <1>c</1>|'],
    ['leaves an escaped look-alike alone', '\\<1> text [here]', link, '\\<1> text <1>here</1>|'],
    ['works in Hangul and Devanagari', '[사이트] और', link, '<1>사이트</1>| और'],
  ])('%s', (_name, before, code, after) => {
    expect(show(placeCode(sel(before), code))).toBe(after);
  });

  test('removing a code keeps the selection on the same characters', () => {
    expect(show(removeCode(sel('<1>ab[c</1> d]e'), 1))).toBe('ab[c d]e');
  });

  test('checks codes the way the server does, per source code', () => {
    const runs: Run[] = [
      { type: 'open', id: 1, kind: 'link' },
      { type: 'text', text: 'site' },
      { type: 'close', id: 1 },
      { type: 'standalone', id: 2, kind: 'image' },
    ];
    const codes = sourceCodesOf(runs);
    expect(codes.map((c) => [c.id, c.paired])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(checkCodes('<1>사이트</1><2/>', runs, codes).ok).toBe(true);
    const partial = checkCodes('<1>사이트<2/>', runs, codes);
    expect(partial.ok).toBe(false);
    expect(Object.fromEntries(partial.status)).toEqual({ 1: 'problem', 2: 'placed' });
    expect(Object.fromEntries(checkCodes('사이트', runs, codes).status)).toEqual({ 1: 'missing', 2: 'missing' });
    expect(checkCodes('<3/>', [], []).problems.map((p) => p.kind)).toEqual(['unknown']);
  });
});
