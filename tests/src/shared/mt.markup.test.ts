import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { codesToText, markupToCoded, markupToPlain, placeCodesByPosition, runsToMarkup, runsToPlain, segmentMarkdown, validateCodedText, type SourceRun } from '@lockstep/shared';

/** A segment's runs as the segmenter makes them. */
function runsOf(markdown: string): SourceRun[] {
  return segmentMarkdown(markdown, 'en').segments[0].runs;
}

describe('codes through an engine that keeps tags', () => {
  const runs = runsOf('Read the [full statement](https://example.org) before you **sign** it, `npm ci` & 3 < 4.');

  test('the segment goes out as XML: paired codes as <g>, standalone ones as <x/>, text escaped', () => {
    expect(runsToMarkup(runs)).toBe('Read the <g id="1">full statement</g> before you <g id="2">sign</g> it, <x id="3"/> &amp; 3 &lt; 4.');
  });

  test('an answer with the tags moved comes back as text with the same codes, entities resolved', () => {
    const answer = 'Lea la <g id="1">declaración completa</g> antes de <g id=\'2\'>firmarla</g>,  <x id="3"/> &amp; 3 &lt; 4 &#233;.';
    expect(markupToCoded(answer, runs)).toBe('Lea la <1>declaración completa</1> antes de <2>firmarla</2>, <3/> & 3 < 4 é.');
  });

  test('a literal text that would read as a code is escaped on the way back', () => {
    const plain = runsOf('Write 1 and 2.');
    expect(markupToCoded('Escriba &lt;1&gt; y 2.', plain)).toBe('Escriba \\<1> y 2.');
  });

  test.each([
    ['a code lost', 'Lea la declaración completa antes de <g id="2">firmarla</g>, <x id="3"/>.'],
    ['a code twice', 'Lea <g id="1">la</g> <g id="1">declaración</g> <g id="2">firmarla</g> <x id="3"/>.'],
    ['a code invented', 'Lea <g id="1">la</g> <g id="2">x</g> <x id="3"/> <x id="9"/>.'],
    ['a paired code made standalone', 'Lea <x id="1"/> <g id="2">x</g> <x id="3"/>.'],
    ['a tag left open', 'Lea <g id="1">la <g id="2">x</g> <x id="3"/>.'],
    ['a closing tag too many', 'Lea <g id="1">la</g></g> <g id="2">x</g> <x id="3"/>.'],
    ['a tag of the engine’s own', 'Lea <b>la</b> <g id="1">y</g> <g id="2">x</g> <x id="3"/>.'],
  ])('%s → refused, so codes are placed by position instead', (_what, answer) => {
    expect(markupToCoded(answer, runs)).toBeNull();
  });

  test('the words of a refused answer, tags dropped', () => {
    expect(markupToPlain('Lea la declaración <b>completa</b> antes de <g id="2">firmarla</g> &amp; ya.')).toBe('Lea la declaración completa antes de firmarla & ya.');
  });
});

describe('codes placed by position', () => {
  test('each code at the same relative place, snapped to word edges, in the source order', () => {
    const runs = runsOf('Read the [full statement](https://example.org) before you **sign** it.');
    expect(runsToPlain(runs)).toBe('Read the full statement before you sign it.');
    expect(placeCodesByPosition(runs, 'Lea la declaración completa antes de firmarla.')).toBe('Lea la <1>declaración completa</1> antes de <2>firmarla.</2>');
  });

  test('a segment that is one link keeps the whole translation inside it', () => {
    const runs: SourceRun[] = [{ type: 'text', text: 'See ' }, { type: 'open', id: 1, kind: 'link', url: 'u' }, { type: 'text', text: 'here' }, { type: 'close', id: 1 }];
    expect(placeCodesByPosition(runs, 'Vea aquí')).toBe('Vea <1>aquí</1>');
  });

  const word = fc.stringMatching(/^[a-zéñ<>\\]{1,8}$/);
  const sentence = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
  const markdownWithCodes = fc
    .array(fc.tuple(word, fc.constantFrom('**', '*', '[', '`', '![i](x)', '')), { minLength: 1, maxLength: 10 })
    .map((parts) =>
      parts
        .map(([w, code]) => (code === '[' ? `[${w}](https://e.org)` : code === '![i](x)' ? `${w} ${code}` : code ? `${code}${w}${code}` : w))
        .join(' '),
    );

  test('whatever the translation, every source code is placed exactly once, validly nested (property)', () => {
    fc.assert(
      fc.property(markdownWithCodes, sentence, (md, translation) => {
        const segments = segmentMarkdown(`Start ${md} end.`, 'en').segments;
        for (const seg of segments) {
          const placed = placeCodesByPosition(seg.runs, translation);
          expect(validateCodedText(placed, seg.runs).ok).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('markup out and back is the segment itself when the engine changes nothing (property)', () => {
    fc.assert(
      fc.property(markdownWithCodes, (md) => {
        for (const seg of segmentMarkdown(`${md} end.`, 'en').segments) {
          expect(markupToCoded(runsToMarkup(seg.runs), seg.runs)).toBe(codesToText(seg.runs));
        }
      }),
      { numRuns: 300 },
    );
  });
});
