import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { seedDemoAccounts } from '@lockstep/server/demo/accounts';
import { seedDemoStatement } from '@lockstep/server/demo/statement';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { openDb } from '@lockstep/server/db';
import { onPostgres, openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let coord: string;
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const STATES = ['untranslated', 'translated', 'stale', 'approved', 'locked'] as const;
type Counts = Record<(typeof STATES)[number] | 'total', number>;
interface LangProgress {
  segments: Counts;
  words: Counts;
  complete: number;
  completeAgainstRevision: number | null;
  lastActivity: string | null;
}

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await addUser(db, 'coord@example.org', 'coordinator');
  coord = await tokenFor(app, 'coord@example.org');
});
afterAll(async () => {
  await db?.close();
});

let docCount = 0;
async function newDoc(markdown: string, targetLangs = ['ko', 'ru']): Promise<{ id: string; segs: { id: string; words: number; translatable: boolean }[] }> {
  const id = `p-${++docCount}`;
  const res = await request(app).post('/api/documents').set(auth(coord)).send({ id, title: 'P', sourceLang: 'en', targetLangs, markdown });
  expect(res.status).toBe(201);
  const list = await request(app).get(`/api/documents/${id}/segments?lang=${targetLangs[0]}`).set(auth(coord));
  return { id, segs: list.body.segments };
}

async function progress(doc: string): Promise<Record<string, LangProgress>> {
  const res = await request(app).get(`/api/documents/${doc}/progress`).set(auth(coord));
  expect(res.status).toBe(200);
  return res.body.languages;
}

async function save(doc: string, seg: string, lang: string, text: string): Promise<number> {
  const current = await db.query<{ version: number }>('SELECT version FROM translations WHERE segment_id = $1 AND lang = $2', [seg, lang]);
  const res = await request(app).put(`/api/documents/${doc}/segments/${seg}/translations/${lang}`).set(auth(coord)).send({ text, version: current.rows[0].version });
  expect(res.status).toBe(200);
  return res.body.translation.version;
}

/** Progress counted from scratch over the tables: the oracle for the maintained counters. */
async function recount(): Promise<Map<string, Counts & { words: Counts }>> {
  const r = await db.query<{ document_id: string; lang: string; state: string; n: number; w: number }>(
    `SELECT document_id, lang, state, count(*)::int AS n, coalesce(sum(words), 0)::int AS w FROM (
       SELECT s.document_id, t.lang, t.state, s.words FROM segments s JOIN translations t ON t.segment_id = s.id
        WHERE s.retired_in IS NULL AND s.translatable
       UNION ALL
       SELECT s.document_id, l.lang, 'locked', s.words FROM segments s JOIN documents d ON d.id = s.document_id
        CROSS JOIN LATERAL unnest(d.target_langs) AS l(lang) WHERE s.retired_in IS NULL AND NOT s.translatable) x
      GROUP BY 1, 2, 3`,
  );
  const out = new Map<string, Counts & { words: Counts }>();
  for (const row of r.rows) {
    const key = `${row.document_id}/${row.lang}`;
    const zero = () => ({ total: 0, untranslated: 0, translated: 0, stale: 0, approved: 0, locked: 0 });
    const c = out.get(key) ?? { ...zero(), words: zero() };
    c[row.state as keyof Counts] += row.n;
    c.total += row.n;
    c.words[row.state as keyof Counts] += row.w;
    c.words.total += row.w;
    out.set(key, c);
  }
  return out;
}

/** Every pair's counters equal the recount (pairs with nothing counted are all zero). */
async function expectCountersExact(): Promise<void> {
  const expected = await recount();
  const r = await db.query<Record<string, number | string>>('SELECT * FROM language_progress');
  const actual = new Map<string, Counts & { words: Counts }>();
  for (const row of r.rows) {
    const segs = Object.fromEntries(STATES.map((s) => [s, Number(row[s])])) as Counts;
    const words = Object.fromEntries(STATES.map((s) => [s, Number(row[`${s}_words`])])) as Counts;
    segs.total = STATES.reduce((n, s) => n + segs[s], 0);
    words.total = STATES.reduce((n, s) => n + words[s], 0);
    if (segs.total === 0 && words.total === 0) continue;
    actual.set(`${row.document_id}/${row.lang}`, { ...segs, words });
  }
  expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
}

