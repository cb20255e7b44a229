import { validateCodedText } from '../segment/codes.js';
import type { HoistedWrapper, SourceRun } from '../segment/types.js';
import { escapeHeadingEnd, escapeLineStart } from './escape.js';
import { renderNodes, runTokens, runTree, SyntaxCursor, type CodeSyntax, type Delimiter } from './renderRuns.js';
import { definitionLine, readSourceSyntax, type BlockSyntax, type SourceSyntax } from './sourceSyntax.js';
import { nodeTokens, parsedTokens, pushBreak } from './tokens.js';

/*
 * The translated statement (api.md "Translated document"; architecture.md "Segmentation"):
 * each block that has a usable translation is rebuilt from its segments and spliced into the
 * source at the block's offsets; everything else — blocks without a translatable segment
 * (the language menu, locked lines), untranslated blocks, definitions, blank lines, container
 * markers — stays byte for byte. Within a block, a line (between hard breaks) with nothing
 * translated is copied from the source too. Every rebuilt block is parsed back and compared
 * with what it should render to; a block that would not (a translation whose emphasis
 * Markdown cannot express next to its punctuation) falls back, segment by segment, to the
 * source, and says so.
 */

/** A segment of the revision being rebuilt, as stored. */
export interface SpliceSegment {
  id: string;
  /** Index into the revision's blocks (`Segment.blockIndex`). */
  blockIndex: number;
  /** The source runs, with the codes' kinds and URLs (`Segment.runs`, stored `source_runs`). */
  runs: readonly SourceRun[];
  translatable: boolean;
  /** The wrapper hoisted out of the segment (stored in `block_data`). */
  wrapper?: HoistedWrapper | null;
  /** A hard break precedes the segment in its block (stored in `block_data`). */
  breakBefore?: boolean;
}

export type FallbackReason =
  | 'untranslated' // no translated or approved text (untranslated, stale)
  | 'invalid-codes' // the text's inline codes do not match this source
  | 'unrenderable' // Markdown cannot express the text's markup where it stands
  | 'unplaced'; // the segment's block is not in the source

export interface Fallback {
  id: string;
  reason: FallbackReason;
}

export interface TranslatedMarkdown {
  markdown: string;
  /** Translatable segments shown in the source language, in document order. */
  fallbacks: Fallback[];
  /** Segments shown translated. */
  translated: number;
}

interface Placed {
  segment: SpliceSegment;
  /** The runs shown: the translation's, or the source's. */
  runs: readonly SourceRun[];
  translated: boolean;
  syntax: CodeSyntax;
}

interface Mode {
  copyLines: boolean;
  delimiter: Delimiter;
}

const MODES: Mode[] = [
  { copyLines: true, delimiter: '*' },
  { copyLines: false, delimiter: '*' },
  { copyLines: true, delimiter: '_' },
  { copyLines: false, delimiter: '_' },
];

/** Container prefixes (`> `, list indentation) after a newline do not change inline parsing. */
const stripPrefixes = (s: string) => s.replace(/\n[ \t>]*/g, '\n');
const trimLine = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');

function groupLines(placed: readonly Placed[]): Placed[][] {
  const groups: Placed[][] = [];
  for (const p of placed) {
    if (groups.length === 0 || p.segment.breakBefore) groups.push([]);
    groups[groups.length - 1].push(p);
  }
  return groups;
}

interface Rendered {
  markdown: string;
  check: string;
  expected: string[];
}

function renderLine(group: readonly Placed[], mode: Mode, expected: string[]): string {
  const parts = group.map((p) => {
    const tree = runTree(p.runs, p.segment.wrapper);
    runTokens(tree, expected);
    return trimLine(renderNodes(tree, p.syntax, mode.delimiter));
  });
  return escapeLineStart(parts.filter((s) => s !== '').join(' '));
}

function renderBlock(source: string, doc: SourceSyntax, bs: BlockSyntax, placed: readonly Placed[], mode: Mode): Rendered {
  const groups = groupLines(placed);
  const lines = mode.copyLines && bs.lines && bs.lines.length === groups.length ? bs.lines : null;
  const out: string[] = [];
  const checks: string[] = [];
  const expected: string[] = [];
  groups.forEach((group, i) => {
    if (i > 0) {
      const sep = lines ? bs.separators[i - 1] : bs.breakSeparator;
      out.push(sep);
      checks.push(stripPrefixes(sep));
      pushBreak(expected);
    }
    let text: string;
    if (lines && !group.some((p) => p.translated)) {
      text = source.slice(lines[i].start, lines[i].end);
      nodeTokens(lines[i].nodes, doc.definitions, expected);
    } else {
      text = renderLine(group, mode, expected);
      if (bs.block.kind.startsWith('heading') && i === groups.length - 1) text = escapeHeadingEnd(text);
      // A pipe in a translated cell would end the cell: GFM's `\|` keeps it text.
      if (bs.block.kind === 'table-cell') text = text.replace(/(?<!\\)\|/g, '\\|');
    }
    out.push(text);
    checks.push(stripPrefixes(text));
  });
  const definitions = [...bs.definitions].map(([label, def]) => definitionLine(label, def));
  // A footnote mark parses as one only when its note is defined: give the check a note.
  for (const s of bs.standalones) if (s.kind === 'footnote') definitions.push(`${s.markdown}: note`);
  const check = definitions.length ? `${checks.join('')}\n\n${definitions.join('\n')}\n` : checks.join('');
  return { markdown: out.join(''), check, expected };
}

