import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDb, type Db } from '@lockstep/server/db';
import { migrate } from '@lockstep/server/db/migrate';
import { createDocument } from '@lockstep/server/services/documents';
import { dashboardJson } from '@lockstep/server/services/dashboard';
import { StatisticsKeeper } from '@lockstep/server/services/statistics';
import { createApp } from '@lockstep/server/app';
import { createAppServer, listen } from '@lockstep/server/http/server';
import { createLogger } from '@lockstep/server/logger';
import { pino } from 'pino';
import { addUser, testApp, testConfig, tokenFor } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';
import { machineCpuMs, postgresCpuMs, processCpuMs } from './cpu.js';
import { benchSegments, CONCURRENCY, runLoad, runPgbench, seedSavesBench, startLoadGenerator, type PgbenchRun } from './savesLoad.js';
import { startFloorServer } from './savesFloor.js';
import { median, percentile, type Workload } from './harness.js';
import { stampedDashboard } from './progressStamps.js';

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

/**
 * The app as `npm start` runs it, logging every request at level info, into /dev/null rather
 * than the terminal (the same synchronous writes as to standard output).
 */
async function serve(db: Db): Promise<{ base: string; stop: () => Promise<void> }> {
  const logger = createLogger('info', pino.destination({ dest: '/dev/null', sync: true }));
  const { app } = createApp({ db, config: testConfig(), logger });
  const server = createAppServer(app);
  await listen(server, 0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((r) => server.close(() => r(undefined))),
  };
}

const SAVES_PER_RUN = process.env.DATABASE_URL ? 4000 : 1000;
let savesDb: { db: Db; close: () => Promise<void> } | undefined;
let savesServer: { base: string; stop: () => Promise<void> } | undefined;
let loadGenerator: ChildProcess | undefined;
let pgbench: PgbenchRun | undefined;
let floor: { perSecond: number; p99: number } | undefined;
let runs = 0;
let statements = 0;
let measuredStatements = 0;
let transactions = 0;
let measuredTransactions = 0;
// CPU ms spent over the measured runs: the server (this process), the load generator, PostgreSQL, the machine.
let serverCpuMs = 0;
let loadCpuMs = 0;
let pgCpuMs = 0;
let machineMs = 0;
const latencies: number[] = [];
const runSeconds: number[] = [];

