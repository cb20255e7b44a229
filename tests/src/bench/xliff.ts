import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { readXliff, writeXliffString, type XliffUnit } from '@lockstep/shared';
import type { Actor } from '@lockstep/shared';
import { createUser } from '@lockstep/server/services/accounts';
import { createDocument } from '@lockstep/server/services/documents';
import { operationPoints, type OperationPoint } from '@lockstep/server/faults';
import { exportXliff, EXPORT_BATCH } from '@lockstep/server/services/xliffExport';
import { closeExportCursor, fetchExportRows, openExportCursor, recordExport } from '@lockstep/server/repos/xliffExports';
import { importXliff, type ImportReport } from '@lockstep/server/services/xliffImport';
import { findDocument } from '@lockstep/server/repos/documents';
import { freePort, REPO_ROOT } from '../support/serverProcess.js';
import { openTestDb, type TestDb } from '../support/testDb.js';
import { median, phaseSpans, type Workload } from './harness.js';
import { syntheticRevision } from './publish.js';

const LANGS = ['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'] as const;
type Version = '2.0' | '1.2';

function timed(fn: () => unknown, n = 3): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const round = (ms: number) => Number(ms.toFixed(1));

/** An import's phases, by the operation points each ends at (server/src/faults.ts); the last one of a name counts. */
const DRY_RUN_PHASES: [string, string][] = [
  ['import:read', 'read'],
  ['import:fetched', 'plan reads'],
  ['import:planned', 'plan'],
];
const APPLY_PHASES: [string, string][] = [
  ['import:read', 'read'],
  ['import:locked', 'lock'],
  ['import:fetched', 'plan reads'],
  ['import:planned', 'plan'],
  ['import:batch', 'writes+history+progress'],
  ['import:suggested', 'suggestions'],
  ['import:announced', 'live event+webhook'],
  ['import:before-commit', 'report'],
  ['import:committed', 'commit'],
];

/** The median of each phase over the runs, labelled `<prefix> <phase> ms`. */
function phaseMedians(prefix: string, runs: readonly Record<string, number>[]): Record<string, number> {
  const labels = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(labels.map((l) => [`${prefix} ${l} ms`, round(median(runs.map((r) => r[l] ?? 0)))]));
}

/** A document of `segments` segments, every language translated (version 2, with its history event). */
async function translatedDocument(db: TestDb, id: string, segments: number): Promise<void> {
  await createDocument(db, null, { id, title: id, sourceLang: 'en', targetLangs: [...LANGS], markdown: syntheticRevision(segments).v1 });
  await db.query(
    `UPDATE translations t SET state = 'translated', text = '[' || t.lang || '] translated text ' || t.segment_id, version = 2
       FROM segments s WHERE s.id = t.segment_id AND s.document_id = $1`,
    [id],
  );
  await db.query(
    `INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision)
     SELECT t.segment_id, t.lang, 'edit', t.text, t.state, 2, 1 FROM translations t JOIN segments s ON s.id = t.segment_id WHERE s.document_id = $1`,
    [id],
  );
}

/**
 * XLIFF of a 10,000-segment document in all 8 languages: the timed call exports every language
 * (so the harness's median is the 8-language total); before each call, untimed by the harness
 * but timed here, the files of the previous export come back with every target edited, as a
 * dry run and then applied. Floors in the same run: building the same XLIFF string without the
 * database, and saxes parsing alone.
 */
