import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { createDocument } from '@lockstep/server/services/documents';
import { addUser, testApp, tokenFor } from '../support/app.js';
import type { TestDb } from '../support/testDb.js';
import { machineCpuMs } from './cpu.js';

/** Writers in the saves benches, and pgbench's clients. */
export const CONCURRENCY = 32;

/**
 * What the saves benches write to: document `bench` with CONCURRENCY one-sentence segments
 * and target `ko`, and a coordinator; returns the coordinator's token.
 */
export async function seedSavesBench(db: TestDb): Promise<string> {
  const { app } = testApp(db);
  await addUser(db, 'coord@bench.lockstep', 'coordinator');
  const token = await tokenFor(app, 'coord@bench.lockstep');
  const markdown = Array.from({ length: CONCURRENCY }, (_, i) => `Sentence number ${i + 1} of the benchmark statement.`).join('\n\n');
  await createDocument(db, null, { id: 'bench', title: 'Bench', sourceLang: 'en', targetLangs: ['ko'], markdown });
  return token;
}

/** The bench document's segment ids, as the server at `base` lists them. */
export async function benchSegments(base: string, token: string): Promise<string[]> {
  const listed = await fetch(`${base}/api/documents/bench/segments?lang=ko`, { headers: { authorization: `Bearer ${token}` } });
  return ((await listed.json()) as { segments: { id: string }[] }).segments.map((s) => s.id);
}

/**
 * pgbench's simple-update transaction (-N) on the same server, in the same run: what this
 * machine's PostgreSQL does when nothing but SQL stands in the way, and the machine's CPU per
 * transaction (PostgreSQL and the pgbench client together, read from /proc/stat: pgbench's
 * backends exit with it, so their own counters cannot be read afterwards). Undefined without
 * PostgreSQL or without pgbench.
 */
export interface PgbenchRun {
  tps: number;
  machineMsPerTx?: number;
}

export async function runPgbench(): Promise<PgbenchRun | undefined> {
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
    const machine0 = machineCpuMs();
    const run = spawnSync('pgbench', [...args, '-N', '-c', String(CONCURRENCY), '-j', '2', '-T', '10', name], { encoding: 'utf8', env });
    const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout);
    const done = /number of transactions actually processed: (\d+)/.exec(run.stdout);
    if (run.status !== 0 || !m) throw new Error(`pgbench failed: ${run.stderr}`);
    const machine1 = machineCpuMs();
    const machineMsPerTx = machine0 !== undefined && machine1 !== undefined && done ? (machine1 - machine0) / Number(done[1]) : undefined;
    return { tps: Number(m[1]), machineMsPerTx };
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

// ------------------------------------------------------------------------------------------
// saves: PUT …/translations/:lang over HTTP, CONCURRENCY writers in a closed loop, each on a
// segment of its own (edits of translated text: the editor's steady state). The load comes
// from a child process on node:http with keep-alive, so the server's event loop is the
// server's alone and the load costs what a lean client costs: the first version used fetch
// in a worker thread, which spent 0.48 ms of CPU per request against node:http's 0.10 ms
// (measured against one server, same run), on the same two cores as the server and the
// database.

const LOAD_GENERATOR = `
const http = require('node:http');
const { base, token, segments } = JSON.parse(process.argv[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: segments.length });
// Each server (the app, the floor) keeps its own versions.
const versionsOf = new Map();
let counter = 0;
function put(target, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: target.hostname, port: target.port, path, method: 'PUT', headers: {
      authorization: 'Bearer ' + token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
process.on('message', async ({ saves, base: runBase }) => {
  const target = new URL(runBase || base);
  if (!versionsOf.has(target.href)) versionsOf.set(target.href, segments.map(() => 1));
  const versions = versionsOf.get(target.href);
  const latencies = [];
  let left = saves;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    await Promise.all(segments.map(async (seg, w) => {
      while (left > 0) {
        left--;
        const started = performance.now();
        const res = await put(target, '/api/documents/bench/segments/' + seg + '/translations/ko',
          JSON.stringify({ text: 'Benchmark sentence ' + w + ', take ' + counter++ + '.', version: versions[w] }));
        const body = JSON.parse(res.body);
        if (res.status !== 200) throw new Error('save answered ' + res.status + ': ' + res.body);
        versions[w] = body.translation.version;
        latencies.push(performance.now() - started);
      }
    }));
    const cpu = process.cpuUsage(cpu0);
    process.send({ latencies, seconds: (performance.now() - t0) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 });
  } catch (err) {
    process.send({ error: String(err) });
  }
});
`;

/** The load generator's process, driven by messages (one per run). */
export function startLoadGenerator(config: { base: string; token: string; segments: string[] }): ChildProcess {
  return spawn(process.execPath, ['-e', LOAD_GENERATOR, JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

export interface LoadRun {
  latencies: number[];
  seconds: number;
  cpuMs: number;
  error?: string;
}

export function runLoad(generator: ChildProcess, saves: number, base?: string): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    // One pair of listeners per run, both gone when either fires.
    const exited = (code: number | null) => {
      generator.off('message', answered);
      reject(new Error(`the load generator exited (${code})`));
    };
    const answered = (m: unknown) => {
      generator.off('exit', exited);
      resolve(m as LoadRun);
    };
    generator.once('message', answered);
    generator.once('exit', exited);
    generator.send({ saves, base });
  });
}
