import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Nodes, Parents, PhrasingContent, Root } from 'mdast';
import { placedBlocks, plainBlock, plainStretches } from './plainParagraphs.js';
import type { Block, BlockKind, CodeKind } from './types.js';

/** A wrapper code (emphasis, link…) as found in the source; one object per source node. */
export interface Wrapper {
  kind: CodeKind;
  url?: string;
  title?: string;
}

/** A standalone code's content, numbered later per segment. */
export interface StandaloneCode {
  kind: CodeKind;
  text?: string;
  url?: string;
}

/**
 * A block's inline content, flattened. `width` 1 codes (inline code, image) stand for a word
 * in the sentence splitter's text; width 0 codes (inline HTML, footnote marks) take no room.
 */
export type Token =
  | { t: 'text'; text: string }
  | { t: 'open'; w: Wrapper }
  | { t: 'close'; w: Wrapper }
  | { t: 'code'; code: StandaloneCode; width: 0 | 1 }
  | { t: 'break' };

export interface ParsedBlock {
  block: Block;
  /** Null for blocks that are copied as they are (code, HTML, thematic breaks). */
  tokens: Token[] | null;
}

type Container = 'paragraph' | 'list-item' | 'blockquote';
interface Definition {
  url: string;
  title?: string;
}

function offsets(node: Nodes): [number, number] | null {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? null : [s, e];
}

class BlockCollector {
  readonly blocks: ParsedBlock[] = [];
  constructor(
    private readonly source: string,
    private readonly definitions: Map<string, Definition>,
  ) {}

  walk(node: Nodes, container: Container): void {
    switch (node.type) {
      case 'paragraph':
        return this.inlineBlock(container, node.children, node);
      case 'heading':
        return this.inlineBlock(`heading${node.depth}` as BlockKind, node.children, node);
      case 'listItem':
        return this.walkChildren(node, 'list-item');
      case 'blockquote':
        return this.walkChildren(node, 'blockquote');
      case 'table':
        for (const row of node.children) for (const cell of row.children) this.inlineBlock('table-cell', cell.children, cell);
        return;
      case 'code':
        return this.rawBlock('code', node);
      case 'html':
        return this.rawBlock('html', node);
      case 'thematicBreak':
        return this.rawBlock('thematic-break', node);
      case 'definition':
      case 'yaml':
        return; // left in place by splicing; nothing to translate
      default:
        if ('children' in node) this.walkChildren(node, container);
    }
  }

  private walkChildren(node: Parents, container: Container): void {
    for (const child of node.children) this.walk(child as Nodes, container);
  }

  private push(kind: BlockKind, start: number, end: number, tokens: Token[] | null): void {
    const block: Block = { index: this.blocks.length, kind, start, end, markdown: this.source.slice(start, end) };
    this.blocks.push({ block, tokens });
  }

  private rawBlock(kind: BlockKind, node: Nodes): void {
    const range = offsets(node);
    if (range) this.push(kind, range[0], range[1], null);
  }

  private inlineBlock(kind: BlockKind, children: PhrasingContent[], parent: Nodes): void {
    if (children.length === 0) return;
    // Headings: the text after `#` (and before a closing `#` run) is what a translation replaces.
    const first = offsets(children[0]);
    const last = offsets(children[children.length - 1]);
    const range = first && last ? ([first[0], last[1]] as const) : offsets(parent);
    if (!range) return;
    const tokens: Token[] = [];
    for (const child of children) this.inline(child, tokens);
    this.push(kind, range[0], range[1], tokens);
  }

  private wrap(w: Wrapper, children: PhrasingContent[], out: Token[]): void {
    out.push({ t: 'open', w });
    for (const child of children) this.inline(child, out);
    out.push({ t: 'close', w });
  }

  private inline(node: PhrasingContent | Nodes, out: Token[]): void {
    switch (node.type) {
      case 'text':
        out.push({ t: 'text', text: node.value });
        return;
      case 'break':
        out.push({ t: 'break' });
        return;
      case 'emphasis':
      case 'strong':
      case 'delete':
        return this.wrap({ kind: node.type }, node.children, out);
      case 'link':
        return this.wrap(link(node.url, node.title), node.children, out);
      case 'linkReference': {
        const def = this.definitions.get(node.identifier);
        return this.wrap(link(def?.url ?? '', def?.title), node.children, out);
      }
      case 'inlineCode':
        out.push({ t: 'code', code: { kind: 'inlineCode', text: node.value }, width: 1 });
        return;
      case 'image':
        out.push({ t: 'code', code: { kind: 'image', text: node.alt ?? '', url: node.url }, width: 1 });
        return;
      case 'imageReference': {
        const url = this.definitions.get(node.identifier)?.url ?? '';
        out.push({ t: 'code', code: { kind: 'image', text: node.alt ?? '', url }, width: 1 });
        return;
      }
      case 'html':
        out.push({ t: 'code', code: { kind: 'html', text: node.value }, width: 0 });
        return;
      case 'footnoteReference':
        out.push({ t: 'code', code: { kind: 'footnote', text: node.identifier }, width: 0 });
        return;
      default:
        if ('children' in node) for (const child of node.children) this.inline(child as Nodes, out);
        else if ('value' in node && typeof node.value === 'string') out.push({ t: 'text', text: node.value });
    }
  }
}

