import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { XLIFF_MAX_BYTES } from '@lockstep/shared';
import { largeXliffOfSize } from '../support/largeXliff.js';
import { REPO_ROOT, startBuiltServer, tempDir } from '../support/serverProcess.js';
import { openTestDb, type TestDb } from '../support/testDb.js';
import { percentile, type Workload } from './harness.js';
import { createDocument } from '@lockstep/server/services/documents';
import { benchSegments, seedSavesBench } from './savesLoad.js';

// ------------------------------------------------------------------------------------------
// parse-load: is the server still responsive while it reads large uploads? The built server
// (as `npm start` runs it) on PostgreSQL; two probes, each one request at a time with a short
// pause (sampling latency, not saturating): GET /api/health and a save (PUT …/translations/ko).
// Each timed call is one idle phase (nothing else running) and one loaded phase (two clients
// each sending a 20 MB XLIFF file to POST /api/xliff/inspect again as soon as it answers, from
// a process of their own), so both phases see the same machine drift. Reported: p50/p99 of each probe per phase and the
// loaded/idle ratio of p99 (issue 18: p99 under 100 ms and within 2x of idle). The loaded phase
// also runs issue 18's other attack: twelve memory lookups of a 20,000-character sentence, each
// abandoned by its client after 2 s and sent again. What holds the request thread meanwhile:
// LOCKSTEP_PARSE_LOAD_NODE_ARGS="--require $PWD/tests/src/bench/threadProbe.cjs" (Linux).

const PHASE_MS = 5_000;
/** As large as the API takes (20 MiB), less room for the file's tail. */
const FILE_BYTES = XLIFF_MAX_BYTES - 64 * 1024;
const PROBE_PAUSE_MS = 20;
/**
 * `LOCKSTEP_PARSE_LOAD_ATTACKS=inspect` or `=memory` runs one of the two attacks alone, to see
 * which one costs the probes their latency; both by default.
 */
const ATTACKS = (process.env.LOCKSTEP_PARSE_LOAD_ATTACKS ?? 'inspect,memory').split(',');
/**
 * `LOCKSTEP_PARSE_LOAD_ATTACKER_NICE=19` lowers the attacking clients' process (which stands in
 * for other machines, yet here shares the server's two cores and pumps 20 MB bodies) below the
 * server, so the figures show what the server does, not what the attacker's own CPU takes from
 * it. 0 by default: attacker and server at one priority, the harsher reading.
 */
const ATTACKER_NICE = Number(process.env.LOCKSTEP_PARSE_LOAD_ATTACKER_NICE ?? 0);

const agent = new http.Agent({ keepAlive: true });

