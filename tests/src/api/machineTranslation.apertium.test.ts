import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { NO_MT } from '@lockstep/server/mt/settings';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { apertiumMissing, startApertium, type RunningApertium } from '../support/apertium.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

/*
 * Machine translation through a real engine: Debian's apertium-apy with its English → Spanish
 * pair, started on a free port for this file. Without the packages the tests are skipped and
 * say why (`.ci/run` installs them, so CI always runs them).
 */
const missing = apertiumMissing();
if (missing) console.warn(`Skipping the Apertium machine-translation tests: ${missing}`);
const describeWithApertium = missing ? describe.skip : describe;

describeWithApertium('machine translation through Apertium (en → es)', () => {
  let db: TestDb;
  let app: Express;
  let apertium: RunningApertium;
  let coord = '';
  let es = '';
  const ids: string[] = [];

  beforeAll(async () => {
    apertium = await startApertium();
    db = await openTestDb();
    ({ app } = testApp(db, { mt: { ...NO_MT, apertiumUrl: apertium.url, timeoutMs: 20_000 } }));
    await addUser(db, 'coord@example.org', 'coordinator');
    await addUser(db, 'es@example.org', 'translator', ['es']);
    coord = await tokenFor(app, 'coord@example.org');
    es = await tokenFor(app, 'es@example.org');
    const markdown = ['The committee meets every **Tuesday** in the [old library](https://example.org/lib).', 'Tom & Jerry say that 3 < 4.'].join('\n\n');
    const res = await request(app)
      .post('/api/documents')
      .set('Authorization', `Bearer ${coord}`)
      .send({ id: 'apertium', title: 'A', sourceLang: 'en', targetLangs: ['es', 'ko'], markdown });
    expect(res.status).toBe(201);
    const segs = await request(app).get('/api/documents/apertium/segments?lang=es').set('Authorization', `Bearer ${coord}`);
    ids.push(...(segs.body.segments as { id: string }[]).map((s) => s.id));
  }, 90_000);
  afterAll(async () => {
    await apertium?.stop();
    await db?.close();
  });

  const mt = async (seg: string, lang: string, token: string) => {
    const res = await request(app).get(`/api/documents/apertium/segments/${seg}/mt/${lang}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body.suggestions as { engine: string; text: string; needsCodePlacement: boolean }[];
  };

  test('a Spanish draft with the codes around the words they marked in English', async () => {
    const [s, ...rest] = await mt(ids[0], 'es', es);
    expect(rest).toEqual([]);
    expect(s.engine).toBe('apertium');
    expect(s.needsCodePlacement).toBe(false);
    // Apertium's own words; the codes must sit around the translations of "Tuesday" and "old library".
    expect(s.text).toContain('<1>martes</1>');
    expect(s.text).toContain('<2>biblioteca vieja</2>');
    expect(s.text).toMatch(/^El comité /);
  });

  test('ampersands and a literal "<" go through the engine as text and come back as text', async () => {
    const [s] = await mt(ids[1], 'es', es);
    expect(s.text).toContain('Tom & Jerry');
    expect(s.text).toContain('3 < 4');
    expect(s.needsCodePlacement).toBe(false);
  });

  test('a pair Apertium does not have (en → ko) gets an empty list', async () => {
    expect(await mt(ids[0], 'ko', coord)).toEqual([]);
  });
});
