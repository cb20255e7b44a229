import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { micromark } from 'micromark';
import {
  codesToText,
  matchStoredSegments,
  segmentMarkdown,
  translatedMarkdown,
  validateCodedText,
  type Segment,
  type SourceRun,
  type SpliceSegment,
} from '@lockstep/shared';

const STATEMENT = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/statement/statement.md'), 'utf8');

// ---------------------------------------------------------------------------------------------
// The pseudo-translation: every text run wrapped in ⟦…⟧, inline codes in reverse order at each
// nesting level (text stays where it is, the codes trade places — always a legal translation).

type OpenRun = Extract<SourceRun, { type: 'open' }>;
type StandaloneRun = Extract<SourceRun, { type: 'standalone' }>;
type Tree = { t: 'text'; text: string } | { t: 'code'; run: StandaloneRun } | { t: 'wrap'; run: OpenRun; children: Tree[] };

function tree(runs: readonly SourceRun[]): Tree[] {
  const root: Tree[] = [];
  const stack: Tree[][] = [root];
  for (const run of runs) {
    const top = stack[stack.length - 1];
    if (run.type === 'text') top.push({ t: 'text', text: run.text });
    else if (run.type === 'standalone') top.push({ t: 'code', run });
    else if (run.type === 'open') {
      const node: Tree = { t: 'wrap', run, children: [] };
      top.push(node);
      stack.push(node.children);
    } else stack.pop();
  }
  return root;
}

function flatten(nodes: readonly Tree[], out: SourceRun[] = []): SourceRun[] {
  for (const n of nodes) {
    if (n.t === 'text') out.push({ type: 'text', text: n.text });
    else if (n.t === 'code') out.push(n.run);
    else {
      out.push(n.run);
      flatten(n.children, out);
      out.push({ type: 'close', id: n.run.id });
    }
  }
  return out;
}

const bracket = (text: string) => text.replace(/\S(?:[\s\S]*\S)?/u, (core) => `⟦${core}⟧`);

function pseudo(nodes: readonly Tree[]): Tree[] {
  const mapped = nodes.map((n): Tree => (n.t === 'text' ? { t: 'text', text: bracket(n.text) } : n.t === 'wrap' ? { ...n, children: pseudo(n.children) } : n));
  const codes = mapped.filter((n) => n.t !== 'text').reverse();
  let k = 0;
  return mapped.map((n) => (n.t === 'text' ? n : codes[k++]));
}

const pseudoText = (s: Segment) => codesToText(flatten(pseudo(tree(s.runs))));

// ---------------------------------------------------------------------------------------------
// HTML: the translated document must have the source's block skeleton, and each block's
// inline HTML must be what its (pseudo-)translated segments say, rendered independently here.

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot);/gi, (_m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
    if (e[0] !== '#') return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}
const decodeUrl = (u: string) => {
  try {
    return decodeURI(u);
  } catch {
    return u;
  }
};
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const BLOCK_TAGS = /^<\/?(p|h[1-6]|ul|ol|li|blockquote|hr)\b/;

/** One block's inline HTML → comparable tokens (attributes decoded, whitespace at tags dropped). */
function inlineTokens(html: string): string[] {
  const out: string[] = [];
  for (const tok of html.match(/<[^>]*>|[^<]+/g) ?? []) {
    if (tok.startsWith('<')) {
      const name = /^<\/?([a-z0-9]+)/i.exec(tok)?.[1] ?? tok;
      // An image code carries no title (its bytes are copied from the source, title and all).
      const attrs = [...tok.matchAll(/(\w+)="([^"]*)"/g)].filter(([, k]) => !(name === 'img' && k === 'title')).map(([, k, v]) => {
        const value = decodeEntities(v);
        return `${k}=${k === 'href' || k === 'src' ? decodeUrl(value) : value}`;
      });
      out.push(`${tok.startsWith('</') ? '/' : ''}${name}${attrs.length ? ` ${attrs.join(' ')}` : ''}`);
    } else {
      const text = decodeEntities(tok).replace(/\s+/gu, ' ').trim();
      if (text) out.push(text);
    }
  }
  return out;
}

