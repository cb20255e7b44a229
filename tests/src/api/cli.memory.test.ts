import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { main } from '@lockstep/server/cli/main';
import request from 'supertest';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

// `lockstep memory export|import`: the TMX routes from the command line (issue 19 item 5).

let db: TestDb;
let server: Server;
let url: string;
let coordinator: string;
let ko: string;
let dir: string;

beforeAll(async () => {
  db = await openTestDb();
  const { app } = testApp(db);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  coordinator = await tokenFor(app, 'coord@example.org');
  ko = await tokenFor(app, 'ko@example.org');
  const auth = { Authorization: `Bearer ${coordinator}` };
  expect((await request(app).post('/api/documents').set(auth).send({ id: 'd', title: 'D', sourceLang: 'en', targetLangs: ['ko'], markdown: 'The gate opens at noon.' })).status).toBe(201);
  const seg = (await request(app).get('/api/documents/d/segments?lang=ko').set(auth)).body.segments[0];
  expect((await request(app).put(`/api/documents/d/segments/${seg.id}/translations/ko`).set(auth).send({ text: '문은 정오에 열립니다.', version: 1 })).status).toBe(200);
  dir = mkdtempSync(path.join(os.tmpdir(), 'lockstep-cli-tmx-'));
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function lockstep(args: string[], token: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string | Uint8Array) => (stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')) },
    stderr: { write: (s: string | Uint8Array) => (stderr += String(s)), columns: 100 },
    stdin: Readable.from([]),
    env: { LOCKSTEP_URL: url, LOCKSTEP_TOKEN: token },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

describe('lockstep memory', () => {
  test('export writes the pair as TMX under our own name; import reports each unit, again adds nothing', async () => {
    const out = await lockstep(['memory', 'export', '--source', 'en', '--target', 'ko'], ko);
    expect(out).toMatchObject({ code: 0 });
    const file = path.join(dir, 'memory.en.ko.tmx');
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('<seg>The gate opens at noon.</seg>');
    expect(xml).toContain('<seg>문은 정오에 열립니다.</seg>');

    const first = await lockstep(['memory', 'import', 'memory.en.ko.tmx'], coordinator);
    expect(first).toMatchObject({ code: 0, stdout: '1 unit(s): 1 imported, 0 already in the memory, 0 skipped\n' });
    const again = await lockstep(['memory', 'import', 'memory.en.ko.tmx', '--name', 'again'], coordinator);
    expect(again.stdout).toBe('1 unit(s): 0 imported, 1 already in the memory, 0 skipped\n');
    expect((await lockstep(['memory', 'export', '--out', '-'], ko)).stdout).toContain('<tmx version="1.4">');
  });

  test('a refused file, a translator importing and wrong usage: exit codes 1 and 2, nothing changed', async () => {
    writeFileSync(path.join(dir, 'evil.tmx'), '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x "y">]><tmx version="1.4"/>');
    const before = await hashAllTables(db);
    const evil = await lockstep(['memory', 'import', 'evil.tmx'], coordinator);
    expect(evil.code).toBe(1);
    expect(evil.stderr).toMatch(/DOCTYPE/);
    const translator = await lockstep(['memory', 'import', 'memory.en.ko.tmx'], ko);
    expect(translator.code).toBe(1);
    expect(await hashAllTables(db)).toBe(before);
    expect((await lockstep(['memory', 'frobnicate'], ko)).code).toBe(2);
    expect((await lockstep(['memory', 'import'], coordinator)).code).toBe(2);
  });
});
