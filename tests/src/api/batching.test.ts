import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { batching } from '@lockstep/server/db/batcher';
import type { Db, Queryable } from '@lockstep/server/db';
import { createDocument } from '@lockstep/server/services/documents';
import { saveTranslation } from '@lockstep/server/services/translations';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

// Saves and token lookups arriving together share one statement (server/src/db/batcher.ts).
// What must hold: every caller gets its own answer, as if it had been alone.

describe('the batcher', () => {
  const handle: Queryable = { query: () => Promise.reject(new Error('not used')) };

  test('keys of one turn go in one call, and each caller gets the answer at its own position', async () => {
    const calls: number[][] = [];
    const double = batching(async (_db, keys: readonly number[]) => {
      calls.push([...keys]);
      return keys.map((k) => k * 2);
    });
    const answers = await Promise.all([1, 2, 3, 4].map((k) => double(handle).load(k)));
    expect(answers).toEqual([2, 4, 6, 8]);
    expect(calls).toEqual([[1, 2, 3, 4]]);
    // A later turn is a batch of its own.
    expect(await double(handle).load(5)).toBe(10);
    expect(calls).toEqual([[1, 2, 3, 4], [5]]);
  });

  test("a statement failed by one key's data is run again key by key: one key's error is never another's", async () => {
    const calls: number[][] = [];
    const strict = batching(async (_db, keys: readonly number[]) => {
      calls.push([...keys]);
      // As PostgreSQL reports a CHECK constraint that one row breaks.
      if (keys.includes(13)) throw Object.assign(new Error('13 is refused'), { code: '23514' });
      return keys.map((k) => -k);
    });
    const settled = await Promise.allSettled([1, 13, 2].map((k) => strict(handle).load(k)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([-1, '13 is refused', -2]);
    expect(calls).toEqual([[1, 13, 2], [1], [13], [2]]);
  });

  test('a failure of the database itself goes to every key at once, with no key-by-key rerun', async () => {
    const calls: number[][] = [];
    const down = batching(async (_db, keys: readonly number[]) => {
      calls.push([...keys]);
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    });
    const settled = await Promise.allSettled([1, 2, 3].map((k) => down(handle).load(k)));
    expect(settled.map((s) => s.status === 'rejected' && (s.reason as { code: string }).code)).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  test('an Error answered for one key fails that key only', async () => {
    const picky = batching(async (_db, keys: readonly number[]) => keys.map((k) => (k < 0 ? new Error(`${k} is negative`) : k)));
    const settled = await Promise.allSettled([3, -1, 4].map((k) => picky(handle).load(k)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  test('two database handles never share a batch', async () => {
    const calls: string[] = [];
    const tag = batching(async (db, keys: readonly string[]) => {
      calls.push(`${db === handle ? 'a' : 'b'}:${keys.join(',')}`);
      return keys;
    });
    const other: Queryable = { query: handle.query };
    await Promise.all([tag(handle).load('x'), tag(other).load('y'), tag(handle).load('z')]);
    expect(calls.sort()).toEqual(['a:x,z', 'b:y']);
  });
});

describe('saves that arrive together', () => {
  let db: TestDb;
  let app: Express;
  let user: { id: number };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db).app;
    user = await addUser(db, 'coord@example.org', 'coordinator');
    for (const [name, role, langs] of [
      ['ko', 'translator', ['ko']],
      ['ru', 'translator', ['ru']],
      ['rev', 'reviewer', ['ko']],
    ] as const) {
      await addUser(db, `${name}@example.org`, role, [...langs]);
      tokens[name] = await tokenFor(app, `${name}@example.org`);
    }
    tokens.coord = await tokenFor(app, 'coord@example.org');
    for (const id of ['a', 'b']) {
      await createDocument(db, null, {
        id,
        title: id,
        sourceLang: 'en',
        targetLangs: ['ko', 'ru'],
        markdown: 'First sentence here. Second sentence here.\n\ninfo@example.org\n',
      });
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  /** A handle that counts statements; the batchers key on the handle, so this one batches on its own. */
  function counting(): { db: Db; statements: () => number } {
    let n = 0;
    return {
      db: { ...db, query: (text: string, params?: readonly unknown[]) => (n++, db.query(text, params)) } as Db,
      statements: () => n,
    };
  }

  async function segmentsOf(doc: string) {
    const r = await db.query<{ id: string; translatable: boolean }>('SELECT id, translatable FROM segments WHERE document_id = $1 ORDER BY position', [doc]);
    return r.rows;
  }
  async function versionOf(seg: string, lang: string): Promise<number> {
    return (await db.query<{ version: number }>('SELECT version FROM translations WHERE segment_id = $1 AND lang = $2', [seg, lang])).rows[0].version;
  }

  test('saves to different documents and languages, one statement per step, each with its own answer', async () => {
    const [a, b] = [await segmentsOf('a'), await segmentsOf('b')];
    const actor = { id: user.id, role: 'coordinator' as const, languages: [] };
    const counted = counting();
    const work = [
      { documentId: 'a', segmentId: a[0].id, lang: 'ko', text: 'a0 ko' },
      { documentId: 'a', segmentId: a[1].id, lang: 'ru', text: 'a1 ru' },
      { documentId: 'b', segmentId: b[0].id, lang: 'ko', text: 'b0 ko' },
      { documentId: 'b', segmentId: b[1].id, lang: 'ko', text: 'b1 ko' },
    ];
    const versions = await Promise.all(work.map((w) => versionOf(w.segmentId, w.lang)));
    const answers = await Promise.all(work.map((w, i) => saveTranslation(counted.db, actor, w, { text: w.text, version: versions[i] })));
    expect(answers.map((x) => x.translation.text)).toEqual(work.map((w) => w.text));
    expect(answers.map((x) => x.translation.version)).toEqual(versions.map((v) => v + 1));
    // One read of the four targets, one write of the four changes.
    expect(counted.statements()).toBe(2);
    for (const w of work) {
      const events = await db.query<{ text: string }>('SELECT text FROM translation_events WHERE segment_id = $1 AND lang = $2', [w.segmentId, w.lang]);
      expect(events.rows.map((e) => e.text)).toEqual([w.text]);
    }
  });

  test('two saves of one translation from one version in one batch: one saved, one 409, one history event', async () => {
    const [seg] = await segmentsOf('a');
    const actor = { id: user.id, role: 'coordinator' as const, languages: [] };
    const version = await versionOf(seg.id, 'ru');
    const before = await db.query('SELECT id FROM translation_events WHERE segment_id = $1 AND lang = $2', [seg.id, 'ru']);
    const ref = { documentId: 'a', segmentId: seg.id, lang: 'ru' };
    const settled = await Promise.allSettled(['first', 'second'].map((text) => saveTranslation(db, actor, ref, { text, version })));
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'version_conflict' });
    const won = (settled.find((s) => s.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof saveTranslation>>>).value;
    expect(await versionOf(seg.id, 'ru')).toBe(version + 1);
    const after = await db.query<{ text: string }>('SELECT text FROM translation_events WHERE segment_id = $1 AND lang = $2 ORDER BY id', [seg.id, 'ru']);
    expect(after.rows.length).toBe(before.rows.length + 1);
    expect(after.rows.at(-1)!.text).toBe(won.translation.text);
  });

  test('a bad save among good ones fails alone: unknown document, locked segment, stale version', async () => {
    const a = await segmentsOf('a');
    const locked = a.find((s) => !s.translatable)!;
    const actor = { id: user.id, role: 'coordinator' as const, languages: [] };
    const good = { documentId: 'a', segmentId: a[1].id, lang: 'ko' };
    const goodVersion = await versionOf(good.segmentId, 'ko');
    const settled = await Promise.allSettled([
      saveTranslation(db, actor, { documentId: 'nope', segmentId: a[0].id, lang: 'ko' }, { text: 'x', version: 1 }),
      saveTranslation(db, actor, { documentId: 'a', segmentId: locked.id, lang: 'ko' }, { text: 'x', version: 1 }),
      saveTranslation(db, actor, { documentId: 'a', segmentId: a[0].id, lang: 'ko' }, { text: 'x', version: 999 }),
      saveTranslation(db, actor, good, { text: 'the good one', version: goodVersion }),
    ]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? 'saved' : (s.reason as { code: string }).code))).toEqual([
      'document_not_found',
      'segment_locked',
      'version_conflict',
      'saved',
    ]);
    expect(await versionOf(good.segmentId, 'ko')).toBe(goodVersion + 1);
  });

  test('requests of different users at once: each is answered as its own user, a bad token alone is refused', async () => {
    const names = ['ko', 'ru', 'rev', 'coord', 'ko', 'ru', 'rev', 'coord'];
    const [answers, refused] = await Promise.all([
      Promise.all(names.map((n) => request(app).get('/api/users/me').set('Authorization', `Bearer ${tokens[n]}`))),
      request(app).get('/api/users/me').set('Authorization', `Bearer ${'x'.repeat(43)}`),
    ]);
    expect(answers.map((r) => r.status)).toEqual(names.map(() => 200));
    expect(answers.map((r) => (r.body.user ?? r.body).email)).toEqual(names.map((n) => `${n}@example.org`));
    expect(refused.status).toBe(401);
  });

  test('per-language permissions hold for writers arriving together', async () => {
    const [seg] = await segmentsOf('b');
    const [ko, ru] = [await versionOf(seg.id, 'ko'), await versionOf(seg.id, 'ru')];
    const put = (who: string, lang: string, version: number) =>
      request(app)
        .put(`/api/documents/b/segments/${seg.id}/translations/${lang}`)
        .set('Authorization', `Bearer ${tokens[who]}`)
        .send({ text: `${who} writes ${lang}`, version });
    const [koOwn, ruOwn, koInRu, ruInKo] = await Promise.all([put('ko', 'ko', ko), put('ru', 'ru', ru), put('ko', 'ru', ru), put('ru', 'ko', ko)]);
    expect([koOwn.status, ruOwn.status, koInRu.status, ruInKo.status]).toEqual([200, 200, 403, 403]);
    expect(koOwn.body.translation.text).toBe('ko writes ko');
    expect(ruOwn.body.translation.text).toBe('ru writes ru');
  });
});