/** A document's HTML → block skeleton and the inline HTML of each leaf block, in order. */
function splitHtml(html: string): { skeleton: string[]; leaves: string[][] } {
  const skeleton: string[] = [];
  const leaves: string[][] = [];
  let current = '';
  const flush = () => {
    const t = inlineTokens(current);
    if (t.length) leaves.push(t);
    current = '';
  };
  for (const tok of html.match(/<pre>[\s\S]*?<\/pre>|<[^>]*>|[^<]+/g) ?? []) {
    if (tok.startsWith('<pre>') || BLOCK_TAGS.test(tok)) {
      flush();
      skeleton.push(tok);
    } else current += tok;
  }
  flush();
  return { skeleton, leaves };
}

function runsHtml(runs: readonly SourceRun[]): string {
  const render = (nodes: readonly Tree[]): string =>
    nodes
      .map((n) => {
        if (n.t === 'text') return escapeHtml(n.text);
        if (n.t === 'code') {
          const c = n.run;
          if (c.kind === 'inlineCode') return `<code>${escapeHtml(c.text ?? '')}</code>`;
          if (c.kind === 'image') return `<img src="${escapeHtml(c.url ?? '')}" alt="${escapeHtml(c.text ?? '')}" />`;
          return c.text ?? '';
        }
        const r = n.run;
        const inner = render(n.children);
        if (r.kind === 'link') return `<a href="${escapeHtml(r.url ?? '')}"${r.title ? ` title="${escapeHtml(r.title)}"` : ''}>${inner}</a>`;
        const tag = r.kind === 'strong' ? 'strong' : r.kind === 'delete' ? 'del' : 'em';
        return `<${tag}>${inner}</${tag}>`;
      })
      .join('');
  return render(tree(runs));
}

function segmentHtml(s: Segment, runs: readonly SourceRun[]): string {
  if (!s.wrapper) return runsHtml(runs);
  const w = s.wrapper;
  const open: SourceRun = { type: 'open', id: 1000, kind: w.kind, ...(w.url !== undefined ? { url: w.url } : {}), ...(w.title ? { title: w.title } : {}) };
  return runsHtml([open, ...runs, { type: 'close', id: 1000 }]);
}

const splice = (segs: readonly Segment[]): SpliceSegment[] =>
  segs.map((s) => ({ id: `seg${s.index}`, blockIndex: s.blockIndex, runs: s.runs, translatable: s.translatable, wrapper: s.wrapper ?? null, breakBefore: s.breakBefore }));

const html = (md: string) => micromark(md, { allowDangerousHtml: true });

/**
 * Translates every translatable segment of `source` with `translate`, rebuilds the document
 * and checks it renders to the source's HTML with each block's text as translated.
 */
function checkRendersAsTranslated(source: string, translate: (s: Segment) => string) {
  const { segments } = segmentMarkdown(source, 'en');
  const translations = new Map(segments.filter((s) => s.translatable).map((s) => [`seg${s.index}`, translate(s)]));
  const result = translatedMarkdown(source, splice(segments), translations);
  expect(result.fallbacks).toEqual([]);

  const src = splitHtml(html(source));
  const out = splitHtml(html(result.markdown));
  expect(out.skeleton).toEqual(src.skeleton);
  expect(out.leaves).toHaveLength(src.leaves.length);

  // Leaf blocks in HTML order are the segmenter's inline blocks in order.
  const inlineBlocks = [...new Set(segments.map((s) => s.blockIndex))];
  expect(inlineBlocks).toHaveLength(src.leaves.length);
  inlineBlocks.forEach((blockIndex, i) => {
    const inBlock = segments.filter((s) => s.blockIndex === blockIndex);
    if (!inBlock.some((s) => s.translatable)) {
      expect(out.leaves[i]).toEqual(src.leaves[i]);
      return;
    }
    const expected = inBlock
      .map((s, k) => {
        const text = translations.get(`seg${s.index}`);
        const runs = text === undefined ? s.runs : (validateCodedText(text, s.runs) as { ok: true; runs: SourceRun[] }).runs;
        return `${k > 0 ? (s.breakBefore ? '<br />' : ' ') : ''}${segmentHtml(s, runs)}`;
      })
      .join('');
    expect(out.leaves[i]).toEqual(inlineTokens(expected));
  });
  return result;
}

// ---------------------------------------------------------------------------------------------

