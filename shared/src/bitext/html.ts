import { toMdast } from 'hast-util-to-mdast';
import { gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

/**
 * A translation published as a web page, as Markdown the aligner reads like any other: HTML5
 * parsing (parse5, as browsers do: no DTDs, no entity definitions), hast → mdast (head,
 * scripts and styles dropped; headings, lists, emphasis and links kept), mdast → Markdown.
 */
export function htmlToMarkdown(html: string): string {
  const tree = unified().use(rehypeParse).parse(html);
  const mdast = toMdast(tree);
  return toMarkdown(mdast, { extensions: [gfmTableToMarkdown(), gfmStrikethroughToMarkdown()] });
}
