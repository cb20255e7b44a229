import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openPgliteCopy, openTestDb, type TestDb } from '../support/testDb.js';
import { openDb, type Db } from '@lockstep/server/db';

let db: TestDb;
let app: Express;
const token: Record<'ko' | 'ko2' | 'ruReviewer' | 'koReviewer' | 'coord', string> = { ko: '', ko2: '', ruReviewer: '', koReviewer: '', coord: '' };
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

const MARKDOWN = `# Our statement

We **stand** with [Ukraine](https://example.org/ua) and its people. Peace needs 1,200 volunteers by 2025.

Write to us: a < b is literal, and so is <3> here.

info@example.org

- First item of the list.
- Second item, with \`code\` inside.
`;

interface Seg {
  id: string;
  source: string;
  translatable: boolean;
  translation: { text: string; state: string; version: number } | null;
}
interface Doc {
  id: string;
  title: Seg;
  codes: Seg; // We <1>stand</1> with <2>Ukraine</2> and its people.
  numbers: Seg;
  literal: Seg; // Write to us: a < b is literal, and so is \<3> here.
  locked: Seg;
  item: Seg;
  standalone: Seg; // Second item, with <1/> inside.
}

/**
 * An app on a handle without the strict-transaction guard: on PostgreSQL a second pool on
 * this file's database, on PGlite a database of its own (PGlite cannot be shared).
 */
async function looseApp(): Promise<{ app: Express; db: TestDb; close: () => Promise<void> }> {
  const loose: Db = db.url
    ? await openDb({ url: db.url })
    : await openPgliteCopy({ strictTransactions: false });
  return { app: testApp(loose).app, db: loose, close: () => loose.close() };
}

let docCount = 0;
/** A fresh document per test: tests stay independent without re-creating users and sessions. */
async function newDoc(): Promise<Doc> {
  const id = `doc-${++docCount}`;
  const created = await request(app)
    .post('/api/documents')
    .set(auth(token.coord))
    .send({ id, title: 'Statement', sourceLang: 'en', targetLangs: ['ko', 'ru', 'fr'], markdown: MARKDOWN });
  expect(created.status).toBe(201);
  const list = await request(app).get(`/api/documents/${id}/segments?lang=ko`).set(auth(token.ko));
  const s = list.body.segments as Seg[];
  expect(s).toHaveLength(7);
  return { id, title: s[0], codes: s[1], numbers: s[2], literal: s[3], locked: s[4], item: s[5], standalone: s[6] };
}

const url = (doc: string, seg: string, lang = 'ko', action = '') => `/api/documents/${doc}/segments/${seg}/translations/${lang}${action}`;

function put(t: string, doc: Doc, seg: Seg, text: string, version: number, lang = 'ko') {
  return request(app).put(url(doc.id, seg.id, lang)).set(auth(t)).send({ text, version });
}

async function history(doc: Doc, seg: Seg, lang = 'ko') {
  const res = await request(app).get(url(doc.id, seg.id, lang, '/history')).set(auth(token.ko));
  expect(res.status).toBe(200);
  return res.body.events as { id: number; kind: string; text: string; state: string; version: number; revision: number; user: { id: number; name: string } | null; createdAt: string }[];
}

/** What revision publishing does to a translation whose source changed (until it is used here directly). */
async function markStale(doc: Doc, seg: Seg, lang = 'ko', newRevision = 2) {
  await db.query(`UPDATE documents SET current_revision = $2 WHERE id = $1`, [doc.id, newRevision]);
  await db.query(
    `UPDATE translations SET state_before_stale = state, state = 'stale', previous_source = 'The old source.',
            change_class = 'modified', version = version + 1 WHERE segment_id = $1 AND lang = $2`,
    [seg.id, lang],
  );
  const r = await db.query<{ version: number }>('SELECT version FROM translations WHERE segment_id = $1 AND lang = $2', [seg.id, lang]);
  return r.rows[0].version;
}

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'ko2@example.org', 'translator', ['ko']);
  await addUser(db, 'ru-rev@example.org', 'reviewer', ['ru']);
  await addUser(db, 'ko-rev@example.org', 'reviewer', ['ko']);
  await addUser(db, 'coord@example.org', 'coordinator');
  token.ko = await tokenFor(app, 'ko@example.org');
  token.ko2 = await tokenFor(app, 'ko2@example.org');
  token.ruReviewer = await tokenFor(app, 'ru-rev@example.org');
  token.koReviewer = await tokenFor(app, 'ko-rev@example.org');
  token.coord = await tokenFor(app, 'coord@example.org');
});
afterAll(async () => {
  await db?.close();
});

