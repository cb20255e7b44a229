import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { codesToText, parseCodedText, segmentMarkdown, validateCodedText, type SegmentedDocument, type SourceRun } from '@lockstep/shared';

const statement = readFileSync(new URL('../../data/statement.md', import.meta.url), 'utf8');

const ODD_INPUTS: [string, string][] = [
  ['empty', ''],
  ['only whitespace', '   \n\n\t \n  '],
  ['a pipe table', '| Name | Country |\n|------|---------|\n| Ann. B. | U.S. |\n| Bo | Greece |\n'],
  ['a fenced code block', 'Before. After.\n\n```js\nconst a = 1. ;\n// Not. A. Sentence.\n```\n\nEnd.'],
  ['an indented code block', 'Text here.\n\n    code. More code.\n\nMore text.'],
  ['an HTML block', '<div class="x">\n<p>Hello. World.</p>\n</div>\n\nAfter the div.'],
  ['inline HTML', 'A <b>bold</b> move. Then <br> nothing.'],
  ['nested lists', '- One. Two.\n  - Nested *item*. Again.\n    1. Deep [link](http://x.org). End.\n- Last'],
  ['images', '![Alt text. More alt.](img.png)\n\nSee ![diagram](d.png). It shows **it**.'],
  ['reference links', 'See [the site][ref]. And [another].\n\n[ref]: http://example.org "Title"\n[another]: http://another.org'],
  ['a block quote', '> Quoted sentence one. Quoted two.\n> Lazy line.\n\n> - list in quote. Yes.'],
  ['setext headings and breaks', 'Title. Part\n=====\n\nSub\n---\n\n***\n\nText.'],
  ['emphasis across a sentence boundary', 'Plain *start of emphasis. End of it* plain. Next.'],
  ['a link across a sentence boundary', 'Go [here now. And there](http://x.org) fast.'],
  ['a hard break inside emphasis', '*one line  \nanother line*\\\nthird'],
  ['inline code with full stops', 'Run `npm i. x` now. Then `y.` Done.'],
  ['unbalanced markers', '**not closed. *nor this. [bracket. `tick. Done.'],
  ['literal angle brackets', 'If a <1> b and c </2> d <3/> e. Then \\<4> f. Also a\\\\<b>.'],
  ['CRLF and tabs', 'Line one.\r\nLine\ttwo. Three.\r\n\r\nNext para.'],
  ['a lone surrogate and NUL', 'Bad \ud800 char. And \u0000 nul.'],
  ['only punctuation and codes', '---\n\n* * *\n\n![](x.png)\n\n`code`\n\n...'],
  ['deep nesting', `${'> '.repeat(50)}deep. ${'*'.repeat(40)}x${'*'.repeat(40)}`],
  ['many brackets', '['.repeat(2000) + 'x. Y.' + ']'.repeat(2000)],
  ['footnote-like text', 'A claim.[^1] Another.\n\n[^1]: The note. Here.'],
];

function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Every word of `inner` appears in `outer`, in order. */
function isWordSubsequence(inner: string, outer: string): boolean {
  const o = words(outer);
  let j = 0;
  for (const w of words(inner)) {
    while (j < o.length && o[j] !== w) j++;
    if (j === o.length) return false;
    j++;
  }
  return true;
}

function checkInvariants(source: string, doc: SegmentedDocument): void {
  doc.blocks.forEach((b, i) => {
    expect(b.index).toBe(i);
    expect(source.slice(b.start, b.end)).toBe(b.markdown);
  });
  doc.segments.forEach((s, i) => {
    expect(s.index).toBe(i);
    const block = doc.blocks[s.blockIndex];
    expect(block.kind).toBe(s.blockKind);
    expect(s.plain).toBe(s.plain.trim());
    expect(isWordSubsequence(s.plain, block.markdown)).toBe(true);
    expect(codesToText(s.runs)).toBe(s.text);
    expect(parseCodedText(s.text).ok).toBe(true);
    expect(validateCodedText(s.text, s.runs)).toEqual({ ok: true, runs: mergeTexts(s.runs) });
    const opened = s.runs.filter((r) => r.type === 'open' || r.type === 'standalone').map((r) => (r as { id: number }).id);
    expect(opened).toEqual(opened.map((_, k) => k + 1));
  });
}

