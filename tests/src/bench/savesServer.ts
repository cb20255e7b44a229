import { spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, startBuiltServer } from '../support/serverProcess.js';
import { openTestDb, type TestDb } from '../support/testDb.js';
import { machineCpuMs, postgresCpuMs, processTreeCpuMs } from './cpu.js';
import { median, percentile, type Workload } from './harness.js';
import { benchSegments, runLoad, runPgbench, seedSavesBench, startLoadGenerator, type LoadRun, type PgbenchRun } from './savesLoad.js';

// ------------------------------------------------------------------------------------------
// saves-server: the saves workload against the server as an operator runs it, a process of
// its own started like `npm start` (the built server/dist, logging every request at info, into /dev/null), once with
// one server process and once with LOCKSTEP_WORKERS=2 (server/src/cluster.ts), each on its own
// database. Their runs alternate (one process, untimed by the harness but measured here; then
// two processes, timed) so that the machine's drift falls on both alike. PostgreSQL only: the
// embedded database is one process's.

const SAVES_PER_RUN = 4000;

interface Target {
  workers: number;
  server: ChildProcess;
  generator: ChildProcess;
  db: TestDb;
  runs: { seconds: number; latencies: number[]; serverMs: number; pgMs: number; machineMs: number; loadMs: number }[];
}

async function startTarget(workers: number): Promise<Target> {
  const db = await openTestDb();
  const token = await seedSavesBench(db);

  // LOCKSTEP_BENCH_CPU_PROF=<dir>: V8 CPU profiles of the server processes, written when they stop.
  const profile = process.env.LOCKSTEP_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOCKSTEP_BENCH_CPU_PROF}`] : [];
  const { child: server, url: base } = await startBuiltServer(
    { DATABASE_URL: db.url!, LOCKSTEP_WORKERS: String(workers), LOCKSTEP_DEMO: '0', LOG_LEVEL: 'info' },
    { nodeArgs: profile, stdout: 'ignore' },
  );
  const generator = startLoadGenerator({ base, token, segments: await benchSegments(base, token) });
  return { workers, server, generator, db, runs: [] };
}

/** One run of SAVES_PER_RUN saves, with the CPU it cost each party when `measured`. */
async function run(target: Target, measured: boolean): Promise<void> {
  const server0 = processTreeCpuMs(target.server.pid!);
  const pg0 = postgresCpuMs();
  const machine0 = machineCpuMs();
  const result: LoadRun = await runLoad(target.generator, SAVES_PER_RUN);
  if (result.error) throw new Error(`${target.workers} processes: ${result.error}`);
  if (!measured) return;
  target.runs.push({
    seconds: result.seconds,
    latencies: result.latencies,
    serverMs: (processTreeCpuMs(target.server.pid!) ?? 0) - (server0 ?? 0),
    pgMs: (postgresCpuMs() ?? 0) - (pg0 ?? 0),
    machineMs: (machineCpuMs() ?? 0) - (machine0 ?? 0),
    loadMs: result.cpuMs,
  });
}

function summary(target: Target, pgbench: PgbenchRun | undefined): Record<string, number> {
  const label = target.workers === 1 ? '1 process' : `${target.workers} processes`;
  const saves = SAVES_PER_RUN * target.runs.length;
  const perSave = (pick: (r: Target['runs'][number]) => number) => Number((target.runs.reduce((sum, r) => sum + pick(r), 0) / saves).toFixed(3));
  const perSecond = SAVES_PER_RUN / median(target.runs.map((r) => r.seconds));
  const latencies = target.runs.flatMap((r) => r.latencies);
  return {
    [`${label}: saves/s`]: Math.round(perSecond),
    ...(pgbench ? { [`${label}: ratio vs pgbench`]: Number((perSecond / pgbench.tps).toFixed(3)) } : {}),
    [`${label}: p50 ms`]: percentile(latencies, 50),
    [`${label}: p99 ms`]: percentile(latencies, 99),
    [`${label}: server CPU ms/save`]: perSave((r) => r.serverMs),
    [`${label}: PostgreSQL CPU ms/save`]: perSave((r) => r.pgMs),
    [`${label}: machine CPU ms/save`]: perSave((r) => r.machineMs),
    [`${label}: load generator CPU ms/save`]: perSave((r) => r.loadMs),
  };
}

let pgbench: PgbenchRun | undefined;
let one: Target | undefined;
let two: Target | undefined;
let timedRuns = 0;

export const savesServerWorkload: Workload = {
  name: 'saves-server',
  description: `saves as in "saves", against the server in its own process (as npm start runs it): 1 process, then LOCKSTEP_WORKERS=2, runs alternating; timed: 2 processes, ${SAVES_PER_RUN} saves per run`,
  iterations: 3,
  async prepare() {
    if (!process.env.DATABASE_URL) return () => undefined;
    // The server as `npm start` runs it: built first (the build skips what is up to date).
    const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
    pgbench = await runPgbench();
    one = await startTarget(1);
    two = await startTarget(2);
    await run(one, false); // warm-up; the harness warms `two` up with its first call
    return async () => {
      await run(two!, timedRuns++ > 0);
    };
  },
  async beforeEach() {
    // Before every call of the timed function but the harness's warm-up one.
    if (one && timedRuns > 0) await run(one, true);
  },
  report(): Record<string, number | string> {
    if (!one || !two) return { 'not run': 'needs PostgreSQL (DATABASE_URL): the embedded database is one process only' };
    return {
      ...(pgbench ? { 'pgbench -N tps': Math.round(pgbench.tps) } : { pgbench: 'not run (needs pgbench)' }),
      ...summary(one, pgbench),
      ...summary(two, pgbench),
    };
  },
  async teardown() {
    for (const target of [one, two]) {
      if (!target) continue;
      target.generator.kill();
      target.server.kill('SIGTERM');
      await new Promise((r) => (target.server.exitCode !== null ? r(undefined) : target.server.once('exit', r)));
      await target.db.close();
    }
  },
};