export const savesWorkload: Workload = {
  name: 'saves',
  description: `PUT translation over HTTP, ${CONCURRENCY} concurrent writers on ${CONCURRENCY} segments, ${SAVES_PER_RUN} saves per run`,
  iterations: 3,
  async prepare() {
    // Measured first, while nothing else runs.
    pgbench = await runPgbench();
    savesDb = await benchDb(CONCURRENCY);
    const { db } = savesDb;
    // The server's handle counts its statements and transactions (the live events' sequencer
    // runs one per numbering): saves arriving together share statements (db/batcher.ts).
    const counted: Db = {
      ...db,
      query: (text, params) => (statements++, db.query(text, params)),
      transaction: (fn) => (transactions++, db.transaction(fn)),
    };
    savesServer = await serve(counted);
    const token = await seedSavesBench(db as TestDb);
    const base = savesServer.base;
    const segments = await benchSegments(base, token);
    const generator = startLoadGenerator({ base, token, segments });
    loadGenerator = generator;
    // The floor (savesFloor.ts), on the same database, pool and load generator: warmed, then timed once.
    const floorServer = await startFloorServer(db, segments);
    try {
      await runLoad(generator, SAVES_PER_RUN / 4, floorServer.base);
      const floorRun = await runLoad(generator, SAVES_PER_RUN, floorServer.base);
      if (floorRun.error) throw new Error(floorRun.error);
      floor = { perSecond: SAVES_PER_RUN / floorRun.seconds, p99: percentile(floorRun.latencies, 99) };
    } finally {
      await floorServer.stop();
    }
    return async () => {
      const measured = runs++ > 0; // the harness's warm-up run is not counted
      const cpu0 = processCpuMs();
      const pg0 = postgresCpuMs();
      const machine0 = machineCpuMs();
      const statements0 = statements;
      const transactions0 = transactions;
      const result = await runLoad(generator, SAVES_PER_RUN);
      if (result.error) throw new Error(result.error);
      if (measured) {
        serverCpuMs += processCpuMs() - cpu0;
        loadCpuMs += result.cpuMs;
        if (pg0 !== undefined) pgCpuMs += postgresCpuMs()! - pg0;
        if (machine0 !== undefined) machineMs += machineCpuMs()! - machine0;
        latencies.push(...result.latencies);
        runSeconds.push(result.seconds);
        measuredStatements += statements - statements0;
        measuredTransactions += transactions - transactions0;
      }
    };
  },
  report() {
    const savesPerSecond = SAVES_PER_RUN / median(runSeconds);
    const measuredSaves = SAVES_PER_RUN * runSeconds.length;
    const perSave = (ms: number) => Number((ms / measuredSaves).toFixed(3));
    const machinePerSave = machineMs > 0 ? perSave(machineMs) : undefined;
    const cpu = {
      'server CPU ms/save': perSave(serverCpuMs),
      'load generator CPU ms/save': perSave(loadCpuMs),
      ...(savesDb!.db.kind === 'postgres' ? { 'PostgreSQL CPU ms/save': perSave(pgCpuMs) } : {}),
      ...(machinePerSave !== undefined ? { 'machine CPU ms/save': machinePerSave } : {}),
      ...(pgbench?.machineMsPerTx !== undefined ? { 'machine CPU ms/pgbench tx': Number(pgbench.machineMsPerTx.toFixed(3)) } : {}),
    };
    return {
      ...cpu,
      database: savesDb!.db.kind,
      'saves/s': Math.round(savesPerSecond),
      'statements/save': Number((measuredStatements / measuredSaves).toFixed(2)),
      'transactions/save': Number((measuredTransactions / measuredSaves).toFixed(3)),
      'p50 ms': percentile(latencies, 50),
      'p99 ms': percentile(latencies, 99),
      ...(pgbench !== undefined
        ? { 'pgbench -N tps': Math.round(pgbench.tps), 'ratio vs pgbench': Number((savesPerSecond / pgbench.tps).toFixed(3)) }
        : { pgbench: 'not run (needs DATABASE_URL and pgbench)' }),
      ...(floor
        ? {
            'floor saves/s (node:http, one UPDATE)': Math.round(floor.perSecond),
            'floor p99 ms': floor.p99,
            ...(pgbench !== undefined ? { 'floor ratio vs pgbench': Number((floor.perSecond / pgbench.tps).toFixed(3)) } : {}),
          }
        : {}),
    };
  },
  async teardown() {
    loadGenerator?.kill();
    await savesServer?.stop();
    await savesDb?.close();
  },
};

// ------------------------------------------------------------------------------------------
// progress-1000: GET /api/progress across 1,000 documents × 8 languages.

/**
 * The answer built in this process (no HTTP) by the server's code and by the previous design
 * (progressStamps.ts), each with a copy of its own, after the same changes, taking turns at
 * going first: nothing changed, every row rewritten with the same numbers, every row's
 * numbers moved. Both must give the same text.
 */
async function againstStamps(db: Db): Promise<Record<string, number>> {
  const stamped = stampedDashboard(db);
  const variants = { now: () => dashboardJson(db), stamps: stamped };
  if ((await variants.now()) !== (await variants.stamps())) throw new Error('the two dashboards differ');
  const out: Record<string, number> = {};
  const changes: [string, (i: number) => Promise<unknown>][] = [
    ['nothing changed', async () => undefined],
    ['all rewritten', () => db.query('UPDATE language_progress SET last_activity = last_activity')],
    ['all moved', (i) => db.query(`UPDATE language_progress SET last_activity = coalesce(last_activity, '2026-01-01') + $1 * interval '1 millisecond'`, [i % 2 ? -1 : 1])],
  ];
  for (const [name, change] of changes) {
    const times = { now: [] as number[], stamps: [] as number[] };
    for (let i = 0; i < 10; i++) {
      await change(i);
      const order = i % 2 ? (['stamps', 'now'] as const) : (['now', 'stamps'] as const);
      const answers: string[] = [];
      for (const variant of order) {
        const t0 = performance.now();
        answers.push(await variants[variant]());
        times[variant].push(performance.now() - t0);
      }
      if (answers[0] !== answers[1]) throw new Error(`the two dashboards differ after "${name}"`);
    }
    out[`in process, ${name}: median ms`] = Number(median(times.now).toFixed(1));
    out[`previous design (stamps), ${name}: median ms`] = Number(median(times.stamps).toFixed(1));
  }
  return out;
}

