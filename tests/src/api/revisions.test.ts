import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, truncateAll, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let coordinator: string;
let translator: string;

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

const V1 = [
  '# Our statement',
  '',
  'We stand together. The meeting is on March 3, 2024.',
  '',
  'Peace now! Bread for all!',
  '',
  'The first paragraph stays as it is.',
  '',
  '- [Workers League](#) (Brazil)',
  '- [Socialist Unity](#) (U.S.)',
  '',
].join('\n');

interface SegmentView {
  id: string;
  source: string;
  derivedFrom: string[];
  translation: { text: string; state: string; version: number; previousSource: string | null; diff: { op: string; text: string }[] | null; suggestion: string | null; changeClass: string | null } | null;
}

async function segments(lang = 'es'): Promise<SegmentView[]> {
  const res = await request(app).get(`/api/documents/doc/segments?lang=${lang}`).set(auth(translator));
  expect(res.status).toBe(200);
  return res.body.segments as SegmentView[];
}

/** Translates every segment of `lang` straight in the database (the edit API is tested elsewhere). */
async function translateAll(lang: string, state: 'translated' | 'approved' = 'translated') {
  await db.query(
    `UPDATE translations SET text = '[' || $1 || '] ' || s.source, state = $2, version = version + 1
       FROM segments s WHERE s.id = translations.segment_id AND translations.lang = $1`,
    [lang, state],
  );
  await db.query(
    `INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision)
     SELECT segment_id, lang, 'edit', text, state, version, 1 FROM translations WHERE lang = $1`,
    [lang],
  );
}

async function publish(markdown: string, opts: { dryRun?: boolean; baseRevision?: number } = {}) {
  return request(app)
    .post(`/api/documents/doc/revisions${opts.dryRun ? '?dryRun=true' : ''}`)
    .set(auth(coordinator))
    .send({ markdown, ...(opts.baseRevision ? { baseRevision: opts.baseRevision } : {}) });
}

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await truncateAll(db);
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'es@example.org', 'translator', ['es']);
  coordinator = await tokenFor(app, 'coord@example.org');
  translator = await tokenFor(app, 'es@example.org');
  const res = await request(app)
    .post('/api/documents')
    .set(auth(coordinator))
    .send({ id: 'doc', title: 'Doc', sourceLang: 'en', targetLangs: ['es', 'ko'], markdown: V1 });
  expect(res.status).toBe(201);
  await translateAll('es');
  await translateAll('ko', 'approved');
});