function mergeTexts(runs: SourceRun[]): SourceRun[] {
  const out: SourceRun[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (r.type === 'text' && prev?.type === 'text') out[out.length - 1] = { type: 'text', text: prev.text + r.text };
    else out.push(r);
  }
  return out;
}

describe('segmentMarkdown on odd input', () => {
  test.each(ODD_INPUTS)('%s: never throws, segments stay within their blocks', (_name, markdown) => {
    for (const lang of ['en', 'ko', 'el'] as const) {
      const doc = segmentMarkdown(markdown, lang);
      checkInvariants(markdown, doc);
    }
  });

  test('empty and blank documents have no segments', () => {
    expect(segmentMarkdown('', 'en')).toEqual({ blocks: [], segments: [] });
    expect(segmentMarkdown(' \n\n ', 'en').segments).toEqual([]);
  });

  test('the statement keeps its invariants in every language', () => {
    for (const lang of ['en', 'es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'] as const) checkInvariants(statement, segmentMarkdown(statement, lang));
  });
});

const texts = (md: string, lang: 'en' | 'ko' = 'en') => segmentMarkdown(md, lang).segments.map((s) => s.text);

describe('blocks and boundaries', () => {
  test('code, HTML and thematic breaks are blocks without segments', () => {
    const doc = segmentMarkdown('Intro.\n\n```\ncode. here.\n```\n\n<div>\nhtml\n</div>\n\n---\n\nOutro.', 'en');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'code', 'html', 'thematic-break', 'paragraph']);
    expect(doc.segments.map((s) => s.plain)).toEqual(['Intro.', 'Outro.']);
  });

  test('headings, list items and block quotes are hard boundaries with their own kinds', () => {
    const doc = segmentMarkdown('## Title without stop\nText after\n\n- item one\n- item two\n\n> quoted\n\n1. first\n\n### Third level', 'en');
    expect(doc.segments.map((s) => [s.blockKind, s.plain])).toEqual([
      ['heading2', 'Title without stop'],
      ['paragraph', 'Text after'],
      ['list-item', 'item one'],
      ['list-item', 'item two'],
      ['blockquote', 'quoted'],
      ['list-item', 'first'],
      ['heading3', 'Third level'],
    ]);
  });

  test('soft breaks are spaces; hard breaks (two spaces or backslash) split', () => {
    expect(texts('one\ntwo  \nthree\\\nfour')).toEqual(['one two', 'three', 'four']);
  });

  test('a mid-sentence paragraph break yields two segments', () => {
    expect(texts('In addition to the\n\nbillions of dollars.')).toEqual(['In addition to the', 'billions of dollars.']);
  });

  test('a heading block is the text after its marker', () => {
    const doc = segmentMarkdown('# Hello *world* #\n', 'en');
    expect(doc.blocks[0]).toMatchObject({ kind: 'heading1', markdown: 'Hello *world*' });
  });
});