const TRICKY: Record<string, string> = {
  'nested emphasis in links': 'Nested *emphasis with [a link *inside* it](https://example.com/a_(b) "A title") and more* text. Second sentence **here**.\n',
  'code spans with backticks': 'Use `` a`b `` and `plain` code, or ```` x```y ```` too. Then stop.\n',
  'escaped characters': 'Literal \\*stars\\*, \\<tag>, \\[brackets\\], back\\\\slash, \\_under\\_ and AT&amp;T &copy; it.\n',
  autolinks: 'Write to <mailto:team@example.org> or <team@example.org> and see <https://example.org/p?q=1&r=2>.\n',
  'reference links': 'A [full][Ref], a [collapsed][] and a [shortcut] link. An ![image ref][img] too.\n\n[ref]: https://example.org/full "Full title"\n[collapsed]: <https://example.org/with space>\n[shortcut]: /short\n[img]: /i.png\n',
  'list items': '- First item. Its second sentence.\n- **Bold item.**\n  1. Nested *ordered* item.\n  2. [Linked item.](/x)\n\n3) Starts at three.\n',
  headings: '# Heading *one* ##\n\nSetext heading\n==============\n\n## Closing [hashes](/h) ##\n\n### A # inside\n',
  blockquotes: '> Quoted *first* paragraph.\n> Still the same one.\n>\n> > Nested quote with `code`.\n',
  'hard breaks': 'Line one\\\nline *two*  \nline three.\n\n- item a\\\n  item *b*\n\n> quoted a  \n> quoted [b](/b)\n',
  'images and inline html': 'An ![alt text](/img.png "Img") and <span class="x">raw</span> html. <br> End.\n',
  'emphasis across sentences': '*First sentence. Second sentence.* After it. **Both *nested* here.** ***All three.***\n',
  'entities and punctuation': 'Quotes "like this" & ampersands; 1. not a list, # not a heading.\n',
};

describe('translated Markdown: pseudo-translation renders as the source would', () => {
  test('the demo statement', () => {
    const result = checkRendersAsTranslated(STATEMENT, pseudoText);
    // Every link destination of the source is still written as it was.
    for (const m of STATEMENT.matchAll(/\]\(([^)]*)\)/g)) expect(result.markdown).toContain(m[0].slice(1));
    // The language menu (no translatable segment) is copied byte for byte, escapes and all.
    const menu = STATEMENT.split('\n').find((l) => l.startsWith('[Español]'))!;
    expect(menu).toContain('[\\\\_\\\\_');
    expect(result.markdown.split('\n')).toContain(menu);
    expect(result.translated).toBe(segmentMarkdown(STATEMENT, 'en').segments.filter((s) => s.translatable).length);
  });

  test.each(Object.entries(TRICKY))('%s', (_name, source) => {
    checkRendersAsTranslated(source, pseudoText);
  });

  test.each(Object.entries(TRICKY))('%s, translated by its own source text', (_name, source) => {
    checkRendersAsTranslated(source, (s) => s.text);
  });
});

describe('translated Markdown: text that looks like Markdown stays text', () => {
  const source = '# Title\n\nOne sentence here.\n\n- An item.\n';
  const hostile = [
    '# not a heading',
    '- not a list',
    '1. not a list',
    '> not a quote',
    '<script>alert(1)</script> and <b>bold</b>',
    '*not emphasis* and _not_ and `not code` and [not](a link)',
    'trailing #',
    '===',
    '\\ backslash at the end \\',
    '&copy; stays literal',
    '![not an image](x.png)',
    '    indented',
  ];
  test.each(hostile)('%s', (text) => {
    const { segments } = segmentMarkdown(source, 'en');
    const translations = new Map(segments.map((s) => [`seg${s.index}`, text.replace(/</g, '\\<')]));
    const result = translatedMarkdown(source, splice(segments), translations);
    expect(result.fallbacks).toEqual([]);
    const rendered = splitHtml(html(result.markdown));
    expect(rendered.skeleton).toEqual(splitHtml(html(source)).skeleton);
    for (const leaf of rendered.leaves) expect(leaf).toEqual([text.trim()]);
    expect(html(result.markdown)).not.toMatch(/<(script|b)>/);
  });
});

