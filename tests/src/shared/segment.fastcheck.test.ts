import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import type { Nodes, PhrasingContent } from 'mdast';
import { codesToText, LANGUAGE_CODES, parseCodedText, parseMarkdown, segmentMarkdown, type LanguageCode } from '@lockstep/shared';

/*
 * Property-based tests of the segmenter (fast-check; a failure prints the seed and the
 * shrunk counterexample). Inputs are Markdown-ish strings: Markdown syntax shuffled with words
 * in every script the statement meets, sentence terminators of those scripts, and arbitrary
 * code points (astral and control characters included).
 *
 * The oracle is computed here from the mdast tree, independently of the segmenter's own block
 * collector: what a reader sees of a paragraph, heading or list/quote paragraph is its text
 * nodes plus the content of its inline code spans (images, raw HTML and link URLs are codes,
 * not text). The segments of that block, concatenated, must reproduce exactly that — modulo
 * whitespace, because segments are trimmed and runs of whitespace collapsed (`String.trim`
 * also takes Unicode spaces such as NBSP off a segment's edges).
 */

const WORDS = [
  'The quick brown fox',
  'Dr. Smith met Mrs. Jones',
  'U.S. and e.g. abbreviations',
  'Ελληνικά κείμενα; ερώτηση',
  'Русский текст и ёлка',
  'हिंदी पाठ क्षत्रिय',
  '한국어 텍스트 입니다',
  'النص العربي',
  'טקסט בעברית',
  '中文文本。日本語のテキスト',
  'Tagalog ng mga salita',
  'Français « guillemets »',
  'Português ação',
  '😀 👩‍💻 🇪🇸 𝄞 𠜎',
  'C:\\dir\\file',
  '<1> </2> <3/> \\<4>',
  '1. 2) 3.14 10:30',
];
const SYNTAX = [
  ' ', ' ', ' ', '\n', '\n\n', '  \n', '\\\n', '\t', '\r\n',
  '. ', '? ', '! ', '… ', '। ', '。', '; ', '."', '.) ', '?!',
  '*', '**', '_', '__', '~~', '`', '``', '[', ']', '](http://x.org/a_b)', '](<a b> "t")', '![alt. text](i.png)',
  '# ', '## ', '###### ', '- ', '* ', '1. ', '> ', '>> ', '    ', '```\n', '---\n', '***',
  '<b>', '</b>', '<br>', '<!-- c -->', '&amp;', '&nbsp;', '&#x1F600;', '\\*', '\\<',
  '[ref]', '\n\n[ref]: http://r.org "T"\n', 'http://auto.link/x.', '<http://a.b>', 'me@example.org',
  '|', '| a | b |\n|---|---|\n', '\u00A0', '\u200B', '\u2028', '\uFEFF',
];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SYNTAX) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);
const markdownish = fc.array(piece, { maxLength: 80, size: 'medium' }).map((parts) => parts.join(''));
const lang = fc.constantFrom<LanguageCode>(...LANGUAGE_CODES);

/** What a reader sees of a phrasing subtree. */
function visibleText(nodes: readonly PhrasingContent[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') out += n.value;
    else if (n.type === 'break') out += '\n';
    else if ('children' in n) out += visibleText(n.children as PhrasingContent[]);
  }
  return out;
}

/** Inline-content blocks of the tree, keyed by the start offset of their first child. */
function textBlocks(markdown: string): Map<number, string> {
  const found = new Map<number, string>();
  const walk = (node: Nodes) => {
    if ((node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') && node.children.length > 0) {
      found.set(node.children[0].position!.start.offset!, visibleText(node.children));
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(parseMarkdown(markdown));
  return found;
}

const squeeze = (s: string) => s.replace(/\s+/gu, '');

const RUNS = 500;

describe('the segmenter, on arbitrary Markdown-ish input in every script', () => {
  test('never throws, and numbers segments and blocks in document order', () => {
    fc.assert(
      fc.property(markdownish, lang, (md, l) => {
        const doc = segmentMarkdown(md, l);
        doc.segments.forEach((s, i) => {
          expect(s.index).toBe(i);
          expect(s.blockIndex).toBeGreaterThanOrEqual(i > 0 ? doc.segments[i - 1].blockIndex : 0);
          expect(doc.blocks[s.blockIndex]).toBeDefined();
        });
        doc.blocks.forEach((b, i) => {
          expect(b.index).toBe(i);
          expect(md.slice(b.start, b.end)).toBe(b.markdown);
        });
      }),
      { numRuns: RUNS },
    );
  });

  test("each block's segments, concatenated, reproduce the block's visible text modulo whitespace", () => {
    let compared = 0;
    let multiSegment = 0;
    fc.assert(
      fc.property(markdownish, lang, (md, l) => {
        const doc = segmentMarkdown(md, l);
        const expected = textBlocks(md);
        const got = new Map<number, string>();
        for (const s of doc.segments) {
          const start = doc.blocks[s.blockIndex].start;
          got.set(start, (got.get(start) ?? '') + s.plain);
        }
        compared += got.size;
        multiSegment += got.size < doc.segments.length ? 1 : 0;
        for (const [start, text] of got) expect({ start, text: squeeze(text) }).toEqual({ start, text: squeeze(expected.get(start) ?? '(no such block)') });
        // And no block with visible text was dropped.
        for (const [start, text] of expected) if (squeeze(text)) expect({ start, present: got.has(start) }).toEqual({ start, present: true });
      }),
      { numRuns: RUNS },
    );
    // The inputs really exercise it: many blocks, and blocks cut into several sentences.
    console.log(`segmenter: ${compared} blocks compared, ${multiSegment} inputs with a block cut into several segments`);
    expect(compared).toBeGreaterThan(RUNS);
    expect(multiSegment).toBeGreaterThan(RUNS / 4);
  });

  test('no segment is empty, and every text and plain are whitespace-trimmed with collapsed runs', () => {
    fc.assert(
      fc.property(markdownish, lang, (md, l) => {
        for (const s of segmentMarkdown(md, l).segments) {
          expect(s.runs.length).toBeGreaterThan(0);
          expect(s.plain).toBe(s.plain.trim());
          expect(s.plain).not.toMatch(/[ \t\n\v\f\r]{2}|[\t\n\v\f\r]/);
          expect(s.words).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('segment texts are valid coded text: codes balanced, numbered from 1, and runs round-trip', () => {
    fc.assert(
      fc.property(markdownish, lang, (md, l) => {
        for (const s of segmentMarkdown(md, l).segments) {
          expect(codesToText(s.runs)).toBe(s.text);
          const parsed = parseCodedText(s.text);
          expect(parsed.ok).toBe(true);
          const ids = s.runs.flatMap((r) => (r.type === 'open' || r.type === 'standalone' ? [r.id] : []));
          expect(ids).toEqual(ids.map((_, i) => i + 1));
          // Text runs, read back from the coded text, are the segment's own text runs.
          const texts = (runs: readonly { type: string; text?: string }[]) => runs.filter((r) => r.type === 'text').map((r) => r.text).join('');
          expect(texts(parsed.runs)).toBe(texts(s.runs));
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('is deterministic and does not depend on a previous call', () => {
    fc.assert(
      fc.property(markdownish, markdownish, lang, (a, b, l) => {
        const first = segmentMarkdown(a, l);
        segmentMarkdown(b, l);
        expect(segmentMarkdown(a, l)).toEqual(first);
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });
});
