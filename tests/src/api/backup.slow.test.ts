import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import pg from 'pg';
import request from 'supertest';
import { openDb, type Db } from '@lockstep/server/db';
import { addUser, demoTokenFor, seedDemo, testApp, tokenFor } from '../support/app.js';
import { runLockstep } from '../support/cli.js';
import { serve } from '../support/sse.js';
import { freePort, startServer, stop, tempDir, waitHealthy } from '../support/serverProcess.js';
import { adminQuery, hashAllTables, onPostgres, openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let admin: string;
const scratch: string[] = [];
const databases: string[] = [];

beforeAll(async () => {
  db = await openTestDb();
  ({ app } = testApp(db));
  await seedDemo(db);
  admin = await tokenFor(app, (await addUser(db, 'admin@example.org', 'admin')).email);
});
afterAll(async () => {
  await db?.close();
  for (const name of databases) await adminQuery((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const lockstep = (args: string[], env: NodeJS.ProcessEnv = {}) => runLockstep(args, { LOG_LEVEL: 'silent', ...env });

function scratchDir(): string {
  const dir = tempDir('lockstep-restore-');
  scratch.push(dir);
  return dir;
}

/** A new, empty PostgreSQL database (dropped after the file). */
async function freshDatabase(): Promise<string> {
  const name = `lockstep_r_${process.pid}_${databases.length}_${Date.now() % 100000}`;
  await adminQuery((c) => c.query(`CREATE DATABASE ${name}`));
  databases.push(name);
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  return u.toString();
}

/** GET /api/admin/backup into a file. */
async function backupThroughApi(): Promise<string> {
  const res = await request(app)
    .get('/api/admin/backup')
    .set('Authorization', `Bearer ${admin}`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/gzip');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="lockstep-.*\.backup\.gz"$/);
  const file = path.join(scratchDir(), 'api.backup.gz');
  writeFileSync(file, res.body as Buffer);
  return file;
}

async function withDb<T>(target: { dataDir?: string; url?: string }, fn: (d: Db) => Promise<T>): Promise<T> {
  const d = target.url ? await openDb({ url: target.url, poolSize: 1 }) : await openDb({ dataDir: target.dataDir });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

const targets = (): { name: string; make: () => Promise<{ args: string[]; dataDir?: string; url?: string }> }[] => [
  {
    name: 'a fresh data directory',
    make: async () => {
      const dataDir = path.join(scratchDir(), 'data');
      return { args: ['--data-dir', dataDir], dataDir };
    },
  },
  ...(onPostgres
    ? [
        {
          name: 'a fresh PostgreSQL database',
          make: async () => {
            const url = await freshDatabase();
            return { args: ['--database', url], url };
          },
        },
      ]
    : []),
];

/**
 * Starts a server on a restored database and checks that it serves the restored data: the demo
 * accounts sign in and the statement is at revision 2. `more` runs while it is up.
 */
async function expectServerServes(env: Record<string, string>, more: () => Promise<void>): Promise<void> {
  const server = await startServer({ ...env, LOCKSTEP_DEMO: '0' }, { port: await freePort() });
  try {
    await waitHealthy(server);
    const signIn = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'ko@demo.lockstep', password: 'lockstep-demo' }),
    });
    expect(signIn.status).toBe(200);
    const { token } = (await signIn.json()) as { token: string };
    const docs = (await (await fetch(`${server.url}/api/documents`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { id: string; revision: number }[];
    expect(docs.map((d) => [d.id, d.revision])).toEqual([['statement', 2]]);
    await more();
  } finally {
    await stop(server);
  }
}

describe('backup and restore', () => {
  test.each(targets().map((t) => [t.name, t] as const))('a backup through the server restores into %s with every table equal, and a non-empty target is refused', async (_name, t) => {
    const target = await t.make();
    const sourceHash = await hashAllTables(db);
    const file = await backupThroughApi();
    expect(await hashAllTables(db)).toBe(sourceHash); // taking a backup changes nothing

    const restored = await lockstep(['restore', file, ...target.args]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/restored \d+ tables, [\d,]+ rows into .*every table's content hash equals the backup's/);
    expect(restored.stdout).toMatch(/Consistent: checked the (PostgreSQL database|embedded database in) \S+: 1 document, \d+ segments, \d+ translations/);
    expect(await withDb(target, hashAllTables)).toBe(sourceHash);

    // Again into the same target: refused, and the target is left as it was.
    const again = await lockstep(['restore', file, ...target.args]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(target.url ? /nothing was restored: the target database is not empty \(.*users.*\)/ : /nothing was restored: .* is not empty .*restore into an empty or new directory/);
    expect(await withDb(target, hashAllTables)).toBe(sourceHash);

    // `lockstep check` on the restored target passes too.
    const check = await lockstep(['check'], target.url ? { DATABASE_URL: target.url } : { LOCKSTEP_DATA_DIR: target.dataDir });
    expect(check.code).toBe(0);
    // A server starts on the restored PostgreSQL database (the directory case is below).
    if (target.url) await expectServerServes({ DATABASE_URL: target.url }, async () => undefined);
  });

  test('a backup taken during a burst of saves holds every save acknowledged before it and nothing half-done', async () => {
    const { base, stop: stopServing } = await serve(app);
    try {
      const ko = await demoTokenFor(app, 'ko');
      const list = await request(app).get('/api/documents/statement/segments?lang=ko').set('Authorization', `Bearer ${ko}`);
      const segs = (list.body.segments as { id: string; translation: { version: number } | null; translatable: boolean }[])
        .filter((s) => s.translatable && s.translation)
        .slice(0, 12);
      const acked = new Map<string, number>(); // segment → last version acknowledged
      const ackedBeforeBackup = new Map<string, number>();
      const editor = async (seg: { id: string; translation: { version: number } | null }, rounds: number) => {
        let version = seg.translation!.version;
        for (let i = 0; i < rounds; i++) {
          const res = await fetch(`${base}/api/documents/statement/segments/${seg.id}/translations/ko`, {
            method: 'PUT',
            headers: { Authorization: `Bearer ${ko}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ text: `번역 ${seg.id} 판 ${i}`, version }),
          });
          expect(res.status).toBe(200);
          version = ((await res.json()) as { translation: { version: number } }).translation.version;
          acked.set(seg.id, version);
        }
      };
      const editors = segs.map((s) => editor(s, 8));
      // Let the burst get going, then back up in the middle of it.
      while ([...acked.values()].length < 6) await new Promise((r) => setTimeout(r, 5));
      for (const [k, v] of acked) ackedBeforeBackup.set(k, v);
      const out = path.join(scratchDir(), 'burst.backup.gz');
      const backup = lockstep(['backup', '--server', base, '--token', admin, '--out', out]);
      const [result] = await Promise.all([backup, ...editors]);
      // The backup ran inside the burst: saves were acknowledged after it started.
      const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      expect(total(acked)).toBeGreaterThan(total(ackedBeforeBackup));
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^wrote .*burst\.backup\.gz: \d+ tables, [\d,]+ rows\n$/);

      const dataDir = path.join(scratchDir(), 'data');
      const restored = await lockstep(['restore', out, '--data-dir', dataDir]);
      expect(restored.code).toBe(0);
      expect(restored.stdout).toMatch(/Consistent/);
      const versions = await withDb({ dataDir }, async (d) => {
        const r = await d.query<{ segment_id: string; version: number }>(
          `SELECT segment_id, version FROM translations WHERE lang = 'ko' AND segment_id = ANY($1::text[])`,
          [segs.map((s) => s.id)],
        );
        return new Map(r.rows.map((row) => [row.segment_id, row.version]));
      });
      for (const s of segs) {
        expect(versions.get(s.id)).toBeGreaterThanOrEqual(ackedBeforeBackup.get(s.id) ?? s.translation!.version);
        expect(versions.get(s.id)).toBeLessThanOrEqual(acked.get(s.id)!);
      }
    } finally {
      await stopServing();
    }
  });

  test('a cut-off or foreign file is refused and leaves the target empty', async () => {
    const file = await backupThroughApi();
    const whole = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const cut = path.join(scratchDir(), 'cut.backup.gz');
    writeFileSync(cut, gzipSync(whole.slice(0, Math.floor(whole.length / 2)).join('\n')));
    const dataDir = path.join(scratchDir(), 'data');
    mkdirSync(dataDir);
    const res = await lockstep(['restore', cut, '--data-dir', dataDir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/nothing was restored: the backup is incomplete after \d+ tables and \d+ rows \(it has no end line\)/);
    expect(readdirSync(dataDir)).toEqual([]);

    const foreign = path.join(scratchDir(), 'notes.txt');
    writeFileSync(foreign, 'hello');
    const res2 = await lockstep(['restore', foreign, '--data-dir', dataDir]);
    expect(res2.code).toBe(1);
    expect(res2.stderr).toMatch(/nothing was restored: the file is not a Lockstep backup/);
    expect(readdirSync(dataDir)).toEqual([]);

    // A row changed in the file: the restored table's hash differs from the recorded one.
    const edited = whole.map((l) => (l.includes('"email": "ko@demo.lockstep"') ? l.replace('ko@demo.lockstep', 'mallory@example.org') : l));
    expect(edited).not.toEqual(whole);
    const tampered = path.join(scratchDir(), 'tampered.backup.gz');
    writeFileSync(tampered, gzipSync(edited.join('\n')));
    const res3 = await lockstep(['restore', tampered, '--data-dir', dataDir]);
    expect(res3.code).toBe(1);
    expect(res3.stderr).toMatch(/nothing was restored: table users: \d+ rows restored with hash/);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  test('backup refuses to overwrite a file; a server starts on a restored directory, and a local backup then names the --server form', async () => {
    const file = await backupThroughApi();
    const res = await lockstep(['backup', '--server', 'http://127.0.0.1:1', '--token', admin, '--out', file]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/already exists; choose another file or pass --force/);

    const dataDir = path.join(scratchDir(), 'data');
    expect((await lockstep(['restore', file, '--data-dir', dataDir])).code).toBe(0);
    await expectServerServes({ LOCKSTEP_DATA_DIR: dataDir }, async () => {
      const local = await lockstep(['backup', '--data-dir', dataDir, '--out', path.join(scratchDir(), 'x.gz')]);
      expect(local.code).toBe(1);
      expect(local.stderr).toMatch(/in use by a running Lockstep server .*\n.*Run it through that server instead.*\n\s+npm run lockstep -- backup --server/);
    });
  });

  test('only admins may download a backup', async () => {
    const coordinator = await demoTokenFor(app, 'coordinator');
    const res = await request(app).get('/api/admin/backup').set('Authorization', `Bearer ${coordinator}`);
    expect(res.status).toBe(403);
  });
});
