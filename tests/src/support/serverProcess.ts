import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix = 'lockstep-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts the server from source (tsx, no build needed) the way `npm start` does, on its
 * own port. `env` is added to a copy of this process's environment without DATABASE_URL.
 */
export async function startServer(env: Record<string, string>, opts: { port?: number } = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const { DATABASE_URL: _omit, NODE_OPTIONS: _omit2, ...base } = process.env;
  // node itself with tsx as a loader (not the tsx CLI, which runs the server in a grandchild
  // process): signals must reach the server, or kill -9 would leave it running.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@lockstep/source', path.join(REPO_ROOT, 'server', 'src', 'index.ts')],
    { cwd: REPO_ROOT, env: { ...base, LOG_LEVEL: 'warn', PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/** Resolves when /api/health answers 200; rejects if the process exits first or time runs out. */
export async function waitHealthy(s: ServerProcess, timeoutMs = 90_000): Promise<number> {
  const t0 = Date.now();
  let exited = false;
  void s.exited.then(() => (exited = true));
  while (Date.now() - t0 < timeoutMs) {
    if (exited) throw new Error(`server exited before it was healthy:\n${s.output()}`);
    try {
      const res = await fetch(`${s.url}/api/health`);
      if (res.status === 200) return Date.now() - t0;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${s.output()}`);
}

export async function stop(s: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return s.child.exitCode;
  s.child.kill(signal);
  return s.exited;
}

/**
 * The built server (`server/dist`, as `npm start` runs it) in a process of its own on a free
 * port, for the benchmarks; resolves once /api/health answers. `env` is added to this
 * process's environment; standard output goes where `stdout` says (stderr is inherited).
 */
export async function startBuiltServer(
  env: Record<string, string>,
  opts: { nodeArgs?: string[]; stdout?: 'inherit' | 'ignore' } = {},
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const { NODE_OPTIONS: _omit, ...base } = process.env;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(REPO_ROOT, 'server', 'dist', 'index.js')], {
    cwd: REPO_ROOT,
    env: { ...base, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', opts.stdout ?? 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('the server to answer /api/health', async () => {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    return fetch(`${url}/api/health`).then((r) => r.ok, () => false);
  }, 90_000);
  return { child, url };
}

/** Polls `check` until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
