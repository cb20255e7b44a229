import { afterAll, beforeAll, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { addUser, PASSWORD, testApp, tokenFor } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

// A wall-clock comparison, so it lives in the slow lane (README "Test lanes"), and at the
// production password cost: at the test lanes' 2^10 one scrypt is a millisecond, lost in the
// request's own time, and a missing decoy would go unnoticed.
let db: TestDb;
let app: Express;

beforeAll(async () => {
  // Read at this file's first hash (security/passwords.ts), so before addUser.
  process.env.LOCKSTEP_PASSWORD_COST = '15';
  db = await openTestDb();
  app = testApp(db).app;
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'ko2@example.org', 'translator', ['ko']);
  await addUser(db, 'admin@example.org', 'admin');
});
afterAll(async () => {
  await db?.close();
});

/** Milliseconds a sign-in takes to answer. */
async function time(email: string, password = 'nope-nope-nope'): Promise<number> {
  const t0 = process.hrtime.bigint();
  await request(app).post('/api/session').send({ email, password });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('wrong password and unknown e-mail take about the same time', async () => {
  const stored = await db.query<{ password_hash: string }>('SELECT password_hash FROM users');
  expect(stored.rows.every((r) => r.password_hash.startsWith('scrypt$32768$'))).toBe(true);
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 4; i++) {
    known.push(await time('ko@example.org'));
    unknown.push(await time(`nobody${i}@example.org`));
  }
  // Both paths run one scrypt; a missing user must not answer in a fraction of the time.
  expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  expect(median(known)).toBeGreaterThan(median(unknown) * 0.5);
});

test('a deactivated account answers in about the time an unknown e-mail does (medians within 2×)', async () => {
  const admin = await tokenFor(app, 'admin@example.org');
  const ko2 = (await request(app).post('/api/session').send({ email: 'ko2@example.org', password: PASSWORD })).body.user.id as number;
  expect((await request(app).patch(`/api/users/${ko2}`).set('Authorization', `Bearer ${admin}`).send({ active: false })).status).toBe(200);
  const deactivated: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 5; i++) {
    deactivated.push(await time('ko2@example.org', PASSWORD));
    unknown.push(await time(`nobody${i}@example.org`, PASSWORD));
  }
  expect(median(deactivated)).toBeLessThan(median(unknown) * 2);
  expect(median(unknown)).toBeLessThan(median(deactivated) * 2);
});
