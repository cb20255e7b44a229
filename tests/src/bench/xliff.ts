import { SaxesParser } from 'saxes';
import { readXliff, writeXliffString, type XliffUnit } from '@lockstep/shared';
import { createDocument } from '@lockstep/server/services/documents';
import { exportXliff } from '@lockstep/server/services/xliffExport';
import { importXliff } from '@lockstep/server/services/xliffImport';
import { findDocument } from '@lockstep/server/repos/documents';
import { openTestDb, type TestDb } from '../support/testDb.js';
import { median, type Workload } from './harness.js';
import { syntheticRevision } from './publish.js';

const LANGS = ['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'] as const;

function timed(fn: () => unknown, n = 3): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

/**
 * Export of one language of a 10,000-segment document (all 8 translated), with the floors
 * measured in the same run: building the same XLIFF string without the database, and saxes
 * parsing alone; the import's dry run of the exported file.
 */
export function xliffWorkload(version: '2.0' | '1.2'): Workload {
  let db: TestDb;
  let file = '';
  let importMs: number[] = [];
  return {
    name: `xliff-10k-${version}`,
    description: `XLIFF ${version} export of one language of a 10k-segment document (8 languages translated); import dry run`,
    iterations: 5,
    async prepare() {
      db = await openTestDb();
      await createDocument(db, null, { id: 'bench', title: 'Bench', sourceLang: 'en', targetLangs: [...LANGS], markdown: syntheticRevision(10_000).v1 });
      await db.query(`UPDATE translations SET state = 'translated', text = '[' || lang || '] translated text ' || segment_id, version = 2`);
      await db.query(
        `INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision) SELECT segment_id, lang, 'edit', text, state, 2, 1 FROM translations`,
      );
      const doc = (await findDocument(db, 'bench'))!;
      return async () => {
        const out = await exportXliff(db, null, doc, 'ko', { version, scope: 'all' });
        file = [...out.chunks].join('');
      };
    },
    async teardown() {
      await db.close();
    },
    report(times) {
      const parsed = readXliff(file);
      const units: XliffUnit[] = parsed.files[0].units.map((u) => ({ id: u.id, source: u.sourceRuns, target: u.target, state: 'translated' }));
      const meta = { exportId: parsed.files[0].exportId, documentId: 'bench', revision: 1, srcLang: 'en', trgLang: 'ko' };
      const writeFloor = timed(() => writeXliffString(meta, units, version));
      const readMs = timed(() => readXliff(file));
      const saxesFloor = timed(() => {
        const p = new SaxesParser({ xmlns: true });
        p.write(file).close();
      });
      return {
        units: units.length,
        'file MB': Number((Buffer.byteLength(file) / 1e6).toFixed(1)),
        'write floor ms': writeFloor,
        'ratio export/floor': Number((median(times) / writeFloor).toFixed(1)),
        'readXliff ms': readMs,
        'saxes floor ms': saxesFloor,
        'import dry-run ms': importMs.length ? median(importMs) : 'n/a',
      };
    },
    async beforeEach() {
      if (!file) return;
      // Untimed by the harness: the import's dry run of the last exported file, timed here.
      const doc = (await findDocument(db, 'bench'))!;
      const t0 = process.hrtime.bigint();
      await importXliff(db, { id: 0, role: 'admin', languages: [] }, doc, 'ko', Buffer.from(file), { dryRun: true });
      importMs = [...importMs, Number(process.hrtime.bigint() - t0) / 1e6];
    },
  };
}
