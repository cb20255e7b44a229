import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Workload {
  name: string;
  /** What one iteration does, for the table. */
  description: string;
  iterations: number;
  /** Runs once before timing; returns the function that is timed (one call = one iteration). */
  prepare(): Promise<() => Promise<unknown> | unknown>;
  /** Untimed work before every iteration (resetting state the timed call changes). */
  beforeEach?(): Promise<void>;
  /** Extra numbers worth reporting (throughput, sizes); called after timing. */
  report?(timesMs: number[]): Record<string, number | string> | Promise<Record<string, number | string>>;
  teardown?(): Promise<void>;
}

export interface WorkloadResult {
  name: string;
  description: string;
  iterations: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  peakRssMb: number;
  extra: Record<string, number | string>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Where an operation spent its time, from the operation points it published (server/src/faults.ts):
 * milliseconds from `t0` (or the previous phase's end) to each phase's point, labelled, and
 * from the last point reached to `end` under `restLabel`.
 */
export function phaseSpans(
  phases: readonly (readonly [point: string, label: string])[],
  t0: number,
  points: readonly { point: string; at: number }[],
  end: number,
  restLabel = 'rest',
): Record<string, number> {
  const spans: Record<string, number> = {};
  let last = t0;
  for (const [point, label] of phases) {
    const p = points.findLast((x) => x.point === point);
    if (!p) continue;
    spans[label] = p.at - last;
    last = p.at;
  }
  spans[restLabel] = end - last;
  return spans;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Runs one workload in this process (the parent gives each its own process, so peak RSS is its own). */
export async function runWorkload(w: Workload): Promise<WorkloadResult> {
  const fn = await w.prepare();
  await w.beforeEach?.();
  await fn(); // warm-up: JIT, caches, first connections
  const times: number[] = [];
  for (let i = 0; i < w.iterations; i++) {
    await w.beforeEach?.();
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const extra = (await w.report?.(times)) ?? {};
  await w.teardown?.();
  return {
    name: w.name,
    description: w.description,
    iterations: w.iterations,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    extra,
  };
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function printTable(results: WorkloadResult[]): void {
  const rows = results.map((r) => [
    r.name,
    String(r.iterations),
    fmt(r.medianMs),
    fmt(r.minMs),
    fmt(r.maxMs),
    fmt(r.peakRssMb),
    Object.entries(r.extra)
      .map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`)
      .join(' '),
  ]);
  const head = ['workload', 'n', 'median ms', 'min ms', 'max ms', 'peak RSS MB', 'notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/**
 * The entry point: with no `--worker`, runs every selected workload in a child process of
 * its own (clean heap, honest peak RSS), prints the table and writes JSON.
 */
export async function main(workloads: Workload[], argv = process.argv.slice(2)): Promise<void> {
  const workerIdx = argv.indexOf('--worker');
  if (workerIdx >= 0) {
    const w = workloads.find((x) => x.name === argv[workerIdx + 1]);
    if (!w) throw new Error(`unknown workload ${argv[workerIdx + 1]}`);
    const result = await runWorkload(w);
    process.stdout.write(`\n@@RESULT ${JSON.stringify(result)}\n`);
    process.exit(0);
  }
  const wanted = argv.filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((n) => !workloads.some((w) => w.name === n));
  if (unknown.length) {
    console.error(`unknown workload(s): ${unknown.join(', ')}; known: ${workloads.map((w) => w.name).join(', ')}`);
    process.exit(2);
  }
  const selected = wanted.length ? workloads.filter((w) => wanted.includes(w.name)) : workloads;
  const self = fileURLToPath(import.meta.url).replace(/harness\.ts$/, 'run.ts');
  const results: WorkloadResult[] = [];
  for (const w of selected) {
    process.stderr.write(`running ${w.name}…\n`);
    const r = spawnSync(process.execPath, [...process.execArgv, self, '--worker', w.name], {
      encoding: 'utf8',
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const m = /@@RESULT (.*)/.exec(r.stdout ?? '');
    if (r.status !== 0 || !m) {
      console.error(`workload ${w.name} failed (exit ${r.status})\n${r.stdout}`);
      process.exitCode = 1;
      continue;
    }
    results.push(JSON.parse(m[1]) as WorkloadResult);
  }
  printTable(results);
  const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bench-results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const doc = {
    date: new Date().toISOString(),
    node: process.version,
    icu: process.versions.icu,
    database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    results,
  };
  writeFileSync(file, JSON.stringify(doc, null, 2));
  writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(doc, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}
