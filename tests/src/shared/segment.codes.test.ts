import { describe, expect, test } from '@jest/globals';
import { codesToText, parseCodedText, validateCodedText, type CodeProblemKind, type SourceRun } from '@lockstep/shared';

const link = (id: number): SourceRun => ({ type: 'open', id, kind: 'link', url: '#' });
const close = (id: number): SourceRun => ({ type: 'close', id });
const text = (t: string): SourceRun => ({ type: 'text', text: t });

describe('runs → text (api.md inline codes)', () => {
  test.each<[string, SourceRun[], string]>([
    ['paired and standalone codes', [text('a '), link(1), text('b'), close(1), text(' '), { type: 'standalone', id: 2, kind: 'image' }], 'a <1>b</1> <2/>'],
    ['a literal < that reads as a code is escaped', [text('x <1> y </2> z <3/>')], 'x \\<1> y \\</2> z \\<3/>'],
    ['a literal < that does not read as a code stays', [text('a < b, <b>, <1 >, </x>')], 'a < b, <b>, <1 >, </x>'],
    ['a backslash before a code tag is doubled', [text('a\\'), link(1), text('\\'), close(1)], 'a\\\\<1>\\\\</1>'],
    ['a backslash before an escaped code doubles too', [text('\\<1>')], '\\\\\\<1>'],
    ['backslashes elsewhere stay as they are', [text('C:\\dir \\_ \\* end\\')], 'C:\\dir \\_ \\* end\\'],
    ['adjacent text runs are one text', [text('a\\'), text('<1>')], 'a\\\\\\<1>'],
  ])('%s', (_name, runs, expected) => {
    expect(codesToText(runs)).toBe(expected);
    // And back: the grammar round-trips.
    const parsed = parseCodedText(expected);
    expect(parsed.ok).toBe(true);
    expect(codesToText(parsed.runs as SourceRun[])).toBe(expected);
  });

  test('parsing resolves escapes into literal text', () => {
    expect(parseCodedText('\\<1> and \\\\<2>x</2> and a\\b')).toEqual({
      ok: true,
      runs: [text('<1> and \\'), { type: 'open', id: 2 }, text('x'), { type: 'close', id: 2 }, text(' and a\\b')],
    });
  });
});

describe('checking a text with codes', () => {
  test.each<[string, CodeProblemKind[]]>([
    ['<1>a</1> <2/>', []],
    ['<1>a <2>b</2></1>', []],
    ['<1>a', ['unbalanced']],
    ['a</1>', ['unbalanced']],
    ['<1>a<2>b</1></2>', ['badly-nested']],
    ['<1>a</1><1>b</1>', ['duplicate']],
    ['<2/><2/>', ['duplicate']],
    ['<0>a</0>', ['invalid-id', 'invalid-id']],
    ['<01/>', ['invalid-id']],
  ])('%s', (input, kinds) => {
    const result = parseCodedText(input);
    expect(result.ok ? [] : result.problems.map((p) => p.kind)).toEqual(kinds);
  });

  const source: SourceRun[] = [text('See '), link(1), text('this'), close(1), text(' and '), { type: 'standalone', id: 2, kind: 'image', url: 'x.png', text: 'alt' }];

  test.each<[string, CodeProblemKind[]]>([
    ['Mira <1>esto</1> y <2/>', []],
    ['<2/> y <1>esto</1>', []],
    ['Mira esto y <2/>', ['missing']],
    ['Mira <1>esto</1> y <2/> <3/>', ['unknown']],
    ['Mira <1/> y <2/>', ['wrong-type']],
    ['Mira <1>esto</1> y <2>x</2>', ['wrong-type']],
    ['Mira <1>esto y <2/>', ['unbalanced']],
  ])('a translation %s against its source', (translation, kinds) => {
    const result = validateCodedText(translation, source);
    expect(result.ok ? [] : result.problems.map((p) => p.kind)).toEqual(kinds);
  });

  test('a valid translation gets the source kinds and URLs back', () => {
    const result = validateCodedText('<2/> y <1>esto</1>', source);
    expect(result).toEqual({
      ok: true,
      runs: [
        { type: 'standalone', id: 2, kind: 'image', url: 'x.png', text: 'alt' },
        text(' y '),
        { type: 'open', id: 1, kind: 'link', url: '#' },
        text('esto'),
        close(1),
      ],
    });
  });

  test('problems say where and what', () => {
    const result = parseCodedText('ab</3>');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ kind: 'unbalanced', id: 3, index: 2, message: expect.stringContaining('</3>') });
  });
});

describe('a text without a tag or an escape (the parser\'s short path)', () => {
  test.each(['', 'Plain words.', 'A > B & C', '한국어 문장 “quoted”', ' spaced  out '])('%j is one text run, or none when empty, with the same visible text', (t) => {
    expect(parseCodedText(t)).toEqual({ ok: true, runs: t ? [{ type: 'text', text: t }] : [] });
    expect(validateCodedText(t, [])).toEqual({ ok: true, runs: t ? [{ type: 'text', text: t }] : [] });
    // A source's codes the text leaves out are still reported.
    expect(validateCodedText(t, [link(1), text('x'), close(1)]).ok).toBe(false);
  });
});
