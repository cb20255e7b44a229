import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { inbox, markNoticesRead } from '@lockstep/server/services/notices';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

// The daily digest (issue 22, item 2): a user may collect a day's publish notices into one
// inbox entry. The clock is injected into the inbox service: "tomorrow" is a Date, not a wait.

let db: TestDb;
let app: Express;
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};
const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

const V1 = ['# Tenants united', '', 'The rent strike starts today. The assembly meets on March 3, 2024.', '', 'This paragraph stays as it is.', ''].join('\n');

/** Each call rewords the date again, so every publish makes the ko translation of that sentence need work. */
let day = 3;
async function publishDateChange(): Promise<void> {
  const current = await request(app).get('/api/documents/doc/revisions').set(auth('coord'));
  const latest = (current.body.revisions as { number: number }[])[0].number;
  const { body } = await request(app).get(`/api/documents/doc/revisions/${latest}`).set(auth('coord'));
  const res = await request(app)
    .post('/api/documents/doc/revisions')
    .set(auth('coord'))
    .send({ markdown: (body.markdown as string).replace(`March ${day}`, `March ${day + 1}`) });
  expect(res.status).toBe(201);
  day++;
  // Translate it again, so the next rewording makes it stale again.
  await db.query(
    `UPDATE translations SET text = 'x', state = 'translated', version = version + 1
       FROM segments s WHERE s.id = translations.segment_id AND translations.lang = 'ko' AND s.source LIKE '%March%' AND s.retired_in IS NULL`,
  );
}

const nowish = () => new Date();
const tomorrow = () => new Date(Date.now() + 86_400_000);

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  for (const [who, role, langs] of [
    ['coord', 'coordinator', []],
    ['daily', 'translator', ['ko']],
    ['each', 'translator', ['ko']],
  ] as const) {
    ids[who] = (await addUser(db, `${who}@example.org`, role, [...langs])).id;
    tokens[who] = await tokenFor(app, `${who}@example.org`);
  }
  const res = await request(app).post('/api/documents').set(auth('coord')).send({ id: 'doc', title: 'Doc', sourceLang: 'en', targetLangs: ['ko'], markdown: V1 });
  expect(res.status).toBe(201);
  await db.query(`UPDATE translations SET text = 'x', state = 'translated', version = version + 1 WHERE lang = 'ko'`);
});
afterAll(async () => {
  await db?.close();
});

describe('daily digest of publish notices', () => {
  test('the setting is per user, defaults to a notice each time, and refuses anything else', async () => {
    const before = await request(app).get('/api/inbox').set(auth('daily'));
    expect(before.body).toMatchObject({ digest: 'each', digests: [] });
    const bad = await request(app).put('/api/inbox/settings').set(auth('daily')).send({ digest: 'weekly' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toMatch(/each|daily/);
    const set = await request(app).put('/api/inbox/settings').set(auth('daily')).send({ digest: 'daily' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ digest: 'daily' });
    expect((await request(app).get('/api/inbox').set(auth('daily'))).body.digest).toBe('daily');
    expect((await request(app).get('/api/inbox').set(auth('each'))).body.digest).toBe('each');
  });

  test("a day's notices are held until the day ends, then shown as one digest with their summed counts", async () => {
    await publishDateChange();
    await publishDateChange();

    // Today: the user who takes each notice has two; the digest user has nothing to read yet.
    const each = await inbox(db, ids.each, 50, nowish());
    expect(each.notices).toHaveLength(2);
    expect(each.unread).toBe(2);
    const today = await inbox(db, ids.daily, 50, nowish());
    expect(today).toMatchObject({ unread: 0, notices: [], digests: [] });

    // Tomorrow: one digest for today, holding exactly the two notices the other user got.
    const next = await inbox(db, ids.daily, 50, tomorrow());
    expect(next.unread).toBe(1);
    expect(next.notices).toEqual([]);
    expect(next.digests).toHaveLength(1);
    const [digest] = next.digests;
    expect(digest.day).toBe(nowish().toISOString().slice(0, 10));
    expect(digest.read).toBe(false);
    expect(digest.notices.map((n) => [n.revision, n.counts])).toEqual(each.notices.map((n) => [n.revision, n.counts]));
    expect(digest.needsWork).toBe(each.notices.reduce((sum, n) => sum + n.counts.needsWork, 0));
    expect(digest.needsWork).toBe(2);
    expect(digest.words).toBe(each.notices.reduce((sum, n) => sum + n.counts.words, 0));
    expect(digest.id).toBe(Math.max(...digest.notices.map((n) => n.id)));

    // "Mark all read" today leaves the day being collected alone.
    expect((await markNoticesRead(db, ids.daily, null, nowish())).marked).toBe(0);
    // Tomorrow, marking the digest read marks its whole day.
    const read = await markNoticesRead(db, ids.daily, [digest.id], tomorrow());
    expect(read).toEqual({ marked: 2, unread: 0 });
    expect((await inbox(db, ids.daily, 50, tomorrow())).digests[0].read).toBe(true);
  });

  test('each finished day is its own digest; switching back to "each" shows new notices one by one again', async () => {
    // Yesterday's notices (moved back a day) and today's are two digests the day after tomorrow.
    await db.query(`UPDATE notices SET digest_day = digest_day - 1, created_at = created_at - interval '1 day' WHERE user_id = $1`, [ids.daily]);
    await publishDateChange();
    const later = await inbox(db, ids.daily, 50, new Date(Date.now() + 2 * 86_400_000));
    expect(later.digests.map((d) => [d.day, d.notices.length, d.read])).toEqual([
      [nowish().toISOString().slice(0, 10), 1, false],
      [new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), 2, true],
    ]);
    expect(later.unread).toBe(1);

    await request(app).put('/api/inbox/settings').set(auth('daily')).send({ digest: 'each' });
    await publishDateChange();
    const now = await inbox(db, ids.daily, 50, nowish());
    expect(now.notices).toHaveLength(1);
    expect(now.unread).toBe(1);
  });
});
