import { strToU8, zipSync } from 'fflate';
import { menuHtml, menuMarkdown, siteFileName, sitePage, withMenu, type LanguageCode, type SiteFormat, type SiteLanguage } from '@lockstep/shared';

/**
 * The site export's pages and their zip (`GET /api/documents/:doc/site`, services/siteExport.ts).
 * Rendering nine languages' Markdown to HTML and deflating them takes CPU in proportion to the
 * document, so this runs on a parse thread (tasks.ts); it imports only the shared package.
 */
export interface SiteZipInput {
  documentId: string;
  title: string;
  format: SiteFormat;
  /** Every language of the menu, source first. */
  languages: SiteLanguage[];
  /** Each language's text (translated Markdown, the source's for the source). */
  pages: { code: LanguageCode; markdown: string }[];
}

/** The menu's label in HTML, in each page's own language. */
const MENU_LABEL: Record<LanguageCode, string> = {
  en: 'Languages',
  es: 'Idiomas',
  ko: '언어',
  pt: 'Idiomas',
  el: 'Γλώσσες',
  hi: 'भाषाएँ',
  fr: 'Langues',
  tl: 'Mga wika',
  ru: 'Языки',
};

export function siteZip({ documentId, title, format, languages, pages }: SiteZipInput): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const { code, markdown } of pages) {
    const text =
      format === 'md'
        ? withMenu(markdown, code, menuMarkdown(documentId, code, languages))
        : sitePage(markdown, code, menuHtml(documentId, code, languages, MENU_LABEL[code]), title);
    entries[siteFileName(documentId, code, format)] = strToU8(text);
  }
  return zipSync(entries, { level: 6 });
}