describe('inline codes', () => {
  test('links and emphasis inside a sentence are numbered per segment', () => {
    expect(texts('Read **the** [report](http://x.org). Then *act* and `run`.')).toEqual([
      'Read <1>the</1> <2>report</2>.',
      'Then <1>act</1> and <2/>.',
    ]);
  });

  test('a wrapper around a whole segment is hoisted and not numbered', () => {
    const [s] = segmentMarkdown('**All strong here.**', 'en').segments;
    expect(s).toMatchObject({ text: 'All strong here.', hoisted: 'strong', wrapper: { kind: 'strong' } });
    const [l] = segmentMarkdown('[All a link](http://x.org "T")', 'en').segments;
    expect(l).toMatchObject({ text: 'All a link', hoisted: 'link', wrapper: { kind: 'link', url: 'http://x.org', title: 'T' } });
  });

  test('a sentence boundary inside a wrapper closes and reopens it', () => {
    const segs = segmentMarkdown('Plain *start here. End here* plain.', 'en').segments;
    expect(segs.map((s) => s.text)).toEqual(['Plain <1>start here.</1>', '<1>End here</1> plain.']);
    const both = segmentMarkdown('*First one. Second one.*', 'en').segments;
    expect(both.map((s) => [s.text, s.hoisted])).toEqual([
      ['First one.', 'emphasis'],
      ['Second one.', 'emphasis'],
    ]);
  });

  test('nested wrappers: only the outer one is hoisted', () => {
    const [s] = segmentMarkdown('***Both here.***', 'en').segments;
    expect(s.text).toBe('<1>Both here.</1>');
    expect(s.hoisted).toBeDefined();
  });

  test('images and inline code are standalone codes that keep their content', () => {
    const [s] = segmentMarkdown('See ![the chart](c.png "t") and `npm test` here.', 'en').segments;
    expect(s.text).toBe('See <1/> and <2/> here.');
    expect(s.plain).toBe('See and npm test here.');
    expect(s.runs).toEqual([
      { type: 'text', text: 'See ' },
      { type: 'standalone', id: 1, kind: 'image', text: 'the chart', url: 'c.png' },
      { type: 'text', text: ' and ' },
      { type: 'standalone', id: 2, kind: 'inlineCode', text: 'npm test' },
      { type: 'text', text: ' here.' },
    ]);
  });

  test('reference links resolve to their definitions', () => {
    const [s] = segmentMarkdown('See [the site][ref] now.\n\n[ref]: http://example.org', 'en').segments;
    expect(s.runs[1]).toEqual({ type: 'open', id: 1, kind: 'link', url: 'http://example.org' });
  });

  test('a literal < that would read as a code is escaped', () => {
    const [s] = segmentMarkdown('Type \\<1> or a < b here.', 'en').segments;
    expect(s.plain).toBe('Type <1> or a < b here.');
    expect(s.text).toBe('Type \\<1> or a < b here.');
  });
});

describe('locked segments', () => {
  const lock = (md: string) => segmentMarkdown(md, 'en').segments.map((s) => [s.translatable, s.lockReason]);

  test.each([
    ['example.org', 'site-name'],
    ['Struggle-La-Lucha.org', 'site-name'],
    ['info@example.org', 'email'],
    ['[write to us](mailto:us@example.org)', undefined],
    ['<https://example.org/path>', 'url'],
    ['https://example.org/a?b=c', 'url'],
    ['www.example.org', 'url'],
    ['[English](#) / [Español](#) / [Deutsch](#)', 'language-menu'],
    ['[English](/en) | [Français](/fr)', 'language-menu'],
    ['English / Español / 한국어 / Русский', 'language-menu'],
  ])('%s → %s', (md, reason) => {
    const [s] = segmentMarkdown(md, 'en').segments;
    expect(s.lockReason).toBe(reason);
    expect(s.translatable).toBe(reason === undefined);
  });

  test('lines that merely mention addresses or languages stay translatable', () => {
    expect(lock('Write to info@example.org today.')).toEqual([[true, undefined]]);
    expect(lock('Visit example.org for more.')).toEqual([[true, undefined]]);
    expect(lock('[Liga Comunista / Communist League](#) (Brazil)')).toEqual([[true, undefined]]);
    expect(lock('English / Spanish translation (draft)')).toEqual([[true, undefined]]);
  });

  test('a segment with nothing to translate is not translatable and has no reason', () => {
    const segs = segmentMarkdown('![](x.png)\n\n— / —', 'en').segments;
    expect(segs.map((s) => [s.translatable, s.lockReason])).toEqual([
      [false, undefined],
      [false, undefined],
    ]);
  });
});
