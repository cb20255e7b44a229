import { beforeEach, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL } from '@lockstep/server/services/accounts';
import { addUser, PASSWORD, testApp } from '../support/app.js';
import { serve } from '../support/sse.js';
import { serversKilledAfterEach } from '../support/serversKilledAfterEach.js';
import { waitHealthy } from '../support/serverProcess.js';
import { onPostgres } from '../support/testDb.js';
import { sharedTestDb } from '../support/sharedTestDb.js';

/**
 * Issue #18, finding 2: the sign-in limit must hold whatever the concurrency. The repro:
 * 200 parallel sign-ins for one e-mail from one address, 199 wrong passwords and the right
 * one last, used to answer 200 × 401/200 and accept the right password.
 */

const EMAIL = 'ko@example.org';
const PARALLEL = 200;

async function signInBurst(bases: string[]): Promise<{ statuses: number[]; last: number }> {
  const attempts = Array.from({ length: PARALLEL }, (_, i) =>
    fetch(`${bases[i % bases.length]}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: i === PARALLEL - 1 ? PASSWORD : `wrong-password-${i}` }),
    }).then((r) => r.status),
  );
  const statuses = await Promise.all(attempts);
  return { statuses, last: statuses[PARALLEL - 1] };
}

function tally(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

const db = sharedTestDb();
beforeEach(async () => {
  await addUser(db(), EMAIL, 'translator', ['ko']);
});

describe('sign-in limit under parallel requests', () => {
  test(`${PARALLEL} parallel sign-ins: at most ${MAX_FAILURES_PER_EMAIL} get a password check, the rest 429, the right password last is refused`, async () => {
    const { app } = testApp(db());
    const { base, stop } = await serve(app);
    try {
      const { statuses, last } = await signInBurst([base]);
      const counts = tally(statuses);
      expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBeLessThanOrEqual(MAX_FAILURES_PER_EMAIL);
      expect(counts[429]).toBeGreaterThanOrEqual(PARALLEL - MAX_FAILURES_PER_EMAIL);
      expect(Object.keys(counts).sort()).toEqual(['401', '429']);
      expect(last).toBe(429);
    } finally {
      await stop();
    }
  }, 120_000);

  test('a right password inside the limit still signs in and clears the e-mail count', async () => {
    const { app } = testApp(db());
    const { base, stop } = await serve(app);
    const post = (password: string) =>
      fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password }) });
    try {
      for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) expect((await post(`wrong-password-${i}`)).status).toBe(401);
      expect((await post(PASSWORD)).status).toBe(200);
      // The count started over: a full allowance of wrong passwords before the lock again.
      for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) expect((await post(`wrong-again-${i}`)).status).toBe(401);
      expect((await post(PASSWORD)).status).toBe(429);
    } finally {
      await stop();
    }
  }, 60_000);
});

describe('an address at its limit', () => {
  test('cannot go on to lock other people\'s e-mails', async () => {
    const { app } = testApp(db(), { trustProxy: 1 });
    const from = (address: string) => (email: string, password: string) =>
      request(app).post('/api/session').set('X-Forwarded-For', address).send({ email, password });
    const attacker = from('203.0.113.66');
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect((await attacker(`spray${i}@example.org`, 'wrong-password')).status).toBe(401);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL + 5; i++) expect((await attacker(EMAIL, `wrong-${i}`)).status).toBe(429);
    // The victim's e-mail was never counted: from their own address, wrong then right passwords work as usual.
    const victim = from('198.51.100.7');
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) expect((await victim(EMAIL, `typo-${i}`)).status).toBe(401);
    expect((await victim(EMAIL, PASSWORD)).status).toBe(200);
  }, 120_000);
});

const describePg = onPostgres ? describe : describe.skip;

describePg('sign-in limit across two server processes (PostgreSQL)', () => {
  const { start } = serversKilledAfterEach();

  test(`${PARALLEL} parallel sign-ins split over two processes: the limit holds for both together`, async () => {
    const env = { DATABASE_URL: db().url!, LOCKSTEP_DEMO: '0' };
    const [a, b] = await Promise.all([start(env), start(env)]);
    await Promise.all([waitHealthy(a), waitHealthy(b)]);
    const { statuses, last } = await signInBurst([a.url, b.url]);
    const counts = tally(statuses);
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBeLessThanOrEqual(MAX_FAILURES_PER_EMAIL);
    expect(counts[429]).toBeGreaterThanOrEqual(PARALLEL - MAX_FAILURES_PER_EMAIL);
    expect(last).toBe(429);
  }, 180_000);
});
