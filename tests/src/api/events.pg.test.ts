import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { createApp, type LockstepApp } from '@lockstep/server/app';
import { openDb, type Db, type Queryable } from '@lockstep/server/db';
import { createLogger } from '@lockstep/server/logger';
import { eventsCommitted } from '@lockstep/server/events/committed';
import { writeChange } from '@lockstep/server/repos/translations';
import { editChange } from '../support/changes.js';
import { addUser, testConfig, tokenFor } from '../support/app.js';
import { serve, SseClient } from '../support/sse.js';
import { onPostgres, openTestDb, type TestDb } from '../support/testDb.js';
import { waitFor } from '../support/serverProcess.js';

// Events between server processes travel through PostgreSQL's LISTEN/NOTIFY; PGlite is one
// process (events.test.ts covers it). Two app instances with pools of their own stand for two
// server processes on one database.
const describePg = onPostgres ? describe : describe.skip;

const MARKDOWN = 'One sentence to translate. Another sentence to translate.\n\nA third sentence here. And a fourth one.\n';

let db: TestDb;
let dbB: Db;
let a: LockstepApp;
let b: LockstepApp;
let baseB: string;
let stopB: () => Promise<void>;
let ko = '';
let coord = '';
const streams: SseClient[] = [];
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

async function versions(doc = 'doc'): Promise<Map<string, number>> {
  const res = await request(a.app).get(`/api/documents/${doc}/segments?lang=ko`).set(auth(ko));
  return new Map((res.body.segments as { id: string; translation: { version: number } }[]).map((s) => [s.id, s.translation.version]));
}

