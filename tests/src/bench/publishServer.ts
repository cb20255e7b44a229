import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, startBuiltServer } from '../support/serverProcess.js';
import { openTestDb, type TestDb } from '../support/testDb.js';
import type { Workload } from './harness.js';
import { jsonCall } from './jsonCall.js';
import { syntheticRevision, type SyntheticRevision } from './publish.js';

const LANGS = ['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'];

/** Peak resident set of a process, from the kernel's high-water mark (Linux). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * The publish workload against a real server process on PostgreSQL, over HTTP, so the
 * server's own peak RSS is measured (the in-process workload's RSS includes the generator).
 */
export function publishServerWorkload(): Workload {
  let db: TestDb | undefined;
  let child: ChildProcess | undefined;
  let base = '';
  let token = '';
  let rev: SyntheticRevision;
  let revision = 1;
  let next: 'v1' | 'v2' = 'v2';
  const call = (method: string, url: string, body?: unknown) => jsonCall(base, token, method, url, body);
  return {
    name: 'publish-10k-server',
    description: 'the publish-10k workload over HTTP against a server process on PostgreSQL; server peak RSS',
    iterations: 5,
    async prepare() {
      if (!process.env.DATABASE_URL) return () => undefined;
      db = await openTestDb();
      const built = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-b', 'server'], { cwd: REPO_ROOT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('tsc -b server failed');
      ({ child, url: base } = await startBuiltServer({
        DATABASE_URL: db.url!,
        LOG_LEVEL: 'warn',
        LOCKSTEP_DEMO: '0',
        LOCKSTEP_ADMIN_EMAIL: 'bench@example.org',
        LOCKSTEP_ADMIN_PASSWORD: 'bench-password',
      }));
      token = (await call('POST', '/api/session', { email: 'bench@example.org', password: 'bench-password' })).token as string;
      rev = syntheticRevision(10_000);
      await call('POST', '/api/documents', { id: 'bench', title: 'Bench', sourceLang: 'en', targetLangs: LANGS, markdown: rev.v1 });
      return async () => {
        const r = await call('POST', '/api/documents/bench/revisions', { markdown: next === 'v2' ? rev.v2 : rev.v1, baseRevision: revision });
        revision = r.revision as number;
        next = next === 'v2' ? 'v1' : 'v2';
      };
    },
    async beforeEach() {
      await db?.query(
        `UPDATE translations t SET state = 'translated', text = 'x', previous_source = NULL, state_before_stale = NULL,
                change_class = NULL, suggestion = NULL
           FROM segments s WHERE s.id = t.segment_id AND s.document_id = 'bench' AND s.retired_in IS NULL`,
      );
    },
    report(): Record<string, number | string> {
      if (!child?.pid) return { skipped: 'needs DATABASE_URL (PostgreSQL)' };
      return { 'server peak RSS MB': Number(peakRssMb(child.pid).toFixed(0)) };
    },
    async teardown() {
      if (child) {
        const exited = new Promise((r) => child!.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await db?.close();
    },
  };
}
