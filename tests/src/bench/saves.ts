import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { openDb, type Db } from '@lockstep/server/db';
import { migrate } from '@lockstep/server/db/migrate';
import { createDocument } from '@lockstep/server/services/documents';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';
import { postgresCpuMs, processCpuMs } from './cpu.js';
import { median, percentile, type Workload } from './harness.js';

const CONCURRENCY = 32;
const TARGETS = ['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'] as const;

/**
 * A database for a server under load: on PostgreSQL this run's own database (dropped at the
 * end) with a pool as wide as the load; on PGlite a fresh in-memory one. Not the tests'
 * strict handle, whose guard counts open transactions per process and so trips on any two
 * concurrent requests.
 */
async function benchDb(poolSize: number): Promise<{ db: Db; close: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const owner: TestDb = await openTestDb();
    const db = await openDb({ url: owner.url!, poolSize });
    return { db, close: async () => (await db.close(), await owner.close()) };
  }
  const db = await openDb({ dataDir: 'memory://' });
  await migrate(db);
  return { db, close: () => db.close() };
}

async function serve(db: Db): Promise<{ base: string; stop: () => Promise<void> }> {
  const { app } = testApp(db as TestDb);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((r) => server.close(() => r(undefined))),
  };
}

/**
 * pgbench's simple-update transaction (-N) on the same server, in the same run: what this
 * machine's PostgreSQL does when nothing but SQL stands in the way. Undefined without
 * PostgreSQL or without pgbench.
 */
async function pgbenchTps(): Promise<number | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url || spawnSync('pgbench', ['--version']).status !== 0) return undefined;
  const u = new URL(url);
  const name = `lockstep_pgbench_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username) || 'postgres'];
  const env = { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) };
  await admin(`CREATE DATABASE ${name}`);
  try {
    const init = spawnSync('pgbench', [...args, '-i', '-q', name], { encoding: 'utf8', env });
    if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);
    const pgCpu0 = postgresCpuMs();
    const run = spawnSync('pgbench', [...args, '-N', '-c', String(CONCURRENCY), '-j', '2', '-T', '10', name], { encoding: 'utf8', env });
    const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout);
    const done = /number of transactions actually processed: (\d+)/.exec(run.stdout);
    if (run.status !== 0 || !m) throw new Error(`pgbench failed: ${run.stderr}`);
    if (pgCpu0 !== undefined && done) pgbenchPgCpuPerTx = (postgresCpuMs()! - pgCpu0) / Number(done[1]);
    return Number(m[1]);
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

// ------------------------------------------------------------------------------------------
// saves: PUT …/translations/:lang over HTTP, CONCURRENCY writers in a closed loop, each on a
// segment of its own (edits of translated text: the editor's steady state). The load comes
// from a worker thread, so the server's event loop is the server's alone, as it would be
// with clients on other machines.

const LOAD_GENERATOR = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, token, segments } = workerData;
const versions = segments.map(() => 1);
let counter = 0;
parentPort.on('message', async ({ saves }) => {
  const latencies = [];
  let left = saves;
  const headers = { authorization: 'Bearer ' + token, 'content-type': 'application/json' };
  const t0 = performance.now();
  try {
    await Promise.all(segments.map(async (seg, w) => {
      while (left > 0) {
        left--;
        const started = performance.now();
        const res = await fetch(base + '/api/documents/bench/segments/' + seg + '/translations/ko', {
          method: 'PUT', headers,
          body: JSON.stringify({ text: 'Benchmark sentence ' + w + ', take ' + counter++ + '.', version: versions[w] }),
        });
        const body = await res.json();
        if (res.status !== 200) throw new Error('save answered ' + res.status + ': ' + JSON.stringify(body));
        versions[w] = body.translation.version;
        latencies.push(performance.now() - started);
      }
    }));
    parentPort.postMessage({ latencies, seconds: (performance.now() - t0) / 1000 });
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  }
});
`;

const SAVES_PER_RUN = process.env.DATABASE_URL ? 4000 : 1000;
let savesDb: { db: Db; close: () => Promise<void> } | undefined;
let savesServer: { base: string; stop: () => Promise<void> } | undefined;
let loadGenerator: Worker | undefined;
let pgbench: number | undefined;
let pgbenchPgCpuPerTx: number | undefined;
let runs = 0;
// CPU ms spent over the measured runs: this process (server + load generator) and PostgreSQL.
let benchCpuMs = 0;
let pgCpuMs = 0;
const latencies: number[] = [];
const runSeconds: number[] = [];