describe('publishing a revision', () => {
  test('a numeral change makes exactly that segment stale in every language, with a word diff', async () => {
    const before = await segments();
    const v2 = V1.replace('March 3, 2024', 'March 4, 2024');
    const res = await publish(v2, { baseRevision: 1 });
    expect(res.status).toBe(201);
    expect(res.body.revision).toBe(2);
    expect(res.body.stale).toEqual({ es: 1, ko: 1 });
    expect(res.body.changes).toHaveLength(1);
    expect(res.body.changes[0]).toMatchObject({ kind: 'modified', oldTexts: ['The meeting is on March 3, 2024.'], newTexts: ['The meeting is on March 4, 2024.'] });

    const after = await segments();
    expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
    const changed = after.find((s) => s.source.includes('March 4'))!;
    expect(changed.translation).toMatchObject({ state: 'stale', previousSource: 'The meeting is on March 3, 2024.', changeClass: 'modified' });
    expect(changed.translation!.text).toBe('[es] The meeting is on March 3, 2024.');
    expect(changed.translation!.diff).toEqual(
      expect.arrayContaining([expect.objectContaining({ op: 'removed', text: expect.stringContaining('3') }), expect.objectContaining({ op: 'added', text: expect.stringContaining('4') })]),
    );
    const oldVersion = before.find((s) => s.id === changed.id)!.translation!.version;
    expect(changed.translation!.version).toBe(oldVersion + 1);
    // Nothing else moved.
    for (const s of after.filter((x) => x.id !== changed.id)) {
      const b = before.find((x) => x.id === s.id)!;
      expect(s.translation).toEqual(b.translation);
    }
    const history = await db.query<{ kind: string; state: string }>(
      `SELECT kind, state FROM translation_events WHERE segment_id = $1 ORDER BY id DESC LIMIT 1`,
      [changed.id],
    );
    expect(history.rows[0]).toEqual({ kind: 'stale', state: 'stale' });
  });

  test('straight → curly quotes and a re-wrap change nothing that translators see', async () => {
    const v1 = V1.replace('We stand together.', 'We stand "together".');
    await publish(v1);
    const before = await segments();
    const v2 = v1.replace('We stand "together".', 'We stand \u201Ctogether\u201D.').replace('Peace now! Bread', 'Peace now!\nBread');
    const res = await publish(v2);
    expect(res.status).toBe(201);
    expect(res.body.stale).toEqual({ es: 0, ko: 0 });
    const after = await segments();
    expect(after.map((s) => [s.id, s.translation?.state, s.translation?.version])).toEqual(before.map((s) => [s.id, s.translation?.state, s.translation?.version]));
    expect(after.find((s) => s.source.includes('\u201C'))).toBeDefined();
  });

  test('a dry run reports the same impact as the apply and writes nothing', async () => {
    const v2 = V1.replace('March 3', 'March 9').replace('Peace now! Bread for all!', 'Peace now and bread for all!').replace('- [Socialist Unity](#) (U.S.)', '- [Socialist Unity](#) (U.S.)\n- [New Friends](#) (Chile)');
    const before = await hashAllTables(db);
    const dry = await publish(v2, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(await hashAllTables(db)).toBe(before);
    const applied = await publish(v2);
    expect(applied.status).toBe(201);
    expect(applied.body.impact).toEqual(dry.body.impact);
    expect(applied.body.stale).toEqual(dry.body.stale);
    expect(applied.body.changes.map((c: { kind: string }) => c.kind).sort()).toEqual(dry.body.changes.map((c: { kind: string }) => c.kind).sort());
    expect(applied.body.impact.merged).toBe(1);
    expect(applied.body.impact.added).toBe(1);
  });

  test('a dry run with sides=true shows the old and the new source sentence by sentence, each with its class', async () => {
    const v2 = V1.replace('March 3', 'March 9')
      .replace('Peace now! Bread for all!', 'Peace now and bread for all!')
      .replace('The first paragraph stays as it is.\n\n', '')
      .replace('- [Socialist Unity](#) (U.S.)', '- [Socialist Unity](#) (U.S.)\n- [New Friends](#) (Chile)');
    const before = await hashAllTables(db);
    const res = await request(app).post('/api/documents/doc/revisions?dryRun=true&sides=true').set(auth(coordinator)).send({ markdown: v2 });
    expect(res.status).toBe(200);
    expect(await hashAllTables(db)).toBe(before);
    const side = (list: { text: string; kind: string }[]) => list.map((s) => [s.text, s.kind]);
    expect(side(res.body.sides.old)).toEqual([
      ['Our statement', 'unchanged'],
      ['We stand together.', 'unchanged'],
      ['The meeting is on March 3, 2024.', 'modified'],
      ['Peace now!', 'merged'],
      ['Bread for all!', 'merged'],
      ['The first paragraph stays as it is.', 'removed'],
      ['Workers League (Brazil)', 'unchanged'],
      ['Socialist Unity (U.S.)', 'unchanged'],
    ]);
    expect(side(res.body.sides.new)).toEqual([
      ['Our statement', 'unchanged'],
      ['We stand together.', 'unchanged'],
      ['The meeting is on March 9, 2024.', 'modified'],
      ['Peace now and bread for all!', 'merged'],
      ['Workers League (Brazil)', 'unchanged'],
      ['Socialist Unity (U.S.)', 'unchanged'],
      ['New Friends (Chile)', 'added'],
    ]);
    // Sentences of one paragraph share their block; the counts agree with the marks.
    expect(res.body.sides.old[1].block).toBe(res.body.sides.old[2].block);
    expect(res.body.sides.new.filter((s: { kind: string }) => s.kind === 'added')).toHaveLength(res.body.impact.added);
    expect(res.body.sides.old.filter((s: { kind: string }) => s.kind === 'removed')).toHaveLength(res.body.impact.removed);
    // Without the flag (and when publishing) the answer stays as it was.
    expect((await publish(v2, { dryRun: true })).body.sides).toBeUndefined();
    expect((await request(app).post('/api/documents/doc/revisions?sides=true').set(auth(coordinator)).send({ markdown: v2 })).body.sides).toBeUndefined();
  });

  test('a short endorser line edited in place keeps its translations: stale with the diff, never lost', async () => {
    const before = await segments();
    const line = before.find((s) => s.source.includes('Workers League'))!;
    const v2 = V1.replace('- [Workers League](#) (Brazil)', '- [Workers League of Brazil](#) (Brazil and Portugal)');
    const dry = await publish(v2, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.impact).toMatchObject({ modified: 1, added: 0, removed: 0 });
    expect(dry.body.stale).toEqual({ es: 1, ko: 1 });
    expect(dry.body.suggested).toEqual({ es: 0, ko: 0 });
    expect(dry.body.retired).toEqual({ es: 0, ko: 0 });
    expect((await publish(v2)).status).toBe(201);
    const after = (await segments()).find((s) => s.id === line.id)!;
    expect(after.translation).toMatchObject({ state: 'stale', text: line.translation!.text, changeClass: 'modified' });
    const ko = (await segments('ko')).find((s) => s.id === line.id)!;
    expect(ko.translation).toMatchObject({ state: 'stale', text: `[ko] ${line.source}` });
  });

  test('a removed segment replaced by another kind of block hands its translations over as a suggestion, and the impact counts it', async () => {
    const v2 = V1.replace('The first paragraph stays as it is.', '## A new heading');
    const dry = await publish(v2, { dryRun: true });
    expect(dry.body.impact).toMatchObject({ added: 1, removed: 1 });
    expect(dry.body.suggested).toEqual({ es: 1, ko: 1 });
    expect(dry.body.retired).toEqual({ es: 0, ko: 0 });
    const removed = dry.body.changes.find((c: { kind: string }) => c.kind === 'removed');
    expect(removed.handedTo).toMatch(/^new:/);
    const res = await publish(v2);
    expect(res.status).toBe(201);
    expect(res.body.suggested).toEqual(dry.body.suggested);
    const heading = (await segments()).find((s) => s.source === 'A new heading')!;
    expect(heading.translation).toMatchObject({ state: 'untranslated', suggestion: '[es] The first paragraph stays as it is.', changeClass: 'removed' });
    const stored = await request(app).get('/api/documents/doc/revisions/2').set(auth(translator));
    expect(stored.body.impact).toMatchObject({ suggested: { es: 1, ko: 1 }, retired: { es: 0, ko: 0 } });
  });

  test('a removed segment with nothing in its place is retired, and the impact says so per language', async () => {
    const v2 = V1.replace('The first paragraph stays as it is.\n\n', '');
    const dry = await publish(v2, { dryRun: true });
    expect(dry.body.impact).toMatchObject({ removed: 1, added: 0 });
    expect(dry.body.stale).toEqual({ es: 0, ko: 0 });
    expect(dry.body.retired).toEqual({ es: 1, ko: 1 });
    // The translation is kept with its retired segment (history and memory), never deleted.
    const res = await publish(v2);
    const id = res.body.changes[0].oldIds[0];
    const kept = await db.query<{ text: string }>('SELECT text FROM translations WHERE segment_id = $1 AND lang = $2', [id, 'es']);
    expect(kept.rows[0].text).toBe('[es] The first paragraph stays as it is.');
  });

  test('two slogans merged: a new segment derived from both, old translations offered as a suggestion', async () => {
    const res = await publish(V1.replace('Peace now! Bread for all!', 'Peace now and bread for all!'));
    expect(res.status).toBe(201);
    const merged = res.body.changes.find((c: { kind: string }) => c.kind === 'merged');
    expect(merged.oldIds).toHaveLength(2);
    expect(merged.newIds).toHaveLength(1);
    const seg = (await segments()).find((s) => s.id === merged.newIds[0])!;
    expect(seg.derivedFrom).toEqual(merged.oldIds);
    expect(seg.translation).toMatchObject({ state: 'untranslated', suggestion: '[es] Peace now! [es] Bread for all!' });
    // The old segments are retired, not deleted: their history is still there.
    const retired = await db.query('SELECT retired_in FROM segments WHERE id = ANY($1)', [merged.oldIds]);
    expect(retired.rows.map((r) => r.retired_in)).toEqual([2, 2]);
    expect(res.body.stale.es).toBe(1);
  });

  test('a publish against an older base revision is a 409 and changes nothing', async () => {
    expect((await publish(V1.replace('March 3', 'March 5'), { baseRevision: 1 })).status).toBe(201);
    const before = await hashAllTables(db);
    const stale = await publish(V1.replace('March 3', 'March 6'), { baseRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('revision_conflict');
    expect(await hashAllTables(db)).toBe(before);
  });

  test('bad bodies are refused with a reason and change nothing', async () => {
    const before = await hashAllTables(db);
    expect((await publish('')).status).toBe(422);
    expect((await publish('x'.repeat(5 * 1024 * 1024 + 10))).status).toBe(413);
    const wrongType = await request(app).post('/api/documents/doc/revisions').set(auth(coordinator)).set('content-type', 'text/markdown').send('# hi');
    expect(wrongType.status).toBe(415);
    expect((await request(app).post('/api/documents/nope/revisions').set(auth(coordinator)).send({ markdown: 'Hi.' })).status).toBe(404);
    expect((await request(app).post('/api/documents/doc/revisions').set(auth(translator)).send({ markdown: 'Hi.' })).status).toBe(403);
    expect(await hashAllTables(db)).toBe(before);
  });

  test('revisions are listed with their impact and each keeps its Markdown', async () => {
    const v2 = V1.replace('March 3', 'March 7');
    await publish(v2);
    const list = await request(app).get('/api/documents/doc/revisions').set(auth(translator));
    expect(list.body.revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    expect(list.body.revisions[0].impact).toMatchObject({ modified: 1 });
    const r1 = await request(app).get('/api/documents/doc/revisions/1').set(auth(translator));
    expect(r1.body.markdown).toBe(V1);
    const r2 = await request(app).get('/api/documents/doc/revisions/2').set(auth(translator));
    expect(r2.body.markdown).toBe(v2);
  });
});

describe('the demo revision', () => {
  test('revision 2 of the statement merges the broken sentence and fixes the language menu', () => {
    const v1 = readFileSync(new URL('../../../fixtures/statement/statement.md', import.meta.url), 'utf8');
    const v2 = readFileSync(new URL('../../../fixtures/statement/revision-2.md', import.meta.url), 'utf8');
    expect(v1).toContain('Française');
    expect(v2).toContain('[한국어](#)');
    expect(v2).toContain('[Français](#)');
    expect(v2).toContain('In addition to the billions of dollars');
  });
});

describe('locked segments follow the source', () => {
  test('a URL-only line that gains words becomes translatable with untranslated rows; a changed link URL is recorded', async () => {
    await truncateAll(db);
    await addUser(db, 'coord@example.org', 'coordinator');
    await addUser(db, 'es@example.org', 'translator', ['es']);
    coordinator = await tokenFor(app, 'coord@example.org');
    translator = await tokenFor(app, 'es@example.org');
    const v1 = 'Hello there.\n\nhttps://example.org/page\n\nSee [the page](https://example.org/a) now.\n';
    expect((await request(app).post('/api/documents').set(auth(coordinator)).send({ id: 'doc', title: 'D', sourceLang: 'en', targetLangs: ['es'], markdown: v1 })).status).toBe(201);
    const before = await segments();
    expect(before[1].translation).toBeNull();
    const v2 = 'Hello there.\n\nRead more at https://example.org/page today.\n\nSee [the page](https://example.org/b) now.\n';
    expect((await publish(v2)).status).toBe(201);
    const after = await segments();
    const line = after.find((s) => s.source.startsWith('Read more'))!;
    expect(line.translation).toMatchObject({ state: 'untranslated' });
    const link = await db.query<{ source_runs: { url?: string }[] }>(`SELECT source_runs FROM segments WHERE id = $1`, [after[2].id]);
    expect(JSON.stringify(link.rows[0].source_runs)).toContain('https://example.org/b');
  });
  test('after insertions, an edit-only revision, removals and a moved paragraph, the list reads as the Markdown, each segment at its place and block', async () => {
    // Carried segments whose place is unchanged are not rewritten: the list must still be in
    // the new revision's order after revisions that shift, keep and shift back every place.
    const para = (n: number) => `Paragraph ${n} first sentence. Paragraph ${n} second one.`;
    const doc = (ns: number[], edit = -1) => ns.map((n) => (n === edit ? para(n).replace('second', 'edited second') : para(n))).join('\n\n') + '\n';
    const revisions = [doc([1, 2, 3, 4]), doc([0, 1, 2, 3, 4]), doc([0, 1, 2, 3, 4], 2), doc([1, 2, 4], 2), doc([4, 1, 2], 2), doc([4, 1, 2, 5], 1)];
    // The first paragraph cut in two blocks: its second sentence keeps its place, not its block.
    revisions.push(revisions[revisions.length - 1].replace('Paragraph 4 first sentence. ', 'Paragraph 4 first sentence.\n\n'));
    for (const [i, markdown] of revisions.entries()) {
      expect((await publish(markdown)).status).toBe(201);
      const listed = await request(app).get('/api/documents/doc/segments?lang=es').set(auth(translator));
      const rows = listed.body.segments as { source: string; index: number; blockIndex: number }[];
      const expected = markdown.trim().split('\n\n').flatMap((p, block) => p.split(/(?<=\.) /).map((source) => ({ source, block })));
      try {
        expect(rows.map((r) => r.source)).toEqual(expected.map((e) => e.source));
        expect(rows.map((r) => r.index)).toEqual(rows.map((_, k) => k));
        expect(rows.map((r) => r.blockIndex)).toEqual(expected.map((e) => e.block));
      } catch (err) {
        throw new Error(`after revision ${i + 2}: ${(err as Error).message}`);
      }
    }
  });
});