function sameTokens(a: readonly string[] | null, b: readonly string[]): boolean {
  return a !== null && a.length === b.length && a.every((t, i) => t === b[i]);
}

/** The first mode whose rendering parses back to what it means, if any. */
function firstFaithful(source: string, doc: SourceSyntax, bs: BlockSyntax, placed: readonly Placed[]): string | null {
  for (const mode of MODES) {
    if (mode.copyLines && !bs.lines) continue;
    const r = renderBlock(source, doc, bs, placed, mode);
    if (sameTokens(parsedTokens(r.check), r.expected)) return r.markdown;
  }
  return null;
}

const toSource = (p: Placed): Placed => ({ ...p, runs: p.segment.runs, translated: false });

/**
 * Rebuilds one block; marks in `fallbacks` the translated segments that had to be shown in
 * the source language. Null when the block stays as it is in the source.
 */
function rebuildBlock(
  source: string,
  doc: SourceSyntax,
  bs: BlockSyntax,
  placed: Placed[],
  fallbacks: Map<string, FallbackReason>,
): string | null {
  const whole = firstFaithful(source, doc, bs, placed);
  if (whole !== null) return whole;
  // Find the segments that cannot be written even on their own, show those in the source.
  const pruned = placed.map((p) => {
    if (!p.translated) return p;
    const alone = firstFaithful(source, doc, bs, [{ ...p, segment: { ...p.segment, breakBefore: false } }]);
    if (alone !== null) return p;
    fallbacks.set(p.segment.id, 'unrenderable');
    return toSource(p);
  });
  if (pruned.some((p) => p.translated)) {
    const rebuilt = firstFaithful(source, doc, bs, pruned);
    if (rebuilt !== null) return rebuilt;
  }
  for (const p of placed) if (p.translated) fallbacks.set(p.segment.id, 'unrenderable');
  return null;
}

/**
 * The source Markdown of a revision with the given translations spliced in. `translations`
 * maps segment ids to translated texts with inline codes (only the usable ones: translated
 * or approved); every other translatable segment falls back to its source and is listed.
 */
export function translatedMarkdown(
  source: string,
  segments: readonly SpliceSegment[],
  translations: ReadonlyMap<string, string>,
): TranslatedMarkdown {
  const fallbacks = new Map<string, FallbackReason>();
  // The translated runs of each segment that has a usable translation (codes checked first:
  // a document with nothing translated is returned without parsing it).
  const shown = new Map<string, SourceRun[]>();
  for (const segment of segments) {
    if (!segment.translatable) continue;
    const text = translations.get(segment.id);
    if (text === undefined || text.trim() === '') {
      fallbacks.set(segment.id, 'untranslated');
      continue;
    }
    const checked = validateCodedText(text, segment.runs);
    if (checked.ok) shown.set(segment.id, checked.runs);
    else fallbacks.set(segment.id, 'invalid-codes');
  }

  const splices: { start: number; end: number; markdown: string }[] = [];
  const doc = shown.size > 0 ? readSourceSyntax(source) : null;
  const byBlock = new Map<number, SpliceSegment[]>();
  for (const s of doc ? segments : []) {
    const list = byBlock.get(s.blockIndex) ?? [];
    list.push(s);
    byBlock.set(s.blockIndex, list);
  }
  for (const [blockIndex, list] of byBlock) {
    if (!doc || !list.some((s) => shown.has(s.id))) continue;
    const bs = doc.blocks[blockIndex] ?? null;
    if (!bs) {
      for (const s of list) if (shown.has(s.id)) fallbacks.set(s.id, 'unplaced');
      continue;
    }
    const cursor = new SyntaxCursor(bs);
    const placed: Placed[] = list.map((segment) => {
      const runs = shown.get(segment.id);
      return { segment, runs: runs ?? segment.runs, translated: runs !== undefined, syntax: cursor.assign(segment.runs, segment.wrapper) };
    });
    const markdown = rebuildBlock(source, doc, bs, placed, fallbacks);
    if (markdown !== null) splices.push({ start: bs.block.start, end: bs.block.end, markdown });
  }

  splices.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of splices) {
    out += source.slice(at, s.start) + s.markdown;
    at = s.end;
  }
  out += source.slice(at);

  const listed: Fallback[] = [];
  for (const s of segments) {
    const reason = fallbacks.get(s.id);
    if (reason) listed.push({ id: s.id, reason });
  }
  const translated = segments.filter((s) => shown.has(s.id) && !fallbacks.has(s.id)).length;
  return { markdown: out, fallbacks: listed, translated };
}