const DOCUMENTS = 1000;
let progressDb: { db: Db; close: () => Promise<void> } | undefined;
let progressServer: { base: string; stop: () => Promise<void> } | undefined;
let translationRows = 0;
let responseBytes = 0;
let coldMs = 0;
let movedMs = 0;
let tenChangedMs = 0;
let inProcess: Record<string, number> = {};
let floorMs = 0;

/**
 * The floor of a look over HTTP: the same answer, already made, from a bare node:http server
 * (no routing, no session, no database), fetched and read to the last byte as the timed looks.
 */
async function sameBytesFromNodeHttp(body: string): Promise<number> {
  const bytes = Buffer.from(body);
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length }).end(bytes));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      const text = await (await fetch(url)).text();
      if (text.length !== body.length) throw new Error('floor answered short');
      times.push(performance.now() - t0);
    }
    return median(times.slice(1));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

export const progressWorkload: Workload = {
  name: 'progress-1000',
  description: `GET /api/progress over HTTP until the last byte: ${DOCUMENTS} documents × ${TARGETS.length} languages, 25 segments each; timed runs with nothing changed between looks`,
  iterations: 50,
  async prepare() {
    progressDb = await benchDb(4);
    const { db } = progressDb;
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} has a first sentence. And it has a second one.`);
    // The server's statistics look (every 30 s in an app) every 50 documents: without it the
    // creations slowed down quadratically on a database without autovacuum (planGrowth.slow.test.ts).
    const statistics = new StatisticsKeeper(db, { debug: () => undefined, warn: console.warn });
    for (let d = 0; d < DOCUMENTS; d++) {
      const markdown = paragraphs.map((p) => p.replace('Paragraph', `Paragraph ${d}.`)).join('\n\n') + '\n\ninfo@example.org\n';
      await createDocument(db, null, { id: `doc-${d}`, title: `Document ${d}`, sourceLang: 'en', targetLangs: [...TARGETS], markdown });
      if (d % 50 === 49) await statistics.look();
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
    const look = async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      if (res.status !== 200 || text.length < 1_000_000) throw new Error(`progress answered ${res.status}`);
      responseBytes = text.length;
    };
    // The server keeps each document's entry until its rows change (services/progress.ts), so
    // besides the steady look (nothing changed, the timed runs) two looks after changes:
    // progress rows rewritten in every document (all entries built again: a cold cache) and
    // in ten documents (a busy day between two refreshes). Rewritten with no value changed,
    // which gives the rows new versions just as a save does.
    // And once more with every row's numbers moved (its activity a millisecond later): then
    // every entry has to be built again, not only read.
    const touch = (documents: number, i: number, moved = false) =>
      db.query(
        moved
          ? `UPDATE language_progress SET last_activity = coalesce(last_activity, '2026-01-01') + interval '1 millisecond' WHERE document_id = ANY($1)`
          : 'UPDATE language_progress SET last_activity = last_activity WHERE document_id = ANY($1)',
        [Array.from({ length: documents }, (_, k) => `doc-${(i * documents + k) % DOCUMENTS}`)],
      );
    const afterTouching = async (documents: number, rounds: number, moved = false) => {
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        await touch(documents, i, moved);
        const t0 = performance.now();
        await look();
        times.push(performance.now() - t0);
      }
      return median(times);
    };
    coldMs = await afterTouching(DOCUMENTS, 10);
    movedMs = await afterTouching(DOCUMENTS, 10, true);
    tenChangedMs = await afterTouching(10, 20);
    inProcess = await againstStamps(db);
    floorMs = await sameBytesFromNodeHttp(await dashboardJson(db));
    // Timed: the request until the whole body has arrived. Parsing 2 MB of JSON is the
    // client's work (~9 ms here), not the server's.
    return look;
  },
  report(times) {
    return {
      database: progressDb!.db.kind,
      'p99 ms': percentile(times, 99),
      'every document changed: median ms': Number(coldMs.toFixed(1)),
      'every document changed, numbers moved: median ms': Number(movedMs.toFixed(1)),
      'floor, the same bytes from node:http: median ms': Number(floorMs.toFixed(1)),
      '10 documents changed: median ms': Number(tenChangedMs.toFixed(1)),
      'translation rows': translationRows,
      'response bytes': responseBytes,
      ...inProcess,
    };
  },
  async teardown() {
    await progressServer?.stop();
    await progressDb?.close();
  },
};
