import { parseMarkdown } from '../segment/markdown.js';
import type { Nodes, PhrasingContent } from 'mdast';

/*
 * A block's inline structure as a flat list of tokens, to check that rebuilt Markdown parses
 * back to what was meant: `T:text` (whitespace removed: where a space sits relative to a
 * delimiter is not structure), `O:kind` / `O:link|url|title` … `C`, `K:kind` for standalone
 * codes, `B` for a hard break. Both the intended runs and the parsed Markdown are reduced to
 * this form; any difference means the Markdown would not render what the translator wrote.
 */

type Definitions = ReadonlyMap<string, { url: string; title: string | null }>;

export function pushText(out: string[], text: string): void {
  const t = text.replace(/\s+/gu, '');
  if (!t) return;
  const last = out.length - 1;
  if (last >= 0 && out[last].startsWith('T:')) out[last] += t;
  else out.push(`T:${t}`);
}

export function pushBreak(out: string[]): void {
  if (out.length > 0 && out[out.length - 1] !== 'B') out.push('B');
}

export function nodeTokens(nodes: readonly (PhrasingContent | Nodes)[], definitions: Definitions, out: string[]): string[] {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        pushText(out, node.value);
        break;
      case 'break':
        pushBreak(out);
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
        out.push(`O:${node.type}`);
        nodeTokens(node.children, definitions, out);
        out.push('C');
        break;
      case 'link':
      case 'linkReference': {
        const target = node.type === 'link' ? node : definitions.get(node.identifier);
        out.push(`O:link|${target?.url ?? ''}|${target?.title ?? ''}`);
        nodeTokens(node.children, definitions, out);
        out.push('C');
        break;
      }
      case 'inlineCode':
        out.push(`K:inlineCode|${node.value}`);
        break;
      case 'image':
      case 'imageReference':
        out.push('K:image');
        break;
      case 'html':
        out.push('K:html');
        break;
      case 'footnoteReference':
        out.push('K:footnote');
        break;
      default:
        if ('children' in node) nodeTokens(node.children as Nodes[], definitions, out);
        else if ('value' in node && typeof node.value === 'string') pushText(out, node.value);
    }
  }
  return out;
}

/**
 * Parses one block's rebuilt inline content (plus the definitions its reference links need)
 * and returns its tokens, or null when it does not parse as a single paragraph: a translated
 * text that opened a list or a heading.
 */
export function parsedTokens(markdown: string): string[] | null {
  const tree = parseMarkdown(markdown);
  const [first, ...rest] = tree.children;
  if (first?.type !== 'paragraph' || rest.some((n) => n.type !== 'definition' && n.type !== 'footnoteDefinition')) return null;
  const definitions = new Map<string, { url: string; title: string | null }>();
  for (const n of rest) if (n.type === 'definition' && !definitions.has(n.identifier)) definitions.set(n.identifier, { url: n.url, title: n.title ?? null });
  return nodeTokens(first.children, definitions, []);
}
