import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LanguageCode } from '@lockstep/shared';
import { REPO_ROOT } from '../config.js';
import type { Db } from '../db/db.js';
import { listSegments } from '../repos/segments.js';
import { applyChange } from '../repos/translations.js';
import { findUserByEmail } from '../repos/users.js';
import { createDocument } from '../services/documents.js';
import { DEMO_ACCOUNTS } from './accounts.js';

export const DEMO_DIR = path.join(REPO_ROOT, 'fixtures', 'statement');
export const DEMO_DOCUMENT_ID = 'statement';
/** The language whose demo translation a reviewer has approved. */
export const DEMO_APPROVED_LANG = 'es';

interface LanguagesFile {
  source: LanguageCode;
  targets: { code: LanguageCode }[];
}
interface TranslationsFile {
  lang: LanguageCode;
  segments: { n: number; source: string; text: string }[];
}

export function readDemoTranslations(dir = DEMO_DIR): TranslationsFile[] {
  const tdir = path.join(dir, 'translations');
  if (!existsSync(tdir)) return [];
  return readdirSync(tdir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(tdir, f), 'utf8')) as TranslationsFile);
}

async function userIdOf(db: Db, email: string | undefined): Promise<number | null> {
  return email ? ((await findUserByEmail(db, email))?.id ?? null) : null;
}

/**
 * The demo statement as revision 1 with genuine translations written by the demo
 * translators (and, for one language, approved by the reviewer), so `npm start` opens
 * on work in progress. Each translation goes through the same versioned write as the API.
 */
export async function seedDemoStatement(db: Db, dir = DEMO_DIR): Promise<void> {
  const languages = JSON.parse(readFileSync(path.join(dir, 'languages.json'), 'utf8')) as LanguagesFile;
  const markdown = readFileSync(path.join(dir, 'statement.md'), 'utf8');
  const coordinator = await userIdOf(db, DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')?.email);
  await createDocument(db, coordinator, {
    id: DEMO_DOCUMENT_ID,
    title: 'Anniversary of Russian Special Military Operation',
    sourceLang: languages.source,
    targetLangs: languages.targets.map((t) => t.code),
    markdown,
  });
  const reviewer = await userIdOf(db, DEMO_ACCOUNTS.find((a) => a.role === 'reviewer' && a.languages.includes(DEMO_APPROVED_LANG))?.email);
  for (const file of readDemoTranslations(dir)) {
    const translator = await userIdOf(db, DEMO_ACCOUNTS.find((a) => a.role === 'translator' && a.languages.includes(file.lang))?.email);
    const segs = await listSegments(db, { documentId: DEMO_DOCUMENT_ID, lang: file.lang });
    const bySource = new Map(segs.filter((s) => s.translatable).map((s) => [s.source, s]));
    await db.transaction(async (tx) => {
      for (const t of file.segments) {
        const seg = bySource.get(t.source);
        // The fixtures name the source they translate; a mismatch means the segmenter or
        // the fixture changed, and the demo must not attach a translation to another sentence.
        if (!seg || !seg.translation) throw new Error(`demo ${file.lang} segment ${t.n} does not match any source segment`);
        let version = await applyChange(tx, {
          segmentId: seg.id,
          lang: file.lang,
          text: t.text.normalize('NFC'),
          state: 'translated',
          kind: 'edit',
          userId: translator,
          revision: 1,
          expectedVersion: seg.translation.version,
        });
        if (file.lang === DEMO_APPROVED_LANG && version !== undefined) {
          version = await applyChange(tx, {
            segmentId: seg.id,
            lang: file.lang,
            text: t.text.normalize('NFC'),
            state: 'approved',
            kind: 'approve',
            userId: reviewer,
            revision: 1,
            expectedVersion: version,
          });
        }
      }
    });
  }
}