/** api.md: done work over translatable work (locked segments are neither); nothing to translate is done. */
const share = (c: Counts) => (c.total === c.locked ? 1 : (c.translated + c.approved) / (c.total - c.locked));

/** Every target language's `complete` is the recount's share by segments. */
async function expectCompleteFromRecount(docs: readonly { id: string }[]): Promise<void> {
  const expected = await recount();
  for (const doc of docs) {
    for (const [lang, p] of Object.entries(await progress(doc.id))) {
      const zero = { total: 0, untranslated: 0, translated: 0, stale: 0, approved: 0, locked: 0 };
      expect({ lang, complete: p.complete }).toEqual({ lang, complete: share(expected.get(`${doc.id}/${lang}`) ?? zero) });
    }
  }
}

const THREE = 'First sentence here. Second sentence here.\n\nThird one, a longer sentence with more words.\n\ninfo@example.org\n';

describe('counters', () => {
  test('one saved translation moves exactly one counter, by one segment and its words', async () => {
    const doc = await newDoc(THREE);
    const seg = doc.segs[2];
    const before = await progress(doc.id);
    await save(doc.id, seg.id, 'ko', '세 번째 문장입니다.');
    const after = await progress(doc.id);
    expect(after.ru).toEqual(before.ru);
    const moved = (k: 'segments' | 'words') =>
      Object.fromEntries(STATES.map((s) => [s, after.ko[k][s] - before.ko[k][s]]).filter(([, d]) => d !== 0));
    expect(moved('segments')).toEqual({ untranslated: -1, translated: 1 });
    expect(moved('words')).toEqual({ untranslated: -seg.words, translated: seg.words });
    expect(after.ko.segments.total).toBe(before.ko.segments.total);
    // One more of the translatable segments done: the locked line is not work.
    expect(after.ko.complete).toBeCloseTo(before.ko.complete + 1 / (before.ko.segments.total - before.ko.segments.locked), 10);
    // A text edit that keeps the state moves nothing.
    await save(doc.id, seg.id, 'ko', '세 번째 긴 문장입니다.');
    const again = await progress(doc.id);
    expect(again.ko.segments).toEqual(after.ko.segments);
    await expectCountersExact();
  });

  test('lastActivity is the time of the last change by a user', async () => {
    const doc = await newDoc(THREE);
    expect((await progress(doc.id)).ko.lastActivity).toBeNull();
    const t0 = Date.now();
    await save(doc.id, doc.segs[0].id, 'ko', '첫 문장.');
    const first = (await progress(doc.id)).ko.lastActivity!;
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(first)).toBeGreaterThanOrEqual(t0 - 1000);
    expect(Date.parse(first)).toBeLessThanOrEqual(Date.now() + 1000);
    await new Promise((r) => setTimeout(r, 20));
    await save(doc.id, doc.segs[0].id, 'ko', '첫째 문장.');
    const second = (await progress(doc.id)).ko.lastActivity!;
    expect(Date.parse(second)).toBeGreaterThan(Date.parse(first));
    expect((await progress(doc.id)).ru.lastActivity).toBeNull();
  });

  test('one statement editing texts in two documents (no state changes) stamps both and moves no counter', async () => {
    const a = await newDoc(THREE);
    const b = await newDoc(THREE);
    await save(a.id, a.segs[0].id, 'ko', '첫 문장.');
    await save(b.id, b.segs[1].id, 'ko', '둘째 문장.');
    const before = [await progress(a.id), await progress(b.id)];
    await new Promise((r) => setTimeout(r, 20));
    const edited = await db.query(
      `UPDATE translations SET text = text || ' (2)', version = version + 1, updated_at = clock_timestamp()
        WHERE lang = 'ko' AND segment_id = ANY($1) RETURNING updated_at`,
      [[a.segs[0].id, b.segs[1].id]],
    );
    expect(edited.rows).toHaveLength(2);
    const after = [await progress(a.id), await progress(b.id)];
    for (const i of [0, 1]) {
      expect(after[i].ko.segments).toEqual(before[i].ko.segments);
      expect(after[i].ko.words).toEqual(before[i].ko.words);
      expect(Date.parse(after[i].ko.lastActivity!)).toBeGreaterThan(Date.parse(before[i].ko.lastActivity!));
    }
    await expectCountersExact();
  });

  test('every kind of change to segments, translations and documents keeps the counters exact', async () => {
    const a = await newDoc(THREE, ['ko', 'ru', 'fr']);
    const b = await newDoc('Alpha sentence. Beta sentence.\n\nhttps://example.org\n', ['el']);
    await expectCountersExact();
    const steps: [string, () => Promise<unknown>][] = [
      ['save', () => save(a.id, a.segs[0].id, 'ko', '첫 문장.')],
      ['approve', () => db.query(`UPDATE translations SET state = 'approved', version = version + 1 WHERE segment_id = $1 AND lang = 'ko'`, [a.segs[0].id])],
      ['bulk stale', () => db.query(`UPDATE translations SET state = 'stale', version = version + 1 WHERE segment_id = ANY($1) AND lang <> 'fr'`, [[a.segs[0].id, a.segs[1].id]])],
      ['words change', () => db.query('UPDATE segments SET words = words + 3 WHERE id = $1', [a.segs[1].id])],
      ['move only', () => db.query('UPDATE segments SET position = position + 100 WHERE document_id = $1', [a.id])],
      ['retire', () => db.query('UPDATE segments SET retired_in = 2 WHERE id = $1', [a.segs[1].id])],
      ['edit a retired translation', () => db.query(`UPDATE translations SET state = 'translated' WHERE segment_id = $1`, [a.segs[1].id])],
      ['un-retire', () => db.query('UPDATE segments SET retired_in = NULL WHERE id = $1', [a.segs[1].id])],
      ['lock a translatable one', () => db.query('UPDATE segments SET translatable = false WHERE id = $1', [a.segs[2].id])],
      ['unlock it', () => db.query('UPDATE segments SET translatable = true WHERE id = $1', [a.segs[2].id])],
      ['new target language', () => db.query(`UPDATE documents SET target_langs = target_langs || '{es}' WHERE id = $1`, [a.id])],
      [
        'its rows',
        () =>
          db.query(`INSERT INTO translations (segment_id, lang, state) SELECT id, 'es', 'untranslated' FROM segments WHERE document_id = $1 AND translatable`, [a.id]),
      ],
      ['drop a target language', () => db.query(`UPDATE documents SET target_langs = array_remove(target_langs, 'ru') WHERE id = $1`, [a.id])],
      ['title only', () => db.query(`UPDATE documents SET title = title || '!' WHERE id = ANY($1)`, [[a.id, b.id]])],
      [
        'one statement: one document gains a language, the other only its title',
        () =>
          db.query(`UPDATE documents SET target_langs = CASE WHEN id = $1 THEN target_langs || '{hi}' ELSE target_langs END, title = title || '?' WHERE id = ANY($2)`, [
            b.id,
            [a.id, b.id],
          ]),
      ],
      [
        'new segment with translations in one transaction',
        () =>
          db.transaction(async (tx) => {
            const r = await tx.query<{ id: string }>(
              `INSERT INTO segments (document_id, position, block_index, block_kind, source, source_runs, plain_text, align_key, words, translatable, first_revision)
               VALUES ($1, 500, 9, 'paragraph', 'New one.', '[]', 'New one.', 'new one.', 2, true, 2) RETURNING id`,
              [a.id],
            );
            await tx.query(`INSERT INTO translations (segment_id, lang, state) SELECT $1, unnest(target_langs), 'untranslated' FROM documents WHERE id = $2`, [r.rows[0].id, a.id]);
          }),
      ],
      ['new locked segment', () => db.query(`INSERT INTO segments (document_id, position, block_index, block_kind, source, source_runs, plain_text, align_key, words, translatable, first_revision) VALUES ($1, 3, 3, 'paragraph', 'x@y.z', '[]', 'x@y.z', 'x@y.z', 1, false, 2)`, [b.id])],
      ['delete translations', () => db.query(`DELETE FROM translations WHERE segment_id = $1 AND lang = 'fr'`, [a.segs[0].id])],
      ['delete a locked segment', () => db.query(`DELETE FROM segments WHERE document_id = $1 AND NOT translatable AND position = 3`, [b.id])],
    ];
    for (const [name, step] of steps) {
      await step();
      try {
        await expectCountersExact();
        await expectCompleteFromRecount([a, b]);
      } catch (err) {
        throw new Error(`after "${name}": ${(err as Error).message}`);
      }
    }
  });

  test('the demo statement, seeded through the versioned write, is counted exactly', async () => {
    await seedDemoAccounts(db);
    await seedDemoStatement(db);
    await expectCountersExact();
  });

  test('the migration counts what was there before it (rows written with the counters off)', async () => {
    const doc = await newDoc(THREE);
    await save(doc.id, doc.segs[0].id, 'ko', '첫 문장.');
    // Past completions are history the tables do not keep: a backfill knows only current ones.
    const expected = (await db.query<Record<string, unknown>>('SELECT * FROM language_progress ORDER BY document_id, lang')).rows.map((r) =>
      Number(r.untranslated) + Number(r.stale) > 0 ? { ...r, complete_against_revision: null } : r,
    );
    const sql = readFileSync(new URL('../../../server/migrations/002_workflow.sql', import.meta.url), 'utf8');
    const backfill = sql.slice(sql.indexOf('-- Counts for what is already there'));
    await db.transaction(async (tx) => {
      await tx.query('DELETE FROM language_progress');
      await tx.query(backfill);
    });
    const rebuilt = (await db.query('SELECT * FROM language_progress ORDER BY document_id, lang')).rows;
    expect(rebuilt).toEqual(expected);
  });
});