describe('saving a translation', () => {
  test('a translator saves from the version they started from: 200, version bumped, one history event', async () => {
    const doc = await newDoc();
    const res = await put(token.ko, doc, doc.item, '목록의 첫 번째 항목.', 1);
    expect(res.status).toBe(200);
    expect(res.body.translation).toMatchObject({ text: '목록의 첫 번째 항목.', state: 'translated', version: 2, basedOnRevision: 1, updatedBy: 'ko' });
    expect(res.body.warnings).toEqual([]);
    const events = await history(doc, doc.item);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'edit', text: '목록의 첫 번째 항목.', state: 'translated', version: 2, revision: 1, user: { name: 'ko' } });
    expect(Date.parse(events[0].createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const list = await request(app).get(`/api/documents/${doc.id}/segments?lang=ko`).set(auth(token.ko));
    expect(list.body.segments[5].translation).toMatchObject({ text: '목록의 첫 번째 항목.', state: 'translated', version: 2 });
  });

  test('text is stored NFC', async () => {
    const doc = await newDoc();
    const res = await put(token.coord, doc, doc.item, 'Premie\u0300re entre\u0301e de la liste.', 1, 'fr');
    expect(res.status).toBe(200);
    expect(res.body.translation.text).toBe('Première entrée de la liste.');
    const r = await db.query<{ text: string }>(`SELECT text FROM translations WHERE segment_id = $1 AND lang = 'fr'`, [doc.item.id]);
    expect(r.rows[0].text).toBe('Premi\u00e8re entr\u00e9e de la liste.');
  });

  test('a stale version is a 409 with the current translation, and nothing is written', async () => {
    const doc = await newDoc();
    expect((await put(token.ko, doc, doc.item, '첫 번째.', 1)).status).toBe(200);
    const before = await hashAllTables(db);
    const res = await put(token.ko2, doc, doc.item, '다른 번역.', 1);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('version_conflict');
    expect(res.body.current).toMatchObject({ text: '첫 번째.', state: 'translated', version: 2, updatedBy: 'ko' });
    expect(await hashAllTables(db)).toBe(before);
  });

  test('two translators saving from the same version at once: one 200, one 409, one event', async () => {
    // Concurrent requests need a handle without the test guard, which counts open
    // transactions per process and so cannot tell two requests apart (see looseApp).
    const { app: app2, db: db2, close } = await looseApp();
    try {
      const run = `${++docCount}`;
      await addUser(db2, `a${run}@example.org`, 'translator', ['ko']);
      await addUser(db2, `b${run}@example.org`, 'translator', ['ko']);
      await addUser(db2, `c${run}@example.org`, 'coordinator');
      const [a, b, c] = [await tokenFor(app2, `a${run}@example.org`), await tokenFor(app2, `b${run}@example.org`), await tokenFor(app2, `c${run}@example.org`)];
      const id = `race-${run}`;
      await request(app2).post('/api/documents').set(auth(c)).send({ id, title: 'Race', sourceLang: 'en', targetLangs: ['ko'], markdown: 'One sentence.' });
      const seg = (await request(app2).get(`/api/documents/${id}/segments?lang=ko`).set(auth(a))).body.segments[0] as Seg;
      const save = (t: string, text: string) => request(app2).put(url(id, seg.id)).set(auth(t)).send({ text, version: 1 });
      const [first, second] = await Promise.all([save(a, '첫째 안.'), save(b, '둘째 안.')]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const winner = first.status === 200 ? first : second;
      const loser = first.status === 200 ? second : first;
      expect(loser.body.current).toMatchObject({ text: winner.body.translation.text, version: 2 });
      const events = (await request(app2).get(url(id, seg.id, 'ko', '/history')).set(auth(a))).body.events as { version: number; text: string }[];
      expect(events.map((e) => [e.version, e.text])).toEqual([[2, winner.body.translation.text]]);
    } finally {
      await close();
    }
  });

  test('the identical text is a no-op: 200, same version, no event', async () => {
    const doc = await newDoc();
    expect((await put(token.ko, doc, doc.item, '첫 번째.', 1)).status).toBe(200);
    const before = await hashAllTables(db);
    const res = await put(token.ko, doc, doc.item, '첫 번째.', 2);
    expect(res.status).toBe(200);
    expect(res.body.translation).toMatchObject({ text: '첫 번째.', version: 2, state: 'translated' });
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(['unchanged']);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('inline codes must match the source: same set, properly nested, none invented (422, nothing stored)', async () => {
    const doc = await newDoc();
    const cases: [Seg, string, string][] = [
      [doc.codes, '우리는 <1>연대</1>하며 <2>우크라이나</2>와 <3>함께</3>.', 'unknown'],
      [doc.codes, '우리는 <1>연대</1>하며 우크라이나와 함께.', 'missing'],
      [doc.codes, '우리는 <1>연대 <2>우크라이나</1></2>.', 'badly-nested'],
      [doc.codes, '우리는 <1>연대하며 <2>우크라이나</2>.', 'unbalanced'],
      [doc.codes, '<1>연대</1> <1>다시</1> <2>우크라이나</2>.', 'duplicate'],
      [doc.standalone, '두 번째 <1>코드</1> 항목.', 'wrong-type'],
      [doc.item, '첫 번째 <1/> 항목.', 'unknown'],
    ];
    const before = await hashAllTables(db);
    for (const [seg, text, kind] of cases) {
      const res = await put(token.ko, doc, seg, text, 1);
      expect([res.status, res.body.error?.code]).toEqual([422, 'invalid_inline_codes']);
      expect(res.body.error.details.problems.map((p: { kind: string }) => p.kind)).toContain(kind);
      expect(res.body.error.message).toMatch(/inline codes/);
    }
    expect(await hashAllTables(db)).toBe(before);
  });

  test('codes in another order are fine, and an escaped \\< is literal text, not a code', async () => {
    const doc = await newDoc();
    const reordered = await put(token.ko, doc, doc.codes, '<2>우크라이나</2>와 그 국민과 함께 <1>연대</1>합니다.', 1);
    expect(reordered.status).toBe(200);
    const escaped = await put(token.ko, doc, doc.literal, '연락처: a < b 는 문자 그대로이며 \\<3> 도 그렇습니다.', 1);
    expect(escaped.status).toBe(200);
    expect(escaped.body.translation.text).toBe('연락처: a < b 는 문자 그대로이며 \\<3> 도 그렇습니다.');
    const unescaped = await put(token.ko, doc, doc.literal, '연락처: <3> 는 코드가 됩니다.', 2);
    expect([unescaped.status, unescaped.body.error.code]).toEqual([422, 'invalid_inline_codes']);
  });

  test('NUL, other control characters and lone surrogates are refused with 422 and nothing stored', async () => {
    const doc = await newDoc();
    const before = await hashAllTables(db);
    for (const text of ['첫\u0000번째.', '첫\u0007번째.', '첫\u001b번째.', '첫\uD800번째.', '첫\uDC00번째.']) {
      const res = await put(token.ko, doc, doc.item, text, 1);
      expect([res.status, res.body.error.code]).toEqual([422, 'invalid_text']);
    }
    expect(await hashAllTables(db)).toBe(before);
    expect((await put(token.ko, doc, doc.item, '첫 번째\t항목.\n둘째 줄.', 1)).status).toBe(200);
  });

  test('over-long, empty and malformed bodies are refused with a reason', async () => {
    const doc = await newDoc();
    const before = await hashAllTables(db);
    const long = await put(token.ko, doc, doc.item, '가'.repeat(20_001), 1);
    expect([long.status, long.body.error.code]).toEqual([413, 'text_too_long']);
    expect(long.body.error.message).toMatch(/20000/);
    const empty = await put(token.ko, doc, doc.item, '  \n ', 1);
    expect([empty.status, empty.body.error.code]).toEqual([422, 'text_empty']);
    for (const body of [{ text: '번역.' }, { text: '번역.', version: '1' }, { text: 5, version: 1 }, { text: '번역.', version: 0 }]) {
      const res = await request(app).put(url(doc.id, doc.item.id)).set(auth(token.ko)).send(body);
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_body']);
    }
    expect(await hashAllTables(db)).toBe(before);
    expect((await put(token.ko, doc, doc.item, '가'.repeat(20_000), 1)).status).toBe(200);
  });

  test('unknown document, segment, language, a segment of another document or a retired one: 404', async () => {
    const doc = await newDoc();
    const other = await newDoc();
    await db.query('UPDATE segments SET retired_in = 2 WHERE id = $1', [doc.title.id]);
    const before = await hashAllTables(db);
    const cases: [string, string][] = [
      [url('no-such-doc', doc.item.id), 'document_not_found'],
      [url(doc.id, 's999999'), 'segment_not_found'],
      [url(doc.id, other.item.id), 'segment_not_found'],
      [url(doc.id, doc.title.id), 'segment_not_found'],
      [url(doc.id, doc.item.id, 'es'), 'language_not_found'],
      [url(doc.id, doc.item.id, 'en'), 'language_not_found'],
      [url(doc.id, doc.item.id, 'xx'), 'language_not_found'],
    ];
    for (const [path, code] of cases) {
      const res = await request(app).put(path).set(auth(token.coord)).send({ text: '텍스트.', version: 1 });
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, code]);
    }
    expect(await hashAllTables(db)).toBe(before);
  });

  test('a locked segment has no translation to write: 422', async () => {
    const doc = await newDoc();
    expect(doc.locked.translatable).toBe(false);
    const res = await put(token.ko, doc, doc.locked, 'info@example.org', 1);
    expect([res.status, res.body.error.code]).toEqual([422, 'segment_locked']);
    for (const action of ['/approve', '/reconfirm']) {
      const r = await request(app).post(url(doc.id, doc.locked.id, 'ko', action)).set(auth(token.coord)).send({ version: 1 });
      expect(r.status).toBe(422);
    }
  });

  test('per language: a ko translator may not write ru, a ru reviewer approves ru only', async () => {
    const doc = await newDoc();
    const before = await hashAllTables(db);
    expect((await put(token.ko, doc, doc.item, 'Первый пункт.', 1, 'ru')).status).toBe(403);
    expect((await put(token.ruReviewer, doc, doc.item, '첫 번째.', 1, 'ko')).status).toBe(403);
    expect((await request(app).post(url(doc.id, doc.item.id, 'ko', '/approve')).set(auth(token.ko)).send({ version: 1 })).status).toBe(403);
    expect((await request(app).post(url(doc.id, doc.item.id, 'ko', '/approve')).set(auth(token.ruReviewer)).send({ version: 1 })).status).toBe(403);
    expect((await request(app).put(url(doc.id, doc.item.id, 'ru')).send({ text: 'Первый.', version: 1 })).status).toBe(401);
    expect(await hashAllTables(db)).toBe(before);
    const saved = await put(token.ruReviewer, doc, doc.item, 'Первый пункт списка.', 1, 'ru');
    expect(saved.status).toBe(200);
    const approved = await request(app).post(url(doc.id, doc.item.id, 'ru', '/approve')).set(auth(token.ruReviewer)).send({ version: 2 });
    expect(approved.status).toBe(200);
    expect(approved.body.translation).toMatchObject({ state: 'approved', version: 3 });
  });

  test('warnings point at likely mistakes but do not stop the save', async () => {
    const doc = await newDoc();
    const res = await put(token.ko, doc, doc.numbers, '평화에는 1 200명의 자원봉사자가 필요합니다. ', 1);
    expect(res.status).toBe(200);
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(['numbers_differ', 'surrounding_whitespace']);
    expect(res.body.warnings[0].message).toMatch(/2025/);
    const same = await put(token.ko, doc, doc.item, 'First item of the list.', 1);
    expect(same.body.warnings.map((w: { code: string }) => w.code)).toEqual(['same_as_source']);
  });
});

describe('states', () => {
  test('approve needs translated; approving bumps the version and is in the history', async () => {
    const doc = await newDoc();
    const approve = (version: number, t = token.koReviewer) =>
      request(app).post(url(doc.id, doc.item.id, 'ko', '/approve')).set(auth(t)).send({ version });
    const untranslated = await approve(1);
    expect([untranslated.status, untranslated.body.error.code]).toEqual([422, 'wrong_state']);
    await put(token.ko, doc, doc.item, '첫 번째 항목.', 1);
    const ok = await approve(2);
    expect(ok.status).toBe(200);
    expect(ok.body.translation).toMatchObject({ text: '첫 번째 항목.', state: 'approved', version: 3, updatedBy: 'ko-rev' });
    expect((await approve(3)).status).toBe(422);
    expect((await approve(2)).status).toBe(409);
    expect((await history(doc, doc.item)).map((e) => [e.kind, e.state, e.version])).toEqual([
      ['approve', 'approved', 3],
      ['edit', 'translated', 2],
    ]);
  });

  test('editing an approved translation makes it translated again', async () => {
    const doc = await newDoc();
    await put(token.ko, doc, doc.item, '첫 번째 항목.', 1);
    await request(app).post(url(doc.id, doc.item.id, 'ko', '/approve')).set(auth(token.koReviewer)).send({ version: 2 });
    const res = await put(token.ko, doc, doc.item, '목록의 첫 번째 항목.', 3);
    expect(res.body.translation).toMatchObject({ state: 'translated', version: 4 });
  });

  test('re-confirm needs stale: back to translated, based on the current revision, stale fields cleared', async () => {
    const doc = await newDoc();
    const reconfirm = (version: number, t = token.ko) =>
      request(app).post(url(doc.id, doc.item.id, 'ko', '/reconfirm')).set(auth(t)).send({ version });
    const notStale = await reconfirm(1);
    expect([notStale.status, notStale.body.error.code]).toEqual([422, 'wrong_state']);
    await put(token.ko, doc, doc.item, '첫 번째 항목.', 1);
    const version = await markStale(doc, doc.item);
    const list = await request(app).get(`/api/documents/${doc.id}/segments?lang=ko&state=stale`).set(auth(token.ko));
    expect(list.body.segments.map((s: Seg) => s.id)).toEqual([doc.item.id]);
    // An editor still on the old version learns what changed in the source.
    const late = await put(token.ko, doc, doc.item, '늦은 편집.', 2);
    expect(late.status).toBe(409);
    expect(late.body.current).toMatchObject({ state: 'stale', previousSource: 'The old source.' });
    expect(late.body.current.diff).toEqual(list.body.segments[0].translation.diff);
    expect(late.body.current.diff.map((p: { op: string }) => p.op)).toContain('added');
    const res = await reconfirm(version);
    expect(res.status).toBe(200);
    expect(res.body.translation).toMatchObject({
      text: '첫 번째 항목.', state: 'translated', version: version + 1, basedOnRevision: 2, previousSource: null, changeClass: null,
    });
    expect((await history(doc, doc.item))[0]).toMatchObject({ kind: 'reconfirm', state: 'translated', revision: 2 });
  });

  test('a reviewer re-confirming what was approved approves it again; a translator only gets translated', async () => {
    for (const [who, expected] of [[token.koReviewer, 'approved'], [token.ko, 'translated']] as const) {
      const doc = await newDoc();
      await put(token.ko, doc, doc.item, '첫 번째 항목.', 1);
      await request(app).post(url(doc.id, doc.item.id, 'ko', '/approve')).set(auth(token.koReviewer)).send({ version: 2 });
      const version = await markStale(doc, doc.item);
      const res = await request(app).post(url(doc.id, doc.item.id, 'ko', '/reconfirm')).set(auth(who)).send({ version });
      expect(res.status).toBe(200);
      expect(res.body.translation.state).toBe(expected);
    }
  });

  test('saving the identical text on a stale translation is a re-confirm; new text makes it translated', async () => {
    const doc = await newDoc();
    await put(token.ko, doc, doc.item, '첫 번째 항목.', 1);
    await put(token.ko, doc, doc.title, '우리의 성명.', 1);
    const v1 = await markStale(doc, doc.item);
    const same = await put(token.ko, doc, doc.item, '첫 번째 항목.', v1);
    expect(same.body.translation).toMatchObject({ state: 'translated', version: v1 + 1, previousSource: null });
    expect((await history(doc, doc.item))[0].kind).toBe('reconfirm');
    const v2 = await markStale(doc, doc.title, 'ko', 3);
    const edited = await put(token.ko, doc, doc.title, '우리의 새 성명.', v2);
    expect(edited.body.translation).toMatchObject({ state: 'translated', basedOnRevision: 3, previousSource: null, changeClass: null });
    expect((await history(doc, doc.title))[0].kind).toBe('edit');
  });

  test('revert writes a new event with an earlier text; history is never rewritten', async () => {
    const doc = await newDoc();
    await put(token.ko, doc, doc.item, '첫 번째 안.', 1);
    await put(token.ko2, doc, doc.item, '두 번째 안.', 2);
    const [second, first] = await history(doc, doc.item);
    const revert = (eventId: number, version: number, t = token.ko) =>
      request(app).post(url(doc.id, doc.item.id, 'ko', '/revert')).set(auth(t)).send({ eventId, version });
    expect((await revert(first.id, 2)).status).toBe(409);
    const res = await revert(first.id, 3);
    expect(res.status).toBe(200);
    expect(res.body.translation).toMatchObject({ text: '첫 번째 안.', state: 'translated', version: 4 });
    const events = await history(doc, doc.item);
    expect(events.map((e) => [e.kind, e.text, e.version])).toEqual([
      ['revert', '첫 번째 안.', 4],
      ['edit', '두 번째 안.', 3],
      ['edit', '첫 번째 안.', 2],
    ]);
    expect(events[1]).toEqual(second);
    // An event of another segment or language is not this translation's history.
    const other = await put(token.ko, doc, doc.title, '성명.', 1);
    expect(other.status).toBe(200);
    const [titleEvent] = await history(doc, doc.title);
    const foreign = await revert(titleEvent.id, 4);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'event_not_found']);
    expect((await revert(first.id, 4, token.ruReviewer)).status).toBe(403);
  });

  test('history is newest first, pages with before=, and is readable by every signed-in role', async () => {
    const doc = await newDoc();
    let version = 1;
    for (let i = 1; i <= 5; i++) version = (await put(token.ko, doc, doc.item, `${i}번째 항목.`, version)).body.translation.version;
    const page1 = await request(app).get(url(doc.id, doc.item.id, 'ko', '/history?limit=2')).set(auth(token.ruReviewer));
    expect(page1.status).toBe(200);
    expect(page1.body.events.map((e: { version: number }) => e.version)).toEqual([6, 5]);
    const page2 = await request(app).get(url(doc.id, doc.item.id, 'ko', `/history?limit=2&before=${page1.body.nextBefore}`)).set(auth(token.ruReviewer));
    expect(page2.body.events.map((e: { version: number }) => e.version)).toEqual([4, 3]);
    const locked = await request(app).get(url(doc.id, doc.locked.id, 'ko', '/history')).set(auth(token.ko));
    expect(locked.body).toEqual({ events: [], nextBefore: null });
    expect((await request(app).get(url(doc.id, 's999999', 'ko', '/history')).set(auth(token.ko))).status).toBe(404);
    expect((await request(app).get(url(doc.id, doc.item.id, 'es', '/history')).set(auth(token.ko))).status).toBe(404);
    expect((await request(app).get(url(doc.id, doc.item.id, 'ko', '/history'))).status).toBe(401);
  });
});
