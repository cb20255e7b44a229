import { strToU8, zipSync } from 'fflate';
import { menuHtml, menuMarkdown, siteFileName, sitePage, withMenu, type LanguageCode, type SiteFormat, type SiteLanguage } from '@lockstep/shared';
import type { Db } from '../db/db.js';
import type { DocumentRow } from '../repos/documents.js';
import { exportMarkdown } from './markdownExport.js';
import { progressOf } from './progress.js';

/*
 * `GET /api/documents/:doc/site` (issue 26): the whole set ready to publish, one zip. Each
 * language's text is the translated-Markdown export (untranslated segments fall back to the
 * source, as they would on any page of it), with the language menu made from the progress
 * counters at this moment.
 */

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

export interface SiteZip {
  filename: string;
  bytes: Uint8Array;
}

export async function exportSite(db: Db, doc: DocumentRow, format: SiteFormat): Promise<SiteZip> {
  const progress = (await progressOf(db, [doc])).get(doc.id) ?? {};
  const languages: SiteLanguage[] = [
    { code: doc.sourceLang, complete: true, progress: 1 },
    ...doc.targetLangs.map((code) => {
      const p = progress[code];
      return { code, complete: p?.completeAgainstRevision === doc.revision && p.complete === 1, progress: p?.complete ?? 0 };
    }),
  ];
  const entries: Record<string, Uint8Array> = {};
  for (const { code } of languages) {
    const file = await exportMarkdown(db, doc, code);
    const text =
      format === 'md'
        ? withMenu(file.markdown, code, menuMarkdown(doc.id, code, languages))
        : sitePage(file.markdown, code, menuHtml(doc.id, code, languages, MENU_LABEL[code]), doc.title);
    entries[siteFileName(doc.id, code, format)] = strToU8(text);
  }
  return { filename: `${doc.id}.site.${format}.zip`, bytes: zipSync(entries, { level: 6 }) };
}