describe('locked segments are shown but are not work', () => {
  test('a language nobody touched is at 0% by segments and by words, its locked line shown', async () => {
    const doc = await newDoc(THREE);
    const locked = doc.segs.find((s) => !s.translatable)!;
    const { ko } = await progress(doc.id);
    expect(ko.segments).toMatchObject({ total: 4, untranslated: 3, locked: 1 });
    expect(ko.words).toMatchObject({ translated: 0, approved: 0, locked: locked.words });
    expect(ko.complete).toBe(0);
    expect(share(ko.words)).toBe(0);
    expect(ko.completeAgainstRevision).toBeNull();
    const dashboard = await request(app).get('/api/progress').set(auth(coord));
    const entry = dashboard.body.documents.find((d: { id: string }) => d.id === doc.id);
    expect(entry.languages.ko).toMatchObject({ complete: 0, segments: { locked: 1 } });
  });

  test('every translatable segment done is 100% with locked segments present, complete against the revision', async () => {
    const doc = await newDoc(THREE);
    const [s1, s2, s3] = doc.segs.filter((s) => s.translatable);
    await save(doc.id, s1.id, 'ko', '첫째.');
    await save(doc.id, s2.id, 'ko', '둘째.');
    const partial = (await progress(doc.id)).ko;
    expect(partial.complete).toBe(2 / 3);
    expect(share(partial.words)).toBe((s1.words + s2.words) / (s1.words + s2.words + s3.words));
    await save(doc.id, s3.id, 'ko', '셋째, 더 긴 문장.');
    const { ko, ru } = await progress(doc.id);
    expect(ko).toMatchObject({ complete: 1, completeAgainstRevision: 1, segments: { translated: 3, locked: 1, total: 4 } });
    expect(share(ko.words)).toBe(1);
    expect(ru).toMatchObject({ complete: 0, completeAgainstRevision: null });
    // Recorded by the counters' trigger, not only worked out on reading.
    const stored = await db.query('SELECT complete_against_revision FROM language_progress WHERE document_id = $1 AND lang = $2', [doc.id, 'ko']);
    expect(stored.rows).toEqual([{ complete_against_revision: 1 }]);
  });

  test('published revisions that touch only locked lines keep a done language complete against each of them', async () => {
    const doc = await newDoc(THREE, ['ko']);
    for (const [i, s] of doc.segs.filter((x) => x.translatable).entries()) await save(doc.id, s.id, 'ko', `번역 ${i + 1}.`);
    const publish = async (markdown: string) => {
      const res = await request(app).post(`/api/documents/${doc.id}/revisions`).set(auth(coord)).send({ markdown });
      expect(res.status).toBe(201);
    };
    await publish(THREE.replace('info@example.org', 'contact@example.org'));
    expect((await progress(doc.id)).ko).toMatchObject({ complete: 1, completeAgainstRevision: 2, segments: { locked: 1 } });
    await publish(`${THREE.replace('info@example.org', 'contact@example.org')}\nhttps://example.org/more\n`);
    expect((await progress(doc.id)).ko).toMatchObject({ complete: 1, completeAgainstRevision: 3, segments: { locked: 2 } });
    // New work: incomplete, still complete against revision 3.
    await publish(`${THREE.replace('info@example.org', 'contact@example.org')}\nhttps://example.org/more\n\nA new closing sentence.\n`);
    expect((await progress(doc.id)).ko).toMatchObject({ complete: 3 / 4, completeAgainstRevision: 3, segments: { locked: 2, untranslated: 1 } });
    await expectCountersExact();
  });

  test('a document with only locked lines has nothing to translate: complete', async () => {
    const doc = await newDoc('info@example.org\n', ['fr']);
    expect(doc.segs.every((s) => !s.translatable)).toBe(true);
    expect((await progress(doc.id)).fr).toMatchObject({ complete: 1, completeAgainstRevision: 1, segments: { total: 1, locked: 1 } });
  });
});