describe('translated Markdown: fallbacks and byte-for-byte copies', () => {
  const { segments } = segmentMarkdown(STATEMENT, 'en');
  const translatable = segments.filter((s) => s.translatable);

  test('with no translation the output is the source, byte for byte, and every translatable segment is a fallback', () => {
    const result = translatedMarkdown(STATEMENT, splice(segments), new Map());
    expect(result.markdown).toBe(STATEMENT);
    expect(result.fallbacks.map((f) => f.id)).toEqual(translatable.map((s) => `seg${s.index}`));
    expect(new Set(result.fallbacks.map((f) => f.reason))).toEqual(new Set(['untranslated']));
  });

  test('translating one segment changes only its block; its neighbours fall back to the source', () => {
    const { blocks } = segmentMarkdown(STATEMENT, 'en');
    const target = translatable.find((s) => segments.filter((o) => o.blockIndex === s.blockIndex).length > 2)!;
    const block = blocks[target.blockIndex];
    const result = translatedMarkdown(STATEMENT, splice(segments), new Map([[`seg${target.index}`, pseudoText(target)]]));
    expect(result.markdown.startsWith(STATEMENT.slice(0, block.start))).toBe(true);
    expect(result.markdown.endsWith(STATEMENT.slice(block.end))).toBe(true);
    const rebuilt = result.markdown.slice(block.start, result.markdown.length - (STATEMENT.length - block.end));
    expect(rebuilt).toContain(`⟦${target.plain}⟧`);
    expect(result.fallbacks).toHaveLength(translatable.length - 1);
    expect(result.fallbacks.map((f) => f.id)).not.toContain(`seg${target.index}`);
  });

  test('a line with nothing translated is copied as it was; the translated line next to it is rebuilt', () => {
    const source = 'Signed by *Someone*  \nSee <https://example.org>\\\nLast line.\n';
    const segs = segmentMarkdown(source, 'en').segments;
    const last = segs[segs.length - 1];
    const result = translatedMarkdown(source, splice(segs), new Map([[`seg${last.index}`, 'Última línea.']]));
    expect(result.markdown).toBe('Signed by *Someone*  \nSee <https://example.org>\\\nÚltima línea.\n');
  });

  test('a translation whose inline codes do not fit the source falls back and says why', () => {
    const source = 'A [link](/x) here.\n';
    const segs = segmentMarkdown(source, 'en').segments;
    const result = translatedMarkdown(source, splice(segs), new Map([['seg0', 'Un enlace aquí.']]));
    expect(result.markdown).toBe(source);
    expect(result.fallbacks).toEqual([{ id: 'seg0', reason: 'invalid-codes' }]);
  });

  test('emphasis Markdown cannot write where the translation puts it falls back to the source, reported', () => {
    const source = 'Some *emphasis* here.\n';
    const segs = segmentMarkdown(source, 'en').segments;
    // `x*"q"*y`: a delimiter between a letter and a quote cannot open or close emphasis.
    const result = translatedMarkdown(source, splice(segs), new Map([['seg0', 'x<1>"q"</1>y']]));
    expect(result.fallbacks).toEqual([{ id: 'seg0', reason: 'unrenderable' }]);
    expect(result.markdown).toBe(source);
  });

  test('locked segments (the language menu, the site name) are never reported as fallbacks', () => {
    const locked = segments.filter((s) => !s.translatable).map((s) => `seg${s.index}`);
    expect(locked.length).toBeGreaterThan(0);
    const result = translatedMarkdown(STATEMENT, splice(segments), new Map());
    for (const id of locked) expect(result.fallbacks.map((f) => f.id)).not.toContain(id);
  });
});

describe('matching an earlier revision to stored segment ids', () => {
  test('equal sentences by key, an edited one by its place between matched neighbours', () => {
    const stored = [
      { id: 'a', source: 'First.', position: 0 },
      { id: 'b', source: 'Second, edited later.', position: 1 },
      { id: 'c', source: '“Third.”', position: 2 },
    ];
    expect(matchStoredSegments(['First.', 'Second.', '"Third."'], stored)).toEqual(['a', 'b', 'c']);
  });

  test('no guess when two edited sentences share a gap', () => {
    const stored = [
      { id: 'a', source: 'First.', position: 0 },
      { id: 'b', source: 'Two now.', position: 1 },
      { id: 'c', source: 'Three now.', position: 2 },
    ];
    expect(matchStoredSegments(['First.', 'Two.', 'Three.'], stored)).toEqual(['a', null, null]);
  });
});
