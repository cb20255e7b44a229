import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { nextStep, type LanguageCode } from '@lockstep/shared';
import { REPO_ROOT } from '../config.js';
import type { Db, Queryable } from '../db/db.js';
import { listSegments } from '../repos/segments.js';
import { writeChange } from '../repos/translations.js';
import { findUserByEmail } from '../repos/users.js';
import { createDocument } from '../services/documents.js';
import { publishRevision } from '../services/revisions.js';
import { DEMO_ACCOUNTS } from './accounts.js';

export const DEMO_DIR = path.join(REPO_ROOT, 'fixtures', 'statement');
export const DEMO_DOCUMENT_ID = 'statement';
/** The language whose demo translation a reviewer has approved. */
export const DEMO_APPROVED_LANG = 'es';

interface LanguagesFile {
  source: LanguageCode;
  targets: { code: LanguageCode }[];
}
interface DemoTranslation {
  source: string;
  text: string;
}
interface TranslationsFile {
  lang: LanguageCode;
  segments: (DemoTranslation & { n: number })[];
}
interface RevisionFile {
  markdown: string;
  followUps: Record<string, DemoTranslation[]>;
}

export function readDemoTranslations(dir = DEMO_DIR): TranslationsFile[] {
  const tdir = path.join(dir, 'translations');
  if (!existsSync(tdir)) return [];
  return readdirSync(tdir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(tdir, f), 'utf8')) as TranslationsFile);
}

async function userIdOf(db: Queryable, pick: (a: (typeof DEMO_ACCOUNTS)[number]) => boolean): Promise<number | null> {
  const email = DEMO_ACCOUNTS.find(pick)?.email;
  return email ? ((await findUserByEmail(db, email))?.id ?? null) : null;
}

/**
 * Writes one language's demo translations (matched by the source they name) through the same
 * versioned write as the API; the approved language is then approved by the reviewer.
 */
async function writeTranslations(db: Db, lang: LanguageCode, items: readonly DemoTranslation[], revision: number): Promise<void> {
  const translator = await userIdOf(db, (a) => a.role === 'translator' && a.languages.includes(lang));
  const reviewer = await userIdOf(db, (a) => a.role === 'reviewer' && a.languages.includes(lang));
  const segs = await listSegments(db, { documentId: DEMO_DOCUMENT_ID, lang });
  const bySource = new Map(segs.filter((s) => s.translatable).map((s) => [s.source, s]));
  await db.transaction(async (tx) => {
    for (const t of items) {
      const seg = bySource.get(t.source);
      // A mismatch means the segmenter or the fixture changed: the demo must never attach a
      // translation to another sentence.
      if (!seg?.translation) throw new Error(`demo ${lang}: no source segment "${t.source.slice(0, 60)}…"`);
      const ctx = { mayApprove: true, revision };
      const edit = nextStep(seg.translation, { kind: 'edit', text: t.text.normalize('NFC') }, ctx);
      if (!edit.write) continue;
      const edited = await writeChange(tx, { segmentId: seg.id, lang, kind: edit.kind, row: edit.row, userId: translator, expectedVersion: seg.translation.version });
      if (lang === DEMO_APPROVED_LANG && edited) {
        const approve = nextStep(edited.translation, { kind: 'approve' }, ctx);
        if (approve.write) await writeChange(tx, { segmentId: seg.id, lang, kind: approve.kind, row: approve.row, userId: reviewer, expectedVersion: edited.translation.version });
      }
    }
  });
}

/**
 * The demo: the statement as received (revision 1) with genuine translations by the demo
 * translators, then revision 2 (fixtures/statement/revision-2.json), after which the
 * Spanish and French translators finish their work — so `npm start` opens on work in
 * progress, with stale segments and split/merge suggestions in the other languages.
 */
export async function seedDemoStatement(db: Db, opts: { dir?: string; throughRevision?: number } = {}): Promise<void> {
  const dir = opts.dir ?? DEMO_DIR;
  const languages = JSON.parse(readFileSync(path.join(dir, 'languages.json'), 'utf8')) as LanguagesFile;
  const coordinator = await userIdOf(db, (a) => a.role === 'coordinator');
  await createDocument(db, coordinator, {
    id: DEMO_DOCUMENT_ID,
    title: 'Anniversary of Russian Special Military Operation',
    sourceLang: languages.source,
    targetLangs: languages.targets.map((t) => t.code),
    markdown: readFileSync(path.join(dir, 'statement.md'), 'utf8'),
  });
  for (const file of readDemoTranslations(dir)) await writeTranslations(db, file.lang, file.segments, 1);

  const revisionFile = path.join(dir, 'revision-2.json');
  if ((opts.throughRevision ?? 2) < 2 || !existsSync(revisionFile)) return;
  const revision = JSON.parse(readFileSync(revisionFile, 'utf8')) as RevisionFile;
  await publishRevision(db, coordinator, DEMO_DOCUMENT_ID, {
    markdown: readFileSync(path.join(dir, revision.markdown), 'utf8'),
    baseRevision: 1,
    dryRun: false,
  });
  for (const [lang, items] of Object.entries(revision.followUps)) await writeTranslations(db, lang as LanguageCode, items, 2);
}
