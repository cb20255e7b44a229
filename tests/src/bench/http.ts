import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedDemoAccounts } from '@lockstep/server/demo/accounts';
import { seedDemoStatement } from '@lockstep/server/demo/statement';
import { DEMO_PASSWORD } from '@lockstep/server/demo/accounts';
import { testApp } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';
import { percentile, type Workload } from './harness.js';

let db: TestDb;
let server: Server;
let base = '';

async function startDemoServer(): Promise<void> {
  db = await openTestDb();
  await seedDemoAccounts(db);
  await seedDemoStatement(db);
  const { app } = testApp(db);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stopDemoServer(): Promise<void> {
  await new Promise((r) => server.close(r));
  await db.close();
}

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export const signInWorkload: Workload = {
  name: 'sign-in',
  description: 'POST /api/session over HTTP (scrypt N=2^15 dominates)',
  iterations: 20,
  async prepare() {
    await startDemoServer();
    return () => signIn('ko@demo.lockstep');
  },
  teardown: stopDemoServer,
};

export const documentsListWorkload: Workload = {
  name: 'documents-list',
  description: 'GET /api/documents with progress for the demo statement × 8 languages',
  iterations: 200,
  async prepare() {
    await startDemoServer();
    const token = await signIn('coordinator@demo.lockstep');
    return async () => {
      const res = await fetch(`${base}/api/documents`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      await res.json();
    };
  },
  report(times) {
    return { p99: percentile(times, 99), database: db.kind };
  },
  teardown: stopDemoServer,
};
