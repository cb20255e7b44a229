import type { Nodes, Parents, PhrasingContent, Root } from 'mdast';
import { parseBlocks, parseMarkdown } from '../segment/markdown.js';
import type { Block, CodeKind } from '../segment/types.js';
import { linkDestination, linkTitle } from './escape.js';

/*
 * What the Markdown rebuild needs from the source beyond the stored segments: the exact bytes
 * of every inline code (so a link keeps its destination as written, a reference link its
 * label, a code span its fences), and the lines of each block with the bytes between them
 * (hard breaks with their container prefix, `> ` or indentation). Read by re-parsing the
 * source revision with the same parser the segmenter uses: parsing is deterministic (no ICU),
 * so block indexes agree with the stored segments' `blockIndex`.
 */

export interface LinkSyntax {
  url: string;
  title: string | null;
  /** What follows the link text: `](url "title")`, `][label]`; for an autolink `>`. */
  tail: string;
  /** Set for `<https://…>` autolinks: the text between the angle brackets. */
  autolink?: string;
  /** A GFM literal autolink (`www.example.org`, `info@example.org` written bare): no brackets. */
  literal?: boolean;
}

export interface StandaloneSyntax {
  kind: CodeKind;
  /** The source bytes: `` `code` ``, `![alt](src)`, `<span>`. */
  markdown: string;
}

/** A line of a block: the source between hard breaks. */
export interface LineRange {
  start: number;
  end: number;
  /** The source's inline nodes on the line (to know what it renders to). */
  nodes: PhrasingContent[];
}

export interface BlockSyntax {
  block: Block;
  links: LinkSyntax[];
  standalones: StandaloneSyntax[];
  /**
   * The block's lines that have content, when every hard break is a direct child of the block
   * (no wrapper spans two lines), so each line can be copied on its own; otherwise null.
   */
  lines: LineRange[] | null;
  /** The bytes between consecutive `lines` (break, newline, container prefix). */
  separators: string[];
  /** A hard break with the block's line prefix, for blocks whose lines cannot be told apart. */
  breakSeparator: string;
  /** The definitions the block's reference links use, as definition lines. */
  definitions: Map<string, { url: string; title: string | null }>;
  /** The inline nodes of the whole block (for the verbatim case). */
  nodes: PhrasingContent[];
}

export interface SourceSyntax {
  /** Indexed like `parseBlocks` / the segments' `blockIndex`; null for blocks copied as they are. */
  blocks: (BlockSyntax | null)[];
  /** Every definition of the document, by normalised identifier (first one wins). */
  definitions: Map<string, { url: string; title: string | null; label: string }>;
}

type Range = [number, number];

