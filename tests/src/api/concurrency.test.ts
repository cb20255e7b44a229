import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { openDb, type Db } from '@lockstep/server/db';
import { lockLanguageRows, writeChangeBatch } from '@lockstep/server/repos/translations';
import { readXliff, writeXliffString, type XliffUnit } from '@lockstep/shared';
import pg from 'pg';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { onPostgres, openTestDb, type TestDb } from '../support/testDb.js';

/**
 * Two server processes' worth of concurrency on one PostgreSQL database: two apps, each on its
 * own connection pool, behind real sockets. (PGlite is one connection: nothing to race.)
 */
const describePg = onPostgres ? describe : describe.skip;

const WRITERS = 32;
let db: TestDb;
const pools: Db[] = [];
const servers: Server[] = [];
const bases: string[] = [];
const tokens: string[] = [];

interface Ack {
  version: number;
  text: string;
}

async function listen(pool: Db): Promise<string> {
  const { app } = testApp(pool);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function call(writer: number, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(bases[writer % bases.length] + path, {
    method,
    headers: { authorization: `Bearer ${tokens[writer % tokens.length]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

async function historyOf(segmentId: string): Promise<{ version: number; text: string; kind: string }[]> {
  const res = await call(0, 'GET', `/api/documents/race/segments/${segmentId}/translations/ko/history?limit=1000`);
  expect(res.status).toBe(200);
  return res.body.events;
}

/** Versions 2, 3, … with no gap and no repeat (version 1 is the untranslated row, which has no event). */
function expectGapless(versions: number[]): void {
  const ascending = [...versions].reverse();
  expect(ascending).toEqual(ascending.map((_, i) => i + 2));
}

let segmentIds: string[] = [];

describePg('concurrent writers on PostgreSQL, two app instances', () => {
  beforeAll(async () => {
    db = await openTestDb();
    for (let i = 0; i < 2; i++) {
      const pool = await openDb({ url: db.url! });
      pools.push(pool);
      bases.push(await listen(pool));
    }
    const { app } = testApp(pools[0]);
    for (let i = 0; i < 4; i++) {
      await addUser(db, `ko${i}@example.org`, 'translator', ['ko']);
      tokens.push(await tokenFor(app, `ko${i}@example.org`));
    }
    await addUser(db, 'coord@example.org', 'coordinator');
    const coord = await tokenFor(app, 'coord@example.org');
    const markdown = Array.from({ length: WRITERS }, (_, i) => `Sentence ${i + 1} of the race.`).join('\n\n');
    const created = await fetch(`${bases[0]}/api/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${coord}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'race', title: 'Race', sourceLang: 'en', targetLangs: ['ko', 'ru'], markdown }),
    });
    expect(created.status).toBe(201);
    segmentIds = ((await call(0, 'GET', '/api/documents/race/segments?lang=ko')).body.segments as { id: string }[]).map((s) => s.id);
    expect(segmentIds).toHaveLength(WRITERS);
  });
  afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
    for (const p of pools) await p.close();
    await db?.close();
  });

  test(`${WRITERS} writers on one segment: every 200 is in the history, versions without gaps, no lost update`, async () => {
    const seg = segmentIds[0];
    const PER_WRITER = 3;
    const acks: Ack[] = [];
    const statuses = new Map<number, number>();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        let version = 1;
        let done = 0;
        for (let attempt = 0; done < PER_WRITER && attempt < 500; attempt++) {
          const text = `작가 ${w}, 시도 ${attempt}.`;
          const res = await call(w, 'PUT', `/api/documents/race/segments/${seg}/translations/ko`, { text, version });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 200) {
            // A write from version v that lands as v + 2 overwrote someone's change unseen.
            expect(res.body.translation.version).toBe(version + 1);
            acks.push({ version: res.body.translation.version, text: res.body.translation.text });
            version = res.body.translation.version;
            done++;
          } else if (res.status === 409) {
            version = res.body.current.version;
          } else {
            throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
          }
        }
      }),
    );
    expect([...statuses.keys()].sort()).toEqual([200, 409]);
    expect(acks).toHaveLength(WRITERS * PER_WRITER);
    const events = await historyOf(seg);
    expectGapless(events.map((e) => e.version));
    // Exactly the acknowledged writes, each with its own text: nothing lost, nothing extra.
    const byVersion = new Map(events.map((e) => [e.version, e.text]));
    expect(events).toHaveLength(acks.length);
    for (const ack of acks) expect(byVersion.get(ack.version)).toBe(ack.text);
    const last = acks.reduce((a, b) => (b.version > a.version ? b : a));
    const current = (await call(1, 'GET', '/api/documents/race/segments?lang=ko')).body.segments[0].translation;
    expect(current).toMatchObject({ version: last.version, text: last.text, state: 'translated' });
  });

  test(`${WRITERS} writers on ${WRITERS} segments: all succeed, each history gapless, progress exact and complete`, async () => {
    const SAVES = 5;
    await Promise.all(
      segmentIds.map(async (seg, w) => {
        let version = (await call(w, 'GET', `/api/documents/race/segments/${seg}/translations/ko/history?limit=1`)).body.events[0]?.version ?? 1;
        for (let k = 0; k < SAVES; k++) {
          const res = await call(w, 'PUT', `/api/documents/race/segments/${seg}/translations/ko`, { text: `문장 ${w}, 판 ${k}.`, version });
          expect(res.status).toBe(200);
          expect(res.body.translation.version).toBe(version + 1);
          version = res.body.translation.version;
        }
      }),
    );
    for (const [w, seg] of segmentIds.entries()) {
      const events = await historyOf(seg);
      expectGapless(events.map((e) => e.version));
      expect(events[0].text).toBe(`문장 ${w}, 판 ${SAVES - 1}.`);
    }
    // The 31 first saves raced to complete the language: the last one to commit recorded it.
    const progress = (await call(0, 'GET', '/api/documents/race/progress')).body.languages;
    expect(progress.ko).toMatchObject({ complete: 1, completeAgainstRevision: 1, segments: { total: WRITERS, translated: WRITERS, untranslated: 0 } });
    expect(progress.ru.segments).toMatchObject({ total: WRITERS, untranslated: WRITERS });
    const stored = await db.query<{ complete_against_revision: number; translated: number }>(
      `SELECT complete_against_revision, translated FROM language_progress WHERE document_id = 'race' AND lang = 'ko'`,
    );
    expect(stored.rows[0]).toEqual({ complete_against_revision: 1, translated: WRITERS });
    const events = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM translation_events e JOIN segments s ON s.id = e.segment_id WHERE s.document_id = 'race'`);
    expect(events.rows[0].n).toBe(WRITERS * 3 + WRITERS * SAVES);
  });

  test('an XLIFF import applied while translators keep saving the same language is never refused wholesale', async () => {
    const exported = await fetch(`${bases[0]}/api/documents/race/xliff/ko?version=2.0`, { headers: { authorization: `Bearer ${tokens[0]}` } });
    const file = readXliff(await exported.text()).files[0];
    // Every second unit changed in the file; the savers work on the others.
    const units: XliffUnit[] = file.units.map((u, i) => ({ id: u.id, source: u.sourceRuns, target: i % 2 ? `가져온 ${i}.` : u.target ?? '', state: 'translated' }));
    const body = writeXliffString({ exportId: file.exportId, documentId: 'race', revision: 1, srcLang: 'en', trgLang: 'ko' }, units, '2.0');
    let saving = true;
    const savers = segmentIds
      .filter((_, i) => i % 2 === 0)
      .map(async (seg, w) => {
        let version = (await call(w, 'GET', `/api/documents/race/segments/${seg}/translations/ko/history?limit=1`)).body.events[0].version;
        for (let k = 0; saving || k < 3; k++) {
          const res = await call(w, 'PUT', `/api/documents/race/segments/${seg}/translations/ko`, { text: `저장 ${w}, ${k}.`, version });
          expect(res.status).toBe(200);
          version = res.body.translation.version;
        }
      });
    const imports = await Promise.all(
      [0, 1].map(async (i) => {
        await new Promise((r) => setTimeout(r, 30 * i));
        const res = await fetch(`${bases[i]}/api/documents/race/xliff/ko`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/xliff+xml' },
          body,
        });
        return { status: res.status, body: (await res.json()) as { applied: string[]; unchanged: string[] } };
      }),
    );
    saving = false;
    await Promise.all(savers);
    // Both answered 200: the first applied the changed units, the second found them applied.
    expect(imports.map((r) => r.status)).toEqual([200, 200]);
    const changed = segmentIds.filter((_, i) => i % 2 === 1);
    expect([...imports[0].body.applied, ...imports[1].body.applied].sort()).toEqual([...changed].sort());
    const now = (await call(0, 'GET', '/api/documents/race/segments?lang=ko')).body.segments as { id: string; translation: { text: string } }[];
    for (const [i, s] of now.entries()) if (i % 2) expect(s.translation.text).toBe(`가져온 ${i}.`);
  });

  test("a batch of saves and an import lock one language's rows in one order: they queue, they never deadlock", async () => {
    // The interleaving that deadlocked (one import in four under load answered 500): the import
    // queues for the first row behind a third party; a batch of saves listing a later row first
    // takes that row and queues for the first one too. When the third party lets go, the import
    // takes the first row and waits for the batch's later row: unless the batch took its rows in
    // the import's order, each now waits for the other.
    const [first, later] = [segmentIds[20], segmentIds[21]].sort();
    const clients = await Promise.all([0, 1, 2].map(async () => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query('BEGIN');
      return c;
    }));
    const [thirdParty, importer, saver] = clients;
    try {
      // Saves move rows about: the first row's newest version now lies after the later one's,
      // so a scan in storage order meets the later row first.
      await db.query(`UPDATE translations SET updated_at = now() WHERE segment_id = $1 AND lang = 'ko'`, [first]);
      const versions = await db.query<{ segment_id: string; version: number; text: string; state: string }>(
        `SELECT segment_id, version, text, state FROM translations WHERE lang = 'ko' AND segment_id = ANY($1)`, [[first, later]]);
      const row = (id: string) => versions.rows.find((r) => r.segment_id === id)!;
      await thirdParty.query(`SELECT 1 FROM translations WHERE segment_id = $1 AND lang = 'ko' FOR UPDATE`, [first]);
      const importing = lockLanguageRows(importer, 'race', 'ko').then(() => importer.query('COMMIT'));
      await waitForLockWaiters(1);
      const change = (id: string) => ({
        segmentId: id, lang: 'ko', kind: 'edit' as const, userId: null, expectedVersion: row(id).version,
        row: { text: `묶음 ${id}.`, state: 'translated' as const, version: row(id).version + 1, basedOnRevision: 1, previousSource: null, stateBeforeStale: null, changeClass: null, suggestion: null },
      });
      const saving = writeChangeBatch(saver, [change(later), change(first)]).then(async (r) => {
        await saver.query('COMMIT');
        return r;
      });
      await waitForLockWaiters(2);
      await thirdParty.query('COMMIT');
      // Neither is chosen as a deadlock victim (40P01): the import commits, then the batch applies both.
      await importing;
      const written = await saving;
      expect(written.map((w) => w?.translation.text)).toEqual([`묶음 ${later}.`, `묶음 ${first}.`]);
    } finally {
      for (const c of clients) await c.end();
    }
  });
});

/** Waits until n connections of this test's database wait for a lock. */
async function waitForLockWaiters(n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (r.rows[0].n >= n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`fewer than ${n} connections came to wait for a lock`);
}

