import type { Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { LANGUAGES, type LanguageCode } from '../languages.js';
import { parseMarkdown, segmentMarkdown } from '../segment/index.js';

/*
 * Publishing the set (issue 26): the source and every translation, each with a language menu
 * by autonym. Only languages complete against the current revision are linked; the others
 * are listed, unlinked, with their percentage, so a reader is never sent to a half-English
 * page. Markdown keeps the document's own menu line's place (the statement has one); HTML
 * gets a <nav> at the top of a small readable template with `lang` and `dir`.
 */

export interface SiteLanguage {
  code: LanguageCode;
  /** Complete against the current revision (the source always is). */
  complete: boolean;
  /** 0…1, by segments. */
  progress: number;
}

export type SiteFormat = 'md' | 'html';

export function siteFileName(doc: string, lang: string, format: SiteFormat): string {
  return `${doc}.${lang}.${format}`;
}

const percentOf = (p: number) => `${Math.floor(p * 100)} %`;

/** The menu as Markdown: `[English](doc.en.md) / **Español** / Ελληνικά (45 %)`. */
export function menuMarkdown(doc: string, current: LanguageCode, languages: readonly SiteLanguage[]): string {
  return languages
    .map((l) => {
      const name = LANGUAGES[l.code].autonym;
      if (l.code === current) return `**${name}**`;
      return l.complete ? `[${name}](${siteFileName(doc, l.code, 'md')})` : `${name} (${percentOf(l.progress)})`;
    })
    .join(' / ');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function menuHtml(doc: string, current: LanguageCode, languages: readonly SiteLanguage[], label: string): string {
  const items = languages.map((l) => {
    const name = escapeHtml(LANGUAGES[l.code].autonym);
    const attrs = `lang="${l.code}" dir="${LANGUAGES[l.code].direction}"`;
    if (l.code === current) return `<li><span ${attrs} aria-current="page">${name}</span></li>`;
    if (l.complete) return `<li><a href="${siteFileName(doc, l.code, 'html')}" hreflang="${l.code}" ${attrs}>${name}</a></li>`;
    return `<li><span ${attrs}>${name}</span> <span class="progress">(${percentOf(l.progress)})</span></li>`;
  });
  return `<nav class="languages" aria-label="${escapeHtml(label)}"><ul>${items.join('')}</ul></nav>`;
}

/** The UTF-16 range of the document's language-menu block, if it has one. */
function menuBlock(markdown: string, lang: LanguageCode): { start: number; end: number } | undefined {
  const doc = segmentMarkdown(markdown, lang);
  const menu = doc.segments.find((s) => s.lockReason === 'language-menu');
  const block = menu ? doc.blocks[menu.blockIndex] : undefined;
  return block && { start: block.start, end: block.end };
}

/** The document with its menu line replaced by `menu` (or `menu` on top when it has none). */
export function withMenu(markdown: string, lang: LanguageCode, menu: string): string {
  const at = menuBlock(markdown, lang);
  if (!at) return `${menu}\n\n${markdown}`;
  return markdown.slice(0, at.start) + menu + markdown.slice(at.end);
}

/** The first heading's text, for the page title. */
function titleOf(markdown: string, lang: LanguageCode, fallback: string): string {
  const heading = segmentMarkdown(markdown, lang).segments.find((s) => s.blockKind.startsWith('heading'));
  return heading?.plain || fallback;
}

const STYLE = [
  'body{font:1.05rem/1.6 system-ui,"Noto Sans","Noto Sans Devanagari","Noto Sans KR",sans-serif;max-width:44rem;margin:0 auto;padding:1rem 1.25rem;color:#1b1b1b;background:#fff}',
  'nav.languages ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1rem;border-bottom:1px solid #ccc;padding-bottom:.6rem}',
  'nav.languages .progress{color:#555;font-size:.9em}',
  'a{color:#0b57d0}h1,h2{line-height:1.25}img{max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem}',
].join('\n');

/**
 * One HTML page: the Markdown (its own menu line taken out: the <nav> replaces it) rendered by
 * mdast-util-to-hast (raw HTML in the Markdown is dropped, never passed through) in a small
 * template with `lang` and `dir`.
 */
export function sitePage(markdown: string, lang: LanguageCode, nav: string, fallbackTitle: string): string {
  const at = menuBlock(markdown, lang);
  const body = at ? markdown.slice(0, at.start) + markdown.slice(at.end) : markdown;
  const html = toHtml(toHast(parseMarkdown(body)) as HastRoot);
  const { direction } = LANGUAGES[lang];
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}" dir="${direction}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(titleOf(markdown, lang, fallbackTitle))}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    nav,
    `<main>\n${html}\n</main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