function rangeOf(node: Nodes): Range {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

function collectDefinitions(node: Nodes, into: SourceSyntax['definitions']): void {
  if (node.type === 'definition') {
    if (!into.has(node.identifier)) into.set(node.identifier, { url: node.url, title: node.title ?? null, label: node.label ?? node.identifier });
    return;
  }
  if ('children' in node) for (const child of node.children) collectDefinitions(child as Nodes, into);
}

/** Paragraphs and headings by the range of their children (which is the block's range). */
function collectInlineParents(node: Nodes, into: Map<string, Parents>): void {
  if ((node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') && node.children.length > 0) {
    const start = rangeOf(node.children[0])[0];
    const end = rangeOf(node.children[node.children.length - 1])[1];
    into.set(`${start}:${end}`, node);
    return;
  }
  if ('children' in node) for (const child of node.children) collectInlineParents(child as Nodes, into);
}

function hasContent(node: Nodes): boolean {
  if (node.type === 'text') return node.value.trim() !== '';
  if (node.type === 'break') return false;
  if ('children' in node) return (node.children as Nodes[]).some(hasContent);
  return true;
}

export function definitionLine(label: string, def: { url: string; title: string | null }): string {
  return `[${label}]: ${linkDestination(def.url)}${def.title ? ` ${linkTitle(def.title)}` : ''}`;
}

class BlockReader {
  readonly links: LinkSyntax[] = [];
  readonly standalones: StandaloneSyntax[] = [];
  readonly definitions = new Map<string, { url: string; title: string | null }>();
  breakSeparator = '';

  constructor(
    private readonly source: string,
    private readonly docDefinitions: SourceSyntax['definitions'],
  ) {}

  read(nodes: readonly PhrasingContent[]): void {
    nodes.forEach((node, i) => this.node(node, nodes[i + 1]));
  }

  private node(node: PhrasingContent, next: PhrasingContent | undefined): void {
    const [start, end] = rangeOf(node);
    switch (node.type) {
      case 'link': {
        const textEnd = node.children.length ? rangeOf(node.children[node.children.length - 1])[1] : start + 1;
        const isAutolink = this.source[start] === '<';
        // A literal autolink's text is the whole node: no `[`, no tail.
        const isLiteral = !isAutolink && this.source[start] !== '[';
        this.links.push({
          url: node.url,
          title: node.title ?? null,
          tail: isAutolink ? '>' : isLiteral ? '' : this.source.slice(textEnd, end),
          ...(isAutolink ? { autolink: this.source.slice(start + 1, end - 1) } : {}),
          ...(isLiteral ? { autolink: this.source.slice(start, end), literal: true } : {}),
        });
        break;
      }
      case 'linkReference': {
        const def = this.docDefinitions.get(node.identifier);
        const textEnd = node.children.length ? rangeOf(node.children[node.children.length - 1])[1] : start + 1;
        // A collapsed or shortcut reference is labelled by its text: once the text is
        // translated, the label has to be written out.
        const label = node.label ?? node.identifier;
        const tail = node.referenceType === 'full' ? this.source.slice(textEnd, end) : `][${label}]`;
        this.links.push({ url: def?.url ?? '', title: def?.title ?? null, tail });
        if (def) this.definitions.set(label, { url: def.url, title: def.title });
        break;
      }
      case 'inlineCode':
        this.standalones.push({ kind: 'inlineCode', markdown: this.source.slice(start, end) });
        return;
      case 'image':
      case 'imageReference':
        this.standalones.push({ kind: 'image', markdown: this.source.slice(start, end) });
        if (node.type === 'imageReference') {
          const def = this.docDefinitions.get(node.identifier);
          if (def) this.definitions.set(node.label ?? node.identifier, { url: def.url, title: def.title });
        }
        return;
      case 'html':
        this.standalones.push({ kind: 'html', markdown: this.source.slice(start, end) });
        return;
      case 'footnoteReference':
        this.standalones.push({ kind: 'footnote', markdown: this.source.slice(start, end) });
        return;
      case 'break':
        if (!this.breakSeparator) this.breakSeparator = this.source.slice(start, next ? rangeOf(next)[0] : end);
        return;
    }
    if ('children' in node) this.read(node.children as PhrasingContent[]);
  }
}

function linesOf(source: string, nodes: readonly PhrasingContent[]): { lines: LineRange[] | null; separators: string[] } {
  const hasNestedBreak = (n: Nodes): boolean => 'children' in n && (n.children as Nodes[]).some((c) => c.type === 'break' || hasNestedBreak(c));
  if (nodes.some(hasNestedBreak)) return { lines: null, separators: [] };
  const groups: PhrasingContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'break') groups.push([]);
    else groups[groups.length - 1].push(node);
  }
  const lines: LineRange[] = [];
  for (const group of groups) {
    if (!group.some(hasContent)) continue;
    lines.push({ start: rangeOf(group[0])[0], end: rangeOf(group[group.length - 1])[1], nodes: group });
  }
  const separators = lines.slice(1).map((line, i) => source.slice(lines[i].end, line.start));
  return { lines, separators };
}

/** The source revision's inline syntax, block by block. */
export function readSourceSyntax(source: string): SourceSyntax {
  const tree: Root = parseMarkdown(source);
  const definitions: SourceSyntax['definitions'] = new Map();
  collectDefinitions(tree, definitions);
  const parents = new Map<string, Parents>();
  collectInlineParents(tree, parents);
  const blocks = parseBlocks(source).map(({ block, tokens }): BlockSyntax | null => {
    if (!tokens) return null;
    const parent = parents.get(`${block.start}:${block.end}`);
    if (!parent) return null;
    const nodes = parent.children as PhrasingContent[];
    const reader = new BlockReader(source, definitions);
    reader.read(nodes);
    const { lines, separators } = linesOf(source, nodes);
    return {
      block,
      links: reader.links,
      standalones: reader.standalones,
      lines,
      separators,
      breakSeparator: reader.breakSeparator || '\\\n',
      definitions: reader.definitions,
      nodes,
    };
  });
  return { blocks, definitions };
}