function send(base: URL, method: string, path: string, token: string, body?: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${token}` };
    if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': body.length });
    const req = http.request({ agent, host: base.hostname, port: base.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Phase {
  health: number[];
  save: number[];
  inspections: number;
}

const phases: { idle: Phase[]; loaded: Phase[] } = { idle: [], loaded: [] };
let server: ChildProcess | undefined;
let uploader: ChildProcess | undefined;
let fileDir: string | undefined;
let db: TestDb | undefined;

/** Runs the probes for PHASE_MS while `load` runs alongside (until the probes stop). */
async function phase(base: URL, token: string, segment: string, load?: (stopped: () => boolean) => Promise<number>): Promise<Phase> {
  const result: Phase = { health: [], save: [], inspections: 0 };
  const end = performance.now() + PHASE_MS;
  const stopped = () => performance.now() > end;
  const listed = JSON.parse((await send(base, 'GET', '/api/documents/bench/segments?lang=ko', token)).text) as { segments: { id: string; translation: { version: number } }[] };
  let version = listed.segments.find((s) => s.id === segment)!.translation.version;
  let n = 0;
  const probe = async (times: number[], request: () => Promise<void>) => {
    while (!stopped()) {
      const t0 = performance.now();
      await request();
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, PROBE_PAUSE_MS));
    }
  };
  const [, , inspections] = await Promise.all([
    probe(result.health, async () => {
      const res = await send(base, 'GET', '/api/health', token);
      if (res.status !== 200) throw new Error(`health answered ${res.status}: ${res.text}`);
    }),
    probe(result.save, async () => {
      const body = Buffer.from(JSON.stringify({ text: `Parse bench take ${n++}.`, version }));
      const res = await send(base, 'PUT', `/api/documents/bench/segments/${segment}/translations/ko`, token, body);
      if (res.status !== 200) throw new Error(`save answered ${res.status}: ${res.text}`);
      version = JSON.parse(res.text).translation.version;
    }),
    load?.(stopped) ?? Promise.resolve(0),
  ]);
  result.inspections = inspections;
  return result;
}

/**
 * Two clients, each inspecting the file again as soon as the previous inspection answers, in a
 * process of their own (sending 20 MB bodies would otherwise disturb the probes' timing here).
 */
const UPLOADER = `
const http = require('node:http');
const { readFileSync } = require('node:fs');
const { url, token, file, memoryPath, attacks } = JSON.parse(process.argv[1]);
const body = readFileSync(file);
const target = new URL(url);
let running = false;
let done = 0;
function inspect() {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, path: '/api/xliff/inspect', method: 'POST', headers: {
      authorization: 'Bearer ' + token, 'content-type': 'application/xliff+xml', 'content-length': body.length } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error('inspect answered ' + res.statusCode + ': ' + text.slice(0, 300)))));
    });
    req.on('error', reject);
    req.end(body);
  });
}
/** A memory lookup its client abandons after 2 s (or sooner, when it answers). */
function abandonedLookup() {
  return new Promise((resolve) => {
    const req = http.request({ host: target.hostname, port: target.port, path: memoryPath, method: 'GET', headers: { authorization: 'Bearer ' + token } }, (res) => {
      res.resume();
      res.on('end', resolve);
      res.on('error', resolve);
    });
    const timer = setTimeout(() => req.destroy(), 2000);
    req.on('error', resolve);
    req.on('close', () => { clearTimeout(timer); resolve(); });
    req.end();
  });
}
process.on('message', async (m) => {
  if (m === 'stop') { running = false; return; }
  running = true;
  done = 0;
  try {
    const lookups = attacks.includes('memory') ? Array.from({ length: 12 }, async () => { while (running) await abandonedLookup(); }) : [];
    const inspections = attacks.includes('inspect') ? [0, 1].map(async () => { while (running) { await inspect(); done++; } }) : [];
    await Promise.all([...inspections, ...lookups]);
    process.send({ done });
  } catch (err) {
    process.send({ error: String(err) });
  }
});
`;

function inspectLoop(uploader: ChildProcess) {
  return async (stopped: () => boolean): Promise<number> => {
    const finished = new Promise<{ done?: number; error?: string }>((r) => uploader.once('message', r));
    uploader.send('start');
    while (!stopped()) await new Promise((r) => setTimeout(r, 100));
    uploader.send('stop');
    const result = await finished;
    if (result.error) throw new Error(result.error);
    return result.done!;
  };
}

const round = (ms: number) => Number(ms.toFixed(1));

function figures(which: 'health' | 'save'): Record<string, number> {
  const idle = phases.idle.flatMap((p) => p[which]);
  const loaded = phases.loaded.flatMap((p) => p[which]);
  const idle99 = percentile(idle, 99);
  const loaded99 = percentile(loaded, 99);
  return {
    [`${which} idle p50`]: round(percentile(idle, 50)),
    [`${which} idle p99`]: round(idle99),
    [`${which} loaded p50`]: round(percentile(loaded, 50)),
    [`${which} loaded p99`]: round(loaded99),
    [`${which} loaded max`]: round(Math.max(...loaded)),
    [`${which} p99 ratio`]: Number((loaded99 / idle99).toFixed(2)),
    [`${which} samples loaded`]: loaded.length,
  };
}

export const parseLoadWorkload: Workload = {
  name: 'parse-load',
  description: `GET /api/health and a save, one at a time each, for ${PHASE_MS / 1000} s idle and ${PHASE_MS / 1000} s while two clients inspect a 20 MB XLIFF file back to back and twelve memory lookups of a 20,000-character sentence are abandoned after 2 s (built server, PostgreSQL)`,
  iterations: 6,
  async prepare() {
    if (!process.env.DATABASE_URL) return () => undefined;
    const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
    db = await openTestDb();
    const token = await seedSavesBench(db);
    const started = await startBuiltServer({ DATABASE_URL: db.url!, LOCKSTEP_DEMO: '0', LOG_LEVEL: 'warn' }, { stdout: 'ignore', nodeArgs: (process.env.LOCKSTEP_PARSE_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean) });
    server = started.child;
    const base = new URL(started.url);
    const [segment] = await benchSegments(started.url, token);
    // One very long sentence, and a near copy in another document so the memory has a candidate.
    const long = `${Array.from({ length: 2_500 }, (_, i) => `word${i % 97}`).join(' ')}.`.slice(0, 20_000);
    await createDocument(db, null, { id: 'long', title: 'Long', sourceLang: 'en', targetLangs: ['ko'], markdown: long });
    await createDocument(db, null, { id: 'long-copy', title: 'Long copy', sourceLang: 'en', targetLangs: ['ko'], markdown: long.replace('word1 ', 'word2 ') });
    const longSegment = (await db.query<{ id: string }>("SELECT id FROM segments WHERE document_id = 'long'")).rows[0].id;
    const memoryPath = `/api/documents/long/segments/${longSegment}/memory/ko`;
    fileDir = tempDir('lockstep-parse-load-');
    const file = path.join(fileDir, 'large.xlf');
    writeFileSync(file, largeXliffOfSize(FILE_BYTES));
    uploader = spawn(process.execPath, ['-e', UPLOADER, JSON.stringify({ url: started.url, token, file, memoryPath, attacks: ATTACKS })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    if (ATTACKER_NICE) os.setPriority(uploader.pid!, ATTACKER_NICE);
    let warm = true;
    return async () => {
      const idle = await phase(base, token, segment);
      const loaded = await phase(base, token, segment, inspectLoop(uploader!));
      // The harness's first call is its warm-up (first connections, the parse thread starting).
      if (!warm) {
        phases.idle.push(idle);
        phases.loaded.push(loaded);
      }
      warm = false;
    };
  },
  report(): Record<string, number | string> {
    if (phases.loaded.length === 0) return { 'not run': 'needs PostgreSQL (DATABASE_URL)' };
    return {
      ...figures('health'),
      ...figures('save'),
      'inspections per loaded phase': round(phases.loaded.reduce((s, p) => s + p.inspections, 0) / phases.loaded.length),
      'file MB': round(FILE_BYTES / 1e6),
      'attacker nice': ATTACKER_NICE,
    };
  },
  async teardown() {
    agent.destroy();
    uploader?.kill();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    await db?.close();
    if (fileDir) rmSync(fileDir, { recursive: true, force: true });
  },
};
