import { expect } from '@jest/globals';
import { DEMO_PASSWORD } from '@lockstep/server/demo/accounts';
import { startServer, stop, waitHealthy, type ServerProcess } from './serverProcess.js';

/**
 * Kill-point rounds for the fault tests: a server process armed with LOCKSTEP_FAULT (or
 * killed after a random delay), SIGKILLed mid-operation, then the next server on the same
 * database proves the operation was all or nothing and `check` still passes.
 */

export interface Api {
  url: string;
  token: string;
  call(method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; body: any; text: string }>;
}

export async function apiFor(s: ServerProcess, email: string): Promise<Api> {
  const signIn = await fetch(`${s.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in ${email}: ${signIn.status} ${await signIn.text()}`);
  const { token } = (await signIn.json()) as { token: string };
  return {
    url: s.url,
    token,
    async call(method, path, body, contentType = 'application/json') {
      const res = await fetch(`${s.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = undefined;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON (XLIFF, Markdown) */
      }
      return { status: res.status, body: parsed, text };
    },
  };
}

/** Starts a server on the shared database, optionally armed with a fault. */
export async function startArmed(dbEnv: Record<string, string>, fault?: string): Promise<ServerProcess> {
  const s = await startServer({ ...dbEnv, ...(fault ? { LOCKSTEP_FAULT: fault } : {}) });
  await waitHealthy(s);
  return s;
}

/** Resolves when the process announces it reached its fault point. */
export async function faultHit(s: ServerProcess, timeoutMs = 30_000): Promise<string> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const m = /LOCKSTEP_FAULT_HIT (\S+)/.exec(s.output());
    if (m) return m[1];
    if (s.child.exitCode !== null) throw new Error(`server exited before its fault point:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`fault point not reached in ${timeoutMs} ms:\n${s.output()}`);
}

export async function kill(s: ServerProcess): Promise<void> {
  await stop(s, 'SIGKILL');
}

/** `GET /api/admin/check` as admin: the consistency check of translations, versions, history, counters. */
export async function expectConsistent(admin: Api): Promise<void> {
  const res = await admin.call('GET', '/api/admin/check');
  expect(res.status).toBe(200);
  if (!res.body.ok) throw new Error(`consistency check failed: ${JSON.stringify(res.body.problems, null, 1).slice(0, 4000)}`);
}

/** A small deterministic PRNG, so a failing round can be replayed from the printed seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ROUNDS = Number(process.env.LOCKSTEP_FAULT_ROUNDS ?? 3);
