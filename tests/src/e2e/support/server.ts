import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file is tests/src/e2e/support/server.ts. */
export const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

export interface RunningServer {
  baseUrl: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts the built server (`node server/dist/index.js`) on a free port with embedded PGlite in
 * a fresh temporary directory, so the demo accounts (and demo document) are created on start.
 * `env` adds configuration (a machine-translation engine's URL); `databaseUrl` runs it on that
 * PostgreSQL database instead (a bench's; the server migrates it and seeds the demo accounts).
 */
export async function startServer({
  timeoutMs = 60_000,
  env: extraEnv = {},
  databaseUrl,
}: { timeoutMs?: number; env?: NodeJS.ProcessEnv; databaseUrl?: string } = {}): Promise<RunningServer> {
  // LOCKSTEP_E2E_ROOT runs the browser tests against another checkout's build (it serves its own client/dist).
  const root = process.env.LOCKSTEP_E2E_ROOT ? path.resolve(process.env.LOCKSTEP_E2E_ROOT) : REPO_ROOT;
  const entry = path.join(root, 'server', 'dist', 'index.js');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lockstep-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOCKSTEP_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extraEnv };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  delete env.NODE_OPTIONS; // Jest's --experimental-vm-modules is not for the server
  delete env.LOCKSTEP_DEMO;

  const child = spawn(process.execPath, [entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return { baseUrl, output: () => output, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the server did not answer /api/health within ${timeoutMs} ms:\n${output}`);
}
