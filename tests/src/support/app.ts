import type { Express } from 'express';
import request from 'supertest';
import { createApp, type LockstepApp } from '@lockstep/server/app';
import { loadConfig, type Config } from '@lockstep/server/config';
import { createLogger } from '@lockstep/server/logger';
import { DEMO_PASSWORD, seedDemoAccounts } from '@lockstep/server/demo/accounts';
import { seedDemoStatement } from '@lockstep/server/demo/statement';
import { createUser } from '@lockstep/server/services/accounts';
import type { LanguageCode, Role } from '@lockstep/shared';
import type { TestDb } from './testDb.js';

export const PASSWORD = 'correct horse battery';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', LOCKSTEP_DEMO: '0' }), ...overrides };
}

export function testApp(db: TestDb, overrides: Partial<Config> = {}): LockstepApp {
  const config = testConfig(overrides);
  // LOCKSTEP_TEST_LOG=error shows the server's own account of a 500 while chasing a failure.
  return createApp({ db, config, logger: createLogger(process.env.LOCKSTEP_TEST_LOG ?? 'silent') });
}

export async function addUser(
  db: TestDb,
  email: string,
  role: Role,
  languages: LanguageCode[] = [],
): Promise<{ id: number; email: string }> {
  const u = await createUser(db, { email, name: email.split('@')[0], password: PASSWORD, role, languages });
  return { id: u.id, email: u.email };
}

/** Signs in through the API and returns the bearer token. */
export async function tokenFor(app: Express, email: string, password = PASSWORD): Promise<string> {
  const res = await request(app).post('/api/session').send({ email, password });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** The demo accounts and the demo statement (revision 1, translations, revision 2), as `npm start` seeds them. */
export async function seedDemo(db: TestDb): Promise<void> {
  await seedDemoAccounts(db);
  await seedDemoStatement(db);
}

/** Signs in as a demo account (`ko` → ko@demo.lockstep) and returns the bearer token. */
export function demoTokenFor(app: Express, who: string): Promise<string> {
  return tokenFor(app, `${who}@demo.lockstep`, DEMO_PASSWORD);
}

/** A supertest parser that keeps a response's body as bytes (`.buffer(true).parse(bytesOf)`). */
export function bytesOf(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * An app on `db` with a coordinator, a ko translator and the document "doc" from `markdown`:
 * where the XLIFF API tests start. Returns both tokens.
 */
export async function appWithDocument(db: TestDb, markdown: string, targetLangs: LanguageCode[] = ['ko']) {
  const { app } = testApp(db);
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  const coordinator = await tokenFor(app, 'coord@example.org');
  const ko = await tokenFor(app, 'ko@example.org');
  const created = await request(app).post('/api/documents').set('Authorization', `Bearer ${coordinator}`).send({ id: 'doc', title: 'D', sourceLang: 'en', targetLangs, markdown });
  if (created.status !== 201) throw new Error(`the document was not created: ${created.status} ${JSON.stringify(created.body)}`);
  return { app, coordinator, ko };
}

/** A GET whose body is kept as bytes (a zip), whatever its content type. */
export function getBytes(app: Express, url: string, token: string) {
  return request(app).get(url).set('Authorization', `Bearer ${token}`).buffer(true).parse(bytesOf);
}