function link(url: string, title: string | null | undefined): Wrapper {
  return title ? { kind: 'link', url, title } : { kind: 'link', url };
}

function collectDefinitions(node: Nodes, into: Map<string, Definition>): void {
  if (node.type === 'definition') {
    // CommonMark: the first definition of a label wins.
    if (!into.has(node.identifier)) into.set(node.identifier, node.title ? { url: node.url, title: node.title } : { url: node.url });
    return;
  }
  if ('children' in node) for (const child of node.children) collectDefinitions(child as Nodes, into);
}

/**
 * The autolink-literal tree transform finds the addresses micromark leaves as text (`[me@x.org`)
 * and makes link nodes without source positions, which splicing needs: only the links micromark
 * found (with positions) are taken.
 */
function autolinksWithPositions() {
  return { ...gfmAutolinkLiteralFromMarkdown(), transforms: [] };
}

/**
 * Each GFM construct needs its own character (a table a pipe, a footnote `[^`, a strike `~`, a
 * literal autolink `www.`, `://` or `@`), so its extension is only switched on for a text that
 * has it: the result is the same, and text without them parses at CommonMark speed
 * (the autolink-literal extension alone made parsing ~1.6x slower).
 */
const GFM_PARTS = [
  { needs: /\|/, syntax: gfmTable, mdast: gfmTableFromMarkdown },
  { needs: /~/, syntax: gfmStrikethrough, mdast: gfmStrikethroughFromMarkdown },
  { needs: /www\.|:\/\/|@/i, syntax: gfmAutolinkLiteral, mdast: autolinksWithPositions },
  { needs: /\[\^/, syntax: gfmFootnote, mdast: gfmFootnoteFromMarkdown },
] as const;
const gfmOptions = new Map<number, NonNullable<Parameters<typeof fromMarkdown>[1]>>();

/**
 * CommonMark plus the GFM constructs statements use: pipe tables, `~~strikethrough~~`, bare
 * `www.`/`https://`/e-mail autolinks and footnotes. Every reader of a statement (segmenter,
 * Markdown rebuild and its check) parses with this, so block indexes agree.
 */
export function parseMarkdown(markdown: string): Root {
  let mask = 0;
  GFM_PARTS.forEach((part, i) => {
    if (part.needs.test(markdown)) mask |= 1 << i;
  });
  if (mask === 0) return fromMarkdown(markdown);
  let options = gfmOptions.get(mask);
  if (!options) {
    const parts = GFM_PARTS.filter((_, i) => mask & (1 << i));
    options = { extensions: parts.map((p) => p.syntax()), mdastExtensions: parts.map((p) => p.mdast()) };
    gfmOptions.set(mask, options);
  }
  return fromMarkdown(markdown, options);
}

/**
 * Markdown → blocks in document order, each with its inline content flattened to tokens.
 * Plain paragraphs are taken as they are and only the stretches between them are parsed
 * (plainParagraphs.ts): the same blocks, at a fraction of the parsing.
 */
export function parseBlocks(markdown: string): ParsedBlock[] {
  const stretches = plainStretches(markdown);
  if (!stretches) return parseWhole(markdown);
  const out: ParsedBlock[] = [];
  for (const s of stretches) {
    if (s.plain) out.push(plainBlock(markdown, s, out.length));
    else out.push(...placedBlocks(parseWhole(markdown.slice(s.start, s.end)), s, out.length));
  }
  return out;
}

/** `parseBlocks` by the parser alone, for every paragraph: what the plain-paragraph path is checked against. */
export function parseWhole(markdown: string): ParsedBlock[] {
  const tree: Root = parseMarkdown(markdown);
  const definitions = new Map<string, Definition>();
  collectDefinitions(tree, definitions);
  const collector = new BlockCollector(markdown, definitions);
  collector.walk(tree, 'paragraph');
  return collector.blocks;
}
