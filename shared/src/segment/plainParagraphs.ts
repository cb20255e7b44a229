import type { Block } from './types.js';

/**
 * Prose is mostly paragraphs of plain text, and for those the Markdown parser (micromark, then
 * the syntax tree) is most of a revision's alignment: 10,000 sentences took ~90% of the
 * aligner's time in parsing. A paragraph made of plain words only parses to itself, so
 * `parseBlocks` takes such paragraphs as they are and hands the parser only the stretches
 * between them, each on its own, with the blocks' offsets and indexes moved back into place.
 * The result is the same as parsing the whole text (tests/src/shared/plainParagraphs.test.ts
 * compares both on the fixtures and on generated Markdown).
 *
 * "Plain": every line starts with a letter or digit (no block marker, no indentation, not
 * an ordered list's `1.`), ends without whitespace (no hard break), and holds no character
 * that inline syntax reads (`\ ` * _ [ ] < > & ~ | !`, nor an address `@`, `://`, `www.`
 * that GFM links). Such a paragraph, after a blank line, starts a block of its own and ends
 * at the next blank line, whatever comes around it, except inside a fenced code block or an
 * HTML block that runs across blank lines, and link or footnote definitions reach across
 * the whole text: a text with any of those (or a byte order mark) is parsed whole.
 */
const INLINE_SYNTAX = /[\\`*_[\]<>&~|!@\t\r\0]|:\/\/|www\./i;
const LINE_START = /^[\p{L}\p{N}]/u;
const ORDERED_MARKER = /^\d{1,9}[.)](?:[ \t]|$)/;
// A byte order mark too: the parser drops one at the start of its text, so a stretch that began
// with one would lose it.
const WHOLE_TEXT_ONLY = /```|~~~|\]:|\[\^|<!|<\?|<(?:script|pre|style|textarea)|\uFEFF/i;

function isPlainParagraph(chunk: string): boolean {
  if (INLINE_SYNTAX.test(chunk)) return false;
  for (const line of chunk.split('\n')) {
    if (!LINE_START.test(line) || ORDERED_MARKER.test(line) || /\s$/.test(line)) return false;
  }
  return true;
}

/** A stretch of the text: a plain paragraph, or what lies between them (parsed). */
export type Stretch = { plain: boolean; start: number; end: number };

/**
 * The text cut at its blank lines into plain paragraphs and the stretches between them, or
 * null when it must be parsed whole (or has no plain paragraph to gain from).
 */
export function plainStretches(markdown: string): Stretch[] | null {
  if (WHOLE_TEXT_ONLY.test(markdown)) return null;
  const out: Stretch[] = [];
  let any = false;
  let at = 0;
  while (at < markdown.length) {
    const blank = markdown.indexOf('\n\n', at);
    const end = blank < 0 ? markdown.length : blank;
    // A chunk is what lies between two empty lines (or the ends of the text).
    if (end > at) {
      const chunkEnd = markdown[end - 1] === '\n' ? end - 1 : end;
      const plain = chunkEnd > at && isPlainParagraph(markdown.slice(at, chunkEnd));
      any ||= plain;
      const last = out[out.length - 1];
      if (!plain && last && !last.plain) last.end = chunkEnd;
      else out.push({ plain, start: at, end: chunkEnd });
    }
    if (blank < 0) break;
    at = blank + 1;
    while (markdown[at] === '\n') at++;
  }
  return any ? out : null;
}

/** A plain paragraph's block: its text is its one token. */
export function plainBlock(markdown: string, s: Stretch, index: number): { block: Block; tokens: { t: 'text'; text: string }[] } {
  const text = markdown.slice(s.start, s.end);
  const block: Block = { index, kind: 'paragraph', start: s.start, end: s.end, markdown: text };
  return { block, tokens: [{ t: 'text', text }] };
}

/** The blocks of a stretch parsed on its own, moved to where the stretch sits in the whole text. */
export function placedBlocks<T extends { block: Block }>(parsed: readonly T[], s: Stretch, firstIndex: number): T[] {
  return parsed.map((p, k) => ({ ...p, block: { ...p.block, index: firstIndex + k, start: p.block.start + s.start, end: p.block.end + s.start } }));
}