describe('completion', () => {
  test('complete against the revision where it last was, kept when a later revision makes it incomplete', async () => {
    const doc = await newDoc(THREE);
    const [s1, s2, s3] = doc.segs;
    expect((await progress(doc.id)).ko).toMatchObject({ complete: 0, completeAgainstRevision: null });
    await save(doc.id, s1.id, 'ko', '첫째.');
    await save(doc.id, s2.id, 'ko', '둘째.');
    await save(doc.id, s3.id, 'ko', '셋째, 더 긴 문장.');
    expect((await progress(doc.id)).ko).toMatchObject({ complete: 1, completeAgainstRevision: 1 });
    expect((await progress(doc.id)).ru).toMatchObject({ completeAgainstRevision: null });

    // Revision 2 changes the source of s2 (what publishing does, in one transaction).
    await db.transaction(async (tx) => {
      await tx.query('UPDATE documents SET current_revision = 2 WHERE id = $1', [doc.id]);
      await tx.query(`UPDATE translations SET state_before_stale = state, state = 'stale', version = version + 1 WHERE segment_id = $1`, [s2.id]);
    });
    expect((await progress(doc.id)).ko).toMatchObject({ complete: 2 / 3, completeAgainstRevision: 1 });
    const version = (await db.query<{ version: number }>(`SELECT version FROM translations WHERE segment_id = $1 AND lang = 'ko'`, [s2.id])).rows[0].version;
    const re = await request(app).post(`/api/documents/${doc.id}/segments/${s2.id}/translations/ko/reconfirm`).set(auth(coord)).send({ version });
    expect(re.status).toBe(200);
    expect((await progress(doc.id)).ko).toMatchObject({ complete: 1, completeAgainstRevision: 2 });

    // Revision 3 retires the one untranslated ru segment but adds nothing: complete by publishing alone.
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE translations SET state = 'translated', updated_by = NULL WHERE segment_id = ANY($1) AND lang = 'ru'`, [[s1.id, s2.id]]);
      await tx.query('UPDATE segments SET retired_in = 3 WHERE id = $1', [s3.id]);
      await tx.query('UPDATE documents SET current_revision = 3 WHERE id = $1', [doc.id]);
    });
    // Revision 4 adds a segment: both languages incomplete, each keeps where it was complete.
    await db.transaction(async (tx) => {
      const r = await tx.query<{ id: string }>(
        `INSERT INTO segments (document_id, position, block_index, block_kind, source, source_runs, plain_text, align_key, words, translatable, first_revision)
         VALUES ($1, 9, 9, 'paragraph', 'Added.', '[]', 'Added.', 'added.', 1, true, 4) RETURNING id`,
        [doc.id],
      );
      await tx.query(`INSERT INTO translations (segment_id, lang, state) VALUES ($1, 'ko', 'untranslated'), ($1, 'ru', 'untranslated')`, [r.rows[0].id]);
      await tx.query('UPDATE documents SET current_revision = 4 WHERE id = $1', [doc.id]);
    });
    const p = await progress(doc.id);
    expect(p.ko).toMatchObject({ completeAgainstRevision: 3 });
    expect(p.ko.complete).toBeLessThan(1);
    expect(p.ru).toMatchObject({ completeAgainstRevision: 3 });
    await expectCountersExact();
  });

  test('GET /api/progress answers for every document and language', async () => {
    const a = await newDoc(THREE);
    const b = await newDoc('Just one sentence.', ['fr']);
    await save(b.id, b.segs[0].id, 'fr', 'Une seule phrase.');
    const res = await request(app).get('/api/progress').set(auth(coord));
    expect(res.status).toBe(200);
    const byId = new Map(res.body.documents.map((d: { id: string }) => [d.id, d]));
    expect(byId.get(a.id)).toMatchObject({ revision: 1, languages: { ko: { complete: 0, segments: { locked: 1 } }, ru: { complete: 0 } } });
    expect(byId.get(b.id)).toMatchObject({ languages: { fr: { complete: 1, completeAgainstRevision: 1, segments: { total: 1, translated: 1 } } } });
    // The dashboard keeps its entries as JSON text (services/dashboard.ts): the same numbers and times as the document's own answer.
    expect((byId.get(b.id) as { languages: unknown }).languages).toEqual(await progress(b.id));
    expect((byId.get(a.id) as { languages: unknown }).languages).toEqual(await progress(a.id));
  });

  describe('the dashboard keeps entries between looks, and shows every change on the next one', () => {
    async function dashboard(on: Express = app): Promise<Map<string, { revision: number; languages: Record<string, LangProgress> }>> {
      const res = await request(on).get('/api/progress').set(auth(coord));
      expect(res.status).toBe(200);
      return new Map(res.body.documents.map((d: { id: string }) => [d.id, d]));
    }
    async function expectSameAsEachDocument(on: Express = app): Promise<void> {
      for (const [id, entry] of await dashboard(on)) expect(entry.languages).toEqual(await progress(id));
    }

    test('saves, approvals, new documents and revisions', async () => {
      const a = await newDoc(THREE);
      await dashboard();
      await save(a.id, a.segs[0].id, 'ko', '첫 문장.');
      const afterSave = (await dashboard()).get(a.id)!;
      expect(afterSave.languages.ko.segments.translated).toBe(1);
      expect(afterSave.languages.ko.lastActivity).not.toBeNull();
      await expectSameAsEachDocument();

      const version = (await db.query<{ version: number }>('SELECT version FROM translations WHERE segment_id = $1 AND lang = $2', [a.segs[0].id, 'ko'])).rows[0].version;
      const approved = await request(app).post(`/api/documents/${a.id}/segments/${a.segs[0].id}/translations/ko/approve`).set(auth(coord)).send({ version });
      expect(approved.status).toBe(200);
      expect((await dashboard()).get(a.id)!.languages.ko.segments).toMatchObject({ translated: 0, approved: 1 });

      const c = await newDoc('A document made after the first look.', ['fr']);
      expect((await dashboard()).get(c.id)?.languages.fr.segments.untranslated).toBe(1);

      const published = await request(app)
        .post(`/api/documents/${a.id}/revisions`)
        .set(auth(coord))
        .send({ markdown: THREE.replace(/^[^.]*\./, 'A wholly different opening sentence here.') });
      expect(published.status).toBe(201);
      expect((await dashboard()).get(a.id)!.revision).toBe(2);
      await expectSameAsEachDocument();
    });

    test('entries built again for every document at once, then for one, agree with each document', async () => {
      const docs = [await newDoc(THREE), await newDoc(THREE), await newDoc(THREE)];
      await dashboard();
      // Every document changed: every entry is built again.
      for (const d of docs) await save(d.id, d.segs[2].id, 'ko', '세 번째 문장.');
      const all = await dashboard();
      for (const d of docs) expect(all.get(d.id)!.languages.ko.segments.translated).toBe(1);
      await expectSameAsEachDocument();
      // One of them changed: its entry alone is read again.
      await save(docs[1].id, docs[1].segs[0].id, 'ru', 'Первое предложение.');
      const one = await dashboard();
      expect(one.get(docs[1].id)!.languages.ru.segments.translated).toBe(1);
      expect(one.get(docs[0].id)!.languages.ru.segments.translated).toBe(0);
      await expectSameAsEachDocument();
    });

    (onPostgres ? test : test.skip)('a change made through another server process', async () => {
      const a = await newDoc(THREE);
      await dashboard();
      const other = await openDb({ url: db.url! });
      try {
        const otherApp = testApp(other as TestDb).app;
        const current = await db.query<{ version: number }>('SELECT version FROM translations WHERE segment_id = $1 AND lang = $2', [a.segs[1].id, 'ru']);
        const res = await request(otherApp)
          .put(`/api/documents/${a.id}/segments/${a.segs[1].id}/translations/ru`)
          .set(auth(coord))
          .send({ text: 'Второе предложение.', version: current.rows[0].version });
        expect(res.status).toBe(200);
      } finally {
        await other.close();
      }
      expect((await dashboard()).get(a.id)!.languages.ru.segments.translated).toBe(1);
      await expectSameAsEachDocument();
    });
  });
});