export function xliffWorkload(version: Version): Workload {
  let db: TestDb;
  let actor: Actor;
  /** The last export of each language. */
  const files = new Map<string, string>();
  let round_ = 0;
  const exportMs: number[] = [];
  const dryRunMs: number[] = [];
  const applyMs: number[] = [];
  const totals = { export: [] as number[], dryRun: [] as number[], apply: [] as number[] };
  let lastDryRun: ImportReport | undefined;
  let lastApply: ImportReport | undefined;
  const dryRunSpans: Record<string, number>[] = [];
  const applySpans: Record<string, number>[] = [];
  let points: OperationPoint[] = [];
  const onPoint = (m: unknown) => points.push(m as OperationPoint);
  return {
    name: `xliff-10k-${version}`,
    description: `XLIFF ${version}, 10k-segment document × 8 languages: export (timed), import dry run and apply of every target edited`,
    iterations: 3,
    async prepare() {
      db = await openTestDb();
      const user = await createUser(db, { email: 'bench@example.org', name: 'bench', password: 'bench-password', role: 'admin', languages: [] });
      actor = { id: user.id, role: 'admin', languages: [] };
      await translatedDocument(db, 'bench', 10_000);
      operationPoints.subscribe(onPoint);
      return async () => {
        const doc = (await findDocument(db, 'bench'))!;
        const t0 = process.hrtime.bigint();
        const perLang: number[] = [];
        for (const lang of LANGS) {
          const t1 = process.hrtime.bigint();
          const chunks: string[] = [];
          await exportXliff(db, null, doc, lang, { version, scope: 'all' }, async (c) => void chunks.push(c));
          files.set(lang, chunks.join(''));
          perLang.push(since(t1));
        }
        // The harness's warm-up call (before the first import round) is not counted.
        if (round_ > 0) {
          exportMs.push(...perLang);
          totals.export.push(since(t0));
        }
      };
    },
    async beforeEach() {
      if (files.size === 0) return;
      round_ += 1;
      const doc = (await findDocument(db, 'bench'))!;
      // The translator's file: every target changed, so the apply writes 10k rows and events per language.
      const edited = [...files].map(([lang, xml]) => [lang, Buffer.from(xml.replace(/\] (?:translated|edited \d+) text /g, `] edited ${round_} text `))] as const);
      let dry = 0;
      let apply = 0;
      for (const [lang, bytes] of edited) {
        points = [];
        const p0 = performance.now();
        const t0 = process.hrtime.bigint();
        lastDryRun = await importXliff(db, actor, doc, lang, bytes, { dryRun: true });
        const ms = since(t0);
        dryRunSpans.push(phaseSpans(DRY_RUN_PHASES, p0, points, performance.now()));
        dryRunMs.push(ms);
        dry += ms;
      }
      totals.dryRun.push(dry);
      // The apply runs one round only: it writes one statement per unit (10k per language), and
      // three rounds of eight would dominate the whole bench.
      if (round_ > 1) return;
      for (const [lang, bytes] of edited) {
        points = [];
        const p0 = performance.now();
        const t0 = process.hrtime.bigint();
        lastApply = await importXliff(db, actor, doc, lang, bytes, { dryRun: false });
        const ms = since(t0);
        applySpans.push(phaseSpans(APPLY_PHASES, p0, points, performance.now()));
        applyMs.push(ms);
        apply += ms;
      }
      totals.apply.push(apply);
    },
    async teardown() {
      operationPoints.unsubscribe(onPoint);
      await db.close();
    },
    async report() {
      const file = [...files.values()][0] ?? '';
      const parsed = readXliff(file);
      const units: XliffUnit[] = parsed.files[0].units.map((u) => ({ id: u.id, source: u.sourceRuns, target: u.target, state: 'translated' }));
      const meta = { exportId: parsed.files[0].exportId, documentId: 'bench', revision: 1, srcLang: 'en', trgLang: 'es' };
      const writeFloor = timed(() => writeXliffString(meta, units, version));
      const saxesFloor = timed(() => new SaxesParser({ xmlns: true }).write(file).close());
      return {
        units: units.length,
        'file MB': Number((Buffer.byteLength(file) / 1e6).toFixed(1)),
        'export ms/lang': round(median(exportMs)),
        'export ms total(8)': round(median(totals.export)),
        'write floor ms/lang': round(writeFloor),
        'dry-run ms/lang': round(median(dryRunMs)),
        'dry-run ms total(8)': round(median(totals.dryRun)),
        'apply ms/lang': round(median(applyMs)),
        'apply ms total(8)': round(median(totals.apply)),
        'dry-run applicable (last)': lastDryRun?.applied.length ?? 0,
        'applied units (last)': lastApply?.applied.length ?? 0,
        'readXliff ms/lang': round(timed(() => readXliff(file))),
        'saxes floor ms/lang': round(saxesFloor),
        ...phaseMedians('dry-run', dryRunSpans),
        ...phaseMedians('apply', applySpans),
        ...(await exportFloors(db)),
        ...(await applyWriteFloors(db)),
      };
    },
  };
}

/**
 * The export's database parts alone on the bench document's 'es' (medians of three, rolled
 * back): the cursor's query fetched in the export's batches, and the ledger's units.
 */
async function exportFloors(db: TestDb): Promise<Record<string, number>> {
  const query: number[] = [];
  const ledger: number[] = [];
  const rows = { documentId: 'bench', lang: 'es', todoOnly: false };
  for (let i = 0; i < 3; i++) {
    await db.transaction(async (tx) => {
      let t0 = performance.now();
      await openExportCursor(tx, rows);
      while ((await fetchExportRows(tx, EXPORT_BATCH)).length > 0);
      await closeExportCursor(tx);
      query.push(performance.now() - t0);
      t0 = performance.now();
      await recordExport(tx, { id: `floor-${i}`, documentId: 'bench', lang: 'es', revision: 1, version: '2.0', scope: 'all', createdBy: null }, rows);
      ledger.push(performance.now() - t0);
      throw new RolledBack();
    }).catch((err) => {
      if (!(err instanceof RolledBack)) throw err;
    });
  }
  return { 'export query floor ms': round(median(query)), 'export ledger ms': round(median(ledger)) };
}

/**
 * What an apply's writes cost at the least (medians of three, rolled back): every row of the
 * bench document's 'es' given a new text, state and version, and one history row each, as two
 * set-based statements with nothing else: no plan reads, no version checks, and with
 * `session_replication_role = replica` no triggers (progress counters) and no foreign-key
 * checks. Beside it the same two statements with triggers and checks on.
 */