export const savesWorkload: Workload = {
  name: 'saves',
  description: `PUT translation over HTTP, ${CONCURRENCY} concurrent writers on ${CONCURRENCY} segments, ${SAVES_PER_RUN} saves per run`,
  iterations: 3,
  async prepare() {
    // Measured first, while nothing else runs.
    pgbench = await pgbenchTps();
    savesDb = await benchDb(CONCURRENCY);
    const { db } = savesDb;
    savesServer = await serve(db);
    const { app } = testApp(db as TestDb);
    await addUser(db as TestDb, 'coord@bench.lockstep', 'coordinator');
    const token = await tokenFor(app, 'coord@bench.lockstep');
    const markdown = Array.from({ length: CONCURRENCY }, (_, i) => `Sentence number ${i + 1} of the benchmark statement.`).join('\n\n');
    await createDocument(db, null, { id: 'bench', title: 'Bench', sourceLang: 'en', targetLangs: ['ko'], markdown });
    const base = savesServer.base;
    const listed = await fetch(`${base}/api/documents/bench/segments?lang=ko`, { headers: { authorization: `Bearer ${token}` } });
    const segments = ((await listed.json()) as { segments: { id: string }[] }).segments.map((s) => s.id);
    const worker = new Worker(LOAD_GENERATOR, { eval: true, workerData: { base, token, segments } });
    loadGenerator = worker;
    return async () => {
      const measured = runs++ > 0; // the harness's warm-up run is not counted
      const cpu0 = processCpuMs();
      const pg0 = postgresCpuMs();
      const result = await new Promise<{ latencies: number[]; seconds: number; error?: string }>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage({ saves: SAVES_PER_RUN });
      });
      if (result.error) throw new Error(result.error);
      if (measured) {
        benchCpuMs += processCpuMs() - cpu0;
        if (pg0 !== undefined) pgCpuMs += postgresCpuMs()! - pg0;
        latencies.push(...result.latencies);
        runSeconds.push(result.seconds);
      }
    };
  },
  report() {
    const savesPerSecond = SAVES_PER_RUN / median(runSeconds);
    const measuredSaves = SAVES_PER_RUN * runSeconds.length;
    const cpu = {
      'server+client CPU ms/save': Number((benchCpuMs / measuredSaves).toFixed(3)),
      ...(savesDb!.db.kind === 'postgres' ? { 'PostgreSQL CPU ms/save': Number((pgCpuMs / measuredSaves).toFixed(3)) } : {}),
      ...(pgbenchPgCpuPerTx !== undefined ? { 'PostgreSQL CPU ms/pgbench tx': Number(pgbenchPgCpuPerTx.toFixed(3)) } : {}),
    };
    return {
      ...cpu,
      database: savesDb!.db.kind,
      'saves/s': Math.round(savesPerSecond),
      'p50 ms': percentile(latencies, 50),
      'p99 ms': percentile(latencies, 99),
      ...(pgbench !== undefined
        ? { 'pgbench -N tps': Math.round(pgbench), 'ratio vs pgbench': Number((savesPerSecond / pgbench).toFixed(3)) }
        : { pgbench: 'not run (needs DATABASE_URL and pgbench)' }),
    };
  },
  async teardown() {
    await loadGenerator?.terminate();
    await savesServer?.stop();
    await savesDb?.close();
  },
};

// ------------------------------------------------------------------------------------------
// progress-1000: GET /api/progress across 1,000 documents × 8 languages.

const DOCUMENTS = 1000;
let progressDb: { db: Db; close: () => Promise<void> } | undefined;
let progressServer: { base: string; stop: () => Promise<void> } | undefined;
let translationRows = 0;
let responseBytes = 0;

export const progressWorkload: Workload = {
  name: 'progress-1000',
  description: `GET /api/progress over HTTP until the last byte: ${DOCUMENTS} documents × ${TARGETS.length} languages, 25 segments each`,
  iterations: 50,
  async prepare() {
    progressDb = await benchDb(4);
    const { db } = progressDb;
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} has a first sentence. And it has a second one.`);
    for (let d = 0; d < DOCUMENTS; d++) {
      const markdown = paragraphs.map((p) => p.replace('Paragraph', `Paragraph ${d}.`)).join('\n\n') + '\n\ninfo@example.org\n';
      await createDocument(db, null, { id: `doc-${d}`, title: `Document ${d}`, sourceLang: 'en', targetLangs: [...TARGETS], markdown });
    }
    // Work in every state, spread over documents and languages (one set-based write each).
    await db.query(`UPDATE translations SET state = CASE WHEN random() < 0.5 THEN 'translated' WHEN random() < 0.4 THEN 'approved' ELSE 'untranslated' END`);
    await db.query(`UPDATE translations SET state = 'stale' WHERE random() < 0.05 AND state <> 'untranslated'`);
    translationRows = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM translations')).rows[0].n;
    progressServer = await serve(db);
    const { app } = testApp(db as TestDb);
    await addUser(db as TestDb, 'coord@bench.lockstep', 'coordinator');
    const token = await tokenFor(app, 'coord@bench.lockstep');
    const url = `${progressServer.base}/api/progress`;
    const first = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await first.json()) as { documents: { languages: Record<string, unknown> }[] };
    if (first.status !== 200 || body.documents.length !== DOCUMENTS || Object.keys(body.documents[0].languages).length !== TARGETS.length) {
      throw new Error(`progress answered ${first.status}`);
    }
    // Timed: the request until the whole body has arrived. Parsing 2 MB of JSON is the
    // client's work (~9 ms here), not the server's.
    return async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      if (res.status !== 200 || text.length < 1_000_000) throw new Error(`progress answered ${res.status}`);
      responseBytes = text.length;
    };
  },
  report(times) {
    return { database: progressDb!.db.kind, 'p99 ms': percentile(times, 99), 'translation rows': translationRows, 'response bytes': responseBytes };
  },
  async teardown() {
    await progressServer?.stop();
    await progressDb?.close();
  },
};