async function listeners(): Promise<number[]> {
  const r = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'lockstep-events'`,
  );
  return r.rows.map((x) => x.pid);
}

/** On the server's own database: a database cannot close its doors from inside. */
async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describePg('live events across server processes (PostgreSQL LISTEN/NOTIFY)', () => {
  beforeAll(async () => {
    db = await openTestDb();
    dbB = await openDb({ url: db.url! });
    a = createApp({ db, config: testConfig(), logger: createLogger('silent') });
    b = createApp({ db: dbB, config: testConfig(), logger: createLogger('silent') });
    ({ base: baseB, stop: stopB } = await serve(b.app));
    await addUser(db, 'coord@example.org', 'coordinator');
    await addUser(db, 'ko@example.org', 'translator', ['ko']);
    coord = await tokenFor(a.app, 'coord@example.org');
    ko = await tokenFor(a.app, 'ko@example.org');
    const res = await request(a.app).post('/api/documents').set(auth(coord)).send({ id: 'doc', title: 'D', sourceLang: 'en', targetLangs: ['ko'], markdown: MARKDOWN });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await a?.close();
    await b?.close();
    await stopB?.();
    await dbB?.close();
    await db?.close();
  });

  test('a save on one process reaches a reader of the other in under a second', async () => {
    const c = await SseClient.open(`${baseB}/api/documents/doc/events`, auth(ko));
    streams.push(c);
    await c.until((x) => x.of('ready').length === 1);
    // Only the process with a reader listens: B has one session (opened with its first reader), A none.
    await waitFor('the listening session', async () => (await listeners()).length > 0, 5_000, 25);
    expect(await listeners()).toHaveLength(1);

    const latencies: number[] = [];
    const afterCommit: number[] = [];
    const segs = [...(await versions()).entries()];
    for (let i = 0; i < 10; i++) {
      const [seg, version] = segs[i % segs.length];
      const current = i < segs.length ? version : (await versions()).get(seg)!;
      const started = performance.now();
      const res = await request(a.app).put(`/api/documents/doc/segments/${seg}/translations/ko`).set(auth(ko)).send({ text: `번역 ${i}.`, version: current });
      expect(res.status).toBe(200);
      const responded = performance.now();
      await c.until((x) => x.of('translation').length === i + 1, 2_000);
      const e = c.of('translation')[i];
      expect(e.json).toMatchObject({ segment: seg, version: res.body.translation.version });
      latencies.push(e.at - started);
      afterCommit.push(Math.max(0, e.at - responded));
    }
    latencies.sort((x, y) => x - y);
    afterCommit.sort((x, y) => x - y);
    console.log(
      `save request on A → event on B: p50 ${latencies[5].toFixed(1)} ms, max ${latencies[9].toFixed(1)} ms; ` +
        `after A's answer: p50 ${afterCommit[5].toFixed(1)} ms, max ${afterCommit[9].toFixed(1)} ms`,
    );
    // Every event arrived within until()'s 2 s; the latencies are printed, not asserted (default lane: no wall-clock budgets).
  });

  test('a lost listening session re-LISTENs and resyncs: events committed meanwhile all arrive, none twice', async () => {
    const c = await SseClient.open(`${baseB}/api/documents/doc/events`, auth(ko));
    streams.push(c);
    await c.until((x) => x.of('ready').length === 1);
    const from = Number(c.of('ready')[0].id);
    const [old] = await listeners();
    const name = (await db.query<{ d: string }>('SELECT current_database() AS d')).rows[0].d;

    // An outage of the listening session only: no new session may connect until it ends, so
    // the saves below are notified to nobody and only a resync can deliver them. The saves
    // need idle connections in A's pool already open: hold four at once so that there are.
    await Promise.all(Array.from({ length: 4 }, () => db.query('SELECT pg_sleep(0.05)')));
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    try {
      await db.query('SELECT pg_terminate_backend($1)', [old]);
      await waitFor('the listening session to end', async () => (await listeners()).length === 0, 5_000, 25);
      const segs = [...(await versions()).entries()];
      for (const [seg, version] of segs.slice(0, 3)) {
        const res = await request(a.app).put(`/api/documents/doc/segments/${seg}/translations/ko`).set(auth(ko)).send({ text: `재연결 ${seg}.`, version });
        expect(res.status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 600));
      expect(c.of('translation')).toHaveLength(0);
    } finally {
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }

    await c.until((x) => x.of('translation').length === 3, 10_000, 'the resync after reconnecting');
    const [fresh] = await listeners();
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(old);
    // Live again: one more save arrives through the new session.
    const [seg, version] = [...(await versions()).entries()][3];
    expect((await request(a.app).put(`/api/documents/doc/segments/${seg}/translations/ko`).set(auth(ko)).send({ text: '다시.', version })).status).toBe(200);
    await c.until((x) => x.of('translation').length === 4, 2_000);
    expect(c.events.filter((e) => e.event !== 'ready').map((e) => Number(e.id))).toEqual([1, 2, 3, 4].map((i) => from + i));
  });

  test('32 concurrent saves on one document through both processes: numbers 1..N without gaps or repeats, each accepted save exactly once', async () => {
    // Both processes now listen, so both number events, concurrently (the counter row decides).
    await a.live.start();
    await waitFor('both listening sessions', async () => (await listeners()).length === 2, 5_000, 25);
    const markdown = Array.from({ length: 24 }, (_, i) => `Sentence number ${i + 1} of the busy document.`).join('\n\n');
    expect((await request(a.app).post('/api/documents').set(auth(coord)).send({ id: 'busy', title: 'B', sourceLang: 'en', targetLangs: ['ko'], markdown })).status).toBe(201);
    const c = await SseClient.open(`${baseB}/api/documents/busy/events`, auth(ko));
    streams.push(c);
    await c.until((x) => x.of('ready').length === 1);
    expect(c.of('ready')[0].id).toBe('0');

    // Segments 0–15 get one save each; 16–23 two racing saves from the same version (one per
    // process), of which exactly one wins: a lost race must leave no number behind.
    const segs = [...(await versions('busy')).entries()];
    const jobs = [...segs.slice(0, 16).map((s, i) => ({ s, app: i % 2 ? b : a })), ...segs.slice(16).flatMap((s) => [{ s, app: a }, { s, app: b }])];
    expect(jobs).toHaveLength(32);
    const answers = await Promise.all(
      jobs.map(({ s: [seg, version], app }, i) =>
        request(app.app).put(`/api/documents/busy/segments/${seg}/translations/ko`).set(auth(ko)).send({ text: `동시 ${i}.`, version }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(24).fill(200), ...Array(8).fill(409)]);
    const accepted = answers.flatMap((r, i) => (r.status === 200 ? [`${jobs[i].s[0]}@${r.body.translation.version}`] : []));
    expect(new Set(accepted).size).toBe(24);

    await c.until((x) => x.of('translation').length >= 24, 5_000, '24 events');
    await new Promise((r) => setTimeout(r, 300)); // anything extra (a repeat) would arrive meanwhile
    const delivered = c.of('translation');
    expect(delivered.map((e) => Number(e.id))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(delivered.map((e) => `${e.json.segment}@${e.json.version}`).sort()).toEqual([...accepted].sort());
    const stored = await db.query<{ seq: string | null }>(`SELECT seq FROM document_events WHERE document_id = 'busy' ORDER BY seq`);
    expect(stored.rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  test('an event whose transaction commits after a later-started one is numbered after it and reaches a reader who resumed in between', async () => {
    const markdown = 'Early sentence here. Late sentence there.\n';
    expect((await request(a.app).post('/api/documents').set(auth(coord)).send({ id: 'late', title: 'L', sourceLang: 'en', targetLangs: ['ko'], markdown })).status).toBe(201);
    // Translated first: edits that keep the state change no progress count, so the two
    // transactions below share no lock (a count change would queue on language_progress, 002).
    for (const [seg, version] of await versions('late')) {
      expect((await request(a.app).put(`/api/documents/late/segments/${seg}/translations/ko`).set(auth(ko)).send({ text: '처음.', version })).status).toBe(200);
    }
    const [[slow, slowVersion], [fast, fastVersion]] = [...(await versions('late')).entries()];
    const user = (await db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'ko@example.org'`)).rows[0].id;
    const first = await SseClient.open(`${baseB}/api/documents/late/events`, auth(ko));
    streams.push(first);
    await first.until((x) => x.of('ready').length === 1);
    const start = Number(first.of('ready')[0].id);
    expect(start).toBe(2);

    const sessions = [new pg.Client({ connectionString: db.url }), new pg.Client({ connectionString: db.url })];
    await Promise.all(sessions.map((s) => s.connect()));
    const [early, later] = sessions.map((s): Queryable => ({ query: (text, params) => s.query(text, params as unknown[]) as never }));
    const change = (segmentId: string, version: number, text: string) =>
      editChange({ segmentId, lang: 'ko', text, userId: Number(user), revision: 1, expectedVersion: version });
    try {
      // `early` writes first but commits last; `later` starts and commits in between. Both
      // stand for saves on process A, which tells its sequencer after each commit.
      await early.query('BEGIN');
      expect(await writeChange(early, change(slow, slowVersion, '늦게 커밋.'))).toBeDefined();
      await later.query('BEGIN');
      expect(await writeChange(later, change(fast, fastVersion, '먼저 커밋.'))).toBeDefined();
      await later.query('COMMIT');
      eventsCommitted(db, 'late');

      await first.until((x) => x.of('translation').length === 1, 2_000, 'the event that committed');
      expect(first.of('translation')[0]).toMatchObject({ id: String(start + 1), json: { segment: fast } });
      first.close();
      // The reader comes back having seen that event, while `early` is still open.
      const resumed = await SseClient.open(`${baseB}/api/documents/late/events`, { ...auth(ko), 'Last-Event-ID': String(start + 1) });
      streams.push(resumed);
      await resumed.until((x) => x.of('ready').length === 1);
      expect(resumed.of('ready')[0].id).toBe(String(start + 1));

      await early.query('COMMIT');
      eventsCommitted(db, 'late');
      await resumed.until((x) => x.of('translation').length === 1, 2_000, 'the late event');
      expect(resumed.events.filter((e) => e.event !== 'ready')).toHaveLength(1);
      expect(resumed.of('translation')[0]).toMatchObject({ id: String(start + 2), json: { segment: slow, version: slowVersion + 1 } });
      // It was written first (a lower id) yet numbered after the one that committed first.
      const rows = await db.query<{ segment: string; seq: string }>(
        `SELECT payload->>'segment' AS segment, seq FROM document_events WHERE document_id = 'late' AND seq > $1 ORDER BY id`,
        [start],
      );
      expect(rows.rows.map((r) => [r.segment, Number(r.seq)])).toEqual([[slow, start + 2], [fast, start + 1]]);
    } finally {
      await Promise.all(sessions.map((s) => s.end()));
    }
  });
});
