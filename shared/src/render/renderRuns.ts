import type { CodeKind, HoistedWrapper, SourceRun } from '../segment/types.js';
import { codeSpan, escapeText, linkDestination, linkTitle } from './escape.js';
import type { BlockSyntax, LinkSyntax, StandaloneSyntax } from './sourceSyntax.js';
import { pushText } from './tokens.js';

/** A segment's runs as a tree: wrappers hold their content. Id 0 is the hoisted wrapper. */
export type RunNode =
  | { t: 'text'; text: string }
  | { t: 'code'; id: number; kind: CodeKind; text?: string; url?: string }
  | { t: 'wrap'; id: number; kind: CodeKind; url?: string; title?: string; children: RunNode[] };

export type CodeSyntax = Map<number, LinkSyntax | StandaloneSyntax | undefined>;
export type Delimiter = '*' | '_';

const EMPHASIS_LIKE: ReadonlySet<CodeKind> = new Set(['emphasis', 'strong', 'delete']);
const HOISTED_ID = 0;

export function runTree(runs: readonly SourceRun[], wrapper?: HoistedWrapper | null): RunNode[] {
  const root: RunNode[] = [];
  const stack: RunNode[][] = [root];
  for (const run of runs) {
    const top = stack[stack.length - 1];
    if (run.type === 'text') top.push({ t: 'text', text: run.text });
    else if (run.type === 'standalone') top.push({ t: 'code', id: run.id, kind: run.kind, text: run.text, url: run.url });
    else if (run.type === 'open') {
      const node: RunNode = { t: 'wrap', id: run.id, kind: run.kind, url: run.url, title: run.title, children: [] };
      top.push(node);
      stack.push(node.children);
    } else if (stack.length > 1) stack.pop();
  }
  if (!wrapper) return root;
  return [{ t: 'wrap', id: HOISTED_ID, kind: wrapper.kind, url: wrapper.url, title: wrapper.title, children: root }];
}

/**
 * Hands out the source's code syntax to a block's segments in document order. Standalone
 * codes (code spans, images, inline HTML) pair one to one with the source's in order. Links
 * pair by URL and title: a link split over two sentences reappears in both, and any source
 * link with the same URL and title renders the same.
 */
export class SyntaxCursor {
  private nextLink = 0;
  private nextStandalone = 0;
  constructor(private readonly syntax: BlockSyntax) {}

  assign(runs: readonly SourceRun[], wrapper?: HoistedWrapper | null): CodeSyntax {
    const out: CodeSyntax = new Map();
    if (wrapper?.kind === 'link') out.set(HOISTED_ID, this.link(wrapper.url ?? '', wrapper.title));
    for (const run of runs) {
      if (run.type === 'open' && run.kind === 'link') out.set(run.id, this.link(run.url ?? '', run.title));
      else if (run.type === 'standalone') {
        const s = this.syntax.standalones[this.nextStandalone++];
        out.set(run.id, s && s.kind === run.kind ? s : undefined);
      }
    }
    return out;
  }

  private link(url: string, title: string | undefined): LinkSyntax | undefined {
    const same = (l: LinkSyntax) => l.url === url && (l.title ?? '') === (title ?? '');
    const links = this.syntax.links;
    for (let i = this.nextLink; i < links.length; i++) {
      if (same(links[i])) {
        this.nextLink = i + 1;
        return links[i];
      }
    }
    return links.find(same);
  }
}

/** True when the nodes render nothing but whitespace (an emphasis around nothing is dropped). */
function isBlank(nodes: readonly RunNode[]): boolean {
  return nodes.every((n) => (n.t === 'text' ? n.text.trim() === '' : n.t === 'wrap' && EMPHASIS_LIKE.has(n.kind) && isBlank(n.children)));
}

function endsWithUnescapedBang(s: string): boolean {
  if (!s.endsWith('!')) return false;
  let slashes = 0;
  for (let i = s.length - 2; i >= 0 && s[i] === '\\'; i--) slashes++;
  return slashes % 2 === 0;
}

function standaloneMarkdown(node: Extract<RunNode, { t: 'code' }>, syntax: CodeSyntax): string {
  const s = syntax.get(node.id);
  if (s && 'markdown' in s) return s.markdown;
  switch (node.kind) {
    case 'inlineCode':
      return codeSpan(node.text ?? '');
    case 'image':
      return `![${escapeText(node.text ?? '')}](${linkDestination(node.url ?? '')})`;
    case 'footnote':
      return `[^${node.text ?? ''}]`;
    default:
      return node.text ?? '';
  }
}

/** Runs → Markdown, every code in the source's syntax, text escaped. */
export function renderNodes(nodes: readonly RunNode[], syntax: CodeSyntax, delimiter: Delimiter): string {
  let out = '';
  for (const node of nodes) {
    let piece: string;
    if (node.t === 'text') piece = escapeText(node.text);
    else if (node.t === 'code') piece = standaloneMarkdown(node, syntax);
    else if (node.kind === 'link') piece = renderLink(node, syntax, delimiter);
    else piece = renderEmphasis(node, syntax, delimiter, out);
    // `!` right before a link would make it an image.
    if (piece.startsWith('[') && endsWithUnescapedBang(out)) out = `${out.slice(0, -1)}\\!`;
    out += piece;
  }
  return out;
}

function renderLink(node: Extract<RunNode, { t: 'wrap' }>, syntax: CodeSyntax, delimiter: Delimiter): string {
  const s = syntax.get(node.id) as LinkSyntax | undefined;
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (s?.autolink !== undefined && only?.t === 'text' && only.text === s.autolink) return s.literal ? s.autolink : `<${s.autolink}>`;
  const inner = renderNodes(node.children, syntax, delimiter);
  const tail =
    s && s.autolink === undefined
      ? s.tail
      : `](${linkDestination(node.url ?? '')}${node.title ? ` ${linkTitle(node.title)}` : ''})`;
  return `[${inner}${tail}`;
}

function renderEmphasis(node: Extract<RunNode, { t: 'wrap' }>, syntax: CodeSyntax, delimiter: Delimiter, before: string): string {
  const inner = renderNodes(node.children, syntax, delimiter);
  if (isBlank(node.children)) return inner;
  // Delimiters must touch the text: `* a*` is not emphasis. Spaces move outside.
  const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/u.exec(inner)!;
  if (node.kind === 'delete') return `${lead}~~${core}~~${trail}`;
  const other: Delimiter = delimiter === '*' ? '_' : '*';
  // Nested or adjacent runs of the same character would merge (`***a***`, `*a**b*`).
  const clash = core.startsWith(delimiter) || core.endsWith(delimiter) || (lead === '' && before.endsWith(delimiter));
  const d = (clash ? other : delimiter).repeat(node.kind === 'strong' ? 2 : 1);
  return `${lead}${d}${core}${d}${trail}`;
}

/** The tokens the runs must parse back to (see tokens.ts). */
export function runTokens(nodes: readonly RunNode[], out: string[]): string[] {
  for (const node of nodes) {
    if (node.t === 'text') pushText(out, node.text);
    else if (node.t === 'code') out.push(node.kind === 'inlineCode' ? `K:inlineCode|${node.text ?? ''}` : `K:${node.kind}`);
    else if (EMPHASIS_LIKE.has(node.kind) && isBlank(node.children)) runTokens(node.children, out);
    else {
      out.push(node.kind === 'link' ? `O:link|${node.url ?? ''}|${node.title ?? ''}` : `O:${node.kind}`);
      runTokens(node.children, out);
      out.push('C');
    }
  }
  return out;
}
