import type { SiteFormat, SiteLanguage } from '@lockstep/shared';
import type { Db } from '../db/db.js';
import { parsePool } from '../parsing/pool.js';
import type { DocumentRow } from '../repos/documents.js';
import { exportMarkdown } from './markdownExport.js';
import { progressOf } from './progress.js';

/*
 * `GET /api/documents/:doc/site` (issue 26): the whole set ready to publish, one zip. Each
 * language's text is the translated-Markdown export (untranslated segments fall back to the
 * source, as they would on any page of it), with the language menu made from the progress
 * counters at this moment. The Markdown is spliced, rendered and zipped on a parse thread.
 */

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
  const pages = [];
  for (const { code } of languages) pages.push({ code, markdown: (await exportMarkdown(db, doc, code)).markdown });
  // Pages rendered and deflated on a parse thread (parsing/siteZip.ts).
  const bytes = await parsePool().run({ kind: 'siteZip', input: { documentId: doc.id, title: doc.title, format, languages, pages } });
  return { filename: `${doc.id}.site.${format}.zip`, bytes };
}