async function applyWriteFloors(db: TestDb): Promise<Record<string, number>> {
  const bare: number[] = [];
  const checked: number[] = [];
  for (let i = 0; i < 6; i++) {
    const withTriggers = i % 2 === 1;
    await db.transaction(async (tx) => {
      if (!withTriggers) await tx.query('SET LOCAL session_replication_role = replica');
      const t0 = performance.now();
      await tx.query(
        `UPDATE translations t SET text = 'floor ' || s.position, state = 'translated', version = t.version + 1, updated_at = now()
           FROM segments s WHERE s.id = t.segment_id AND s.document_id = 'bench' AND s.retired_in IS NULL AND t.lang = 'es'`,
      );
      await tx.query(
        `INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision)
         SELECT t.segment_id, t.lang, 'import', t.text, t.state, t.version, 1
           FROM translations t JOIN segments s ON s.id = t.segment_id
          WHERE s.document_id = 'bench' AND s.retired_in IS NULL AND t.lang = 'es'`,
      );
      (withTriggers ? checked : bare).push(performance.now() - t0);
      throw new RolledBack();
    }).catch((err) => {
      if (!(err instanceof RolledBack)) throw err;
    });
  }
  return { 'apply write floor ms (no triggers, no FK checks)': round(median(bare)), 'apply write floor ms (triggers, FK checks)': round(median(checked)) };
}

class RolledBack extends Error {}

/** Current and peak resident set of a process (Linux /proc), MB. */
function rssMb(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

interface Measured {
  idleMb: number;
  peakMb: number;
  mbPerLang: number;
  msPerLang: number;
}

/**
 * One fresh server process exports document `id` over HTTP in all 8 languages, both versions;
 * its peak RSS (kernel high-water mark) against its RSS once signed in, before any export.
 */
async function serverExport(db: TestDb, id: string): Promise<Measured> {
  const port = await freePort();
  const { NODE_OPTIONS: _n, ...env } = process.env;
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'server', 'dist', 'index.js')], {
    cwd: REPO_ROOT,
    env: { ...env, DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: 'warn', LOCKSTEP_DEMO: '0', LOCKSTEP_ADMIN_EMAIL: 'rss@example.org', LOCKSTEP_ADMIN_PASSWORD: 'bench-password' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300 && !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
    const session = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'rss@example.org', password: 'bench-password' }) });
    const { token } = (await session.json()) as { token: string };
    const idleMb = rssMb(child.pid!).now;
    const sizes: number[] = [];
    const times: number[] = [];
    for (const version of ['2.0', '1.2']) {
      for (const lang of LANGS) {
        const t0 = process.hrtime.bigint();
        const res = await fetch(`${base}/api/documents/${id}/xliff/${lang}?version=${version}`, { headers: { authorization: `Bearer ${token}` } });
        if (!res.ok) throw new Error(`export ${id} ${lang}: ${res.status}`);
        let bytes = 0;
        const reader = res.body!.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
        times.push(since(t0));
        sizes.push(bytes);
      }
    }
    return { idleMb, peakMb: rssMb(child.pid!).peak, mbPerLang: median(sizes) / 1e6, msPerLang: median(times) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * Memory flat in document size: a server process (PostgreSQL) exporting a 10k-segment document
 * and another exporting a 50k-segment one, each every language in both versions; the ratio of
 * the two peaks (and of the peaks above the idle server) should stay near 1 while the files
 * grow fivefold.
 */
export function xliffExportRssWorkload(): Workload {
  let db: TestDb | undefined;
  const results = new Map<string, Measured>();
  return {
    name: 'xliff-export-rss-server',
    description: 'server process on PostgreSQL exporting a 10k vs a 50k-segment document (8 languages × 2 versions): server peak RSS',
    iterations: 1,
    async prepare() {
      if (!process.env.DATABASE_URL) return () => undefined;
      db = await openTestDb();
      const built = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-b', 'server'], { cwd: REPO_ROOT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('tsc -b server failed');
      await translatedDocument(db, 'd10k', 10_000);
      await translatedDocument(db, 'd50k', 50_000);
      return async () => {
        for (const id of ['d10k', 'd50k']) results.set(id, await serverExport(db!, id));
      };
    },
    report(): Record<string, number | string> {
      const a = results.get('d10k');
      const b = results.get('d50k');
      if (!a || !b) return { skipped: 'needs DATABASE_URL (PostgreSQL)' };
      return {
        'idle RSS MB': round(a.idleMb),
        '10k: file MB/lang': round(a.mbPerLang),
        '10k: ms/lang': round(a.msPerLang),
        '10k: peak RSS MB': round(a.peakMb),
        '50k: file MB/lang': round(b.mbPerLang),
        '50k: ms/lang': round(b.msPerLang),
        '50k: peak RSS MB': round(b.peakMb),
        'peak ratio 50k/10k': Number((b.peakMb / a.peakMb).toFixed(2)),
        'above-idle ratio 50k/10k': Number(((b.peakMb - b.idleMb) / (a.peakMb - a.idleMb)).toFixed(2)),
      };
    },
    async teardown() {
      await db?.close();
    },
  };
}
