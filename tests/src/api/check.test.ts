import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { openDb } from '@lockstep/server/db';
import { acquireDirLock } from '@lockstep/server/db/dirLock';
import { checkConsistency, type ConsistencyReport } from '@lockstep/server/services/consistency';
import { addUser, seedDemo, testApp, tokenFor } from '../support/app.js';
import { runLockstep } from '../support/cli.js';
import { onPostgres, openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let admin: string;
const scratch: string[] = [];

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await seedDemo(db);
  await addUser(db, 'admin@example.org', 'admin');
  admin = await tokenFor(app, 'admin@example.org');
});
afterAll(async () => {
  await db?.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const lockstep = (args: string[], env: NodeJS.ProcessEnv) => runLockstep(args, env);

/** Applies `tamper`, returns the report, and puts the row back (`undo`) whatever happened. */
async function reportWhile(tamper: string, undo: string, params: unknown[] = []): Promise<ConsistencyReport> {
  await db.query(tamper, params);
  try {
    return await checkConsistency(db);
  } finally {
    await db.query(undo, params);
  }
}

const kinds = (r: ConsistencyReport) => [...new Set(r.problems.map((p) => p.kind))];

async function oneTranslated(): Promise<{ segmentId: string; lang: string }> {
  const r = await db.query<{ segmentId: string; lang: string }>(
    `SELECT segment_id AS "segmentId", lang FROM translations WHERE state = 'translated' ORDER BY segment_id, lang LIMIT 1`,
  );
  return r.rows[0];
}

describe('consistency check', () => {
  test('the demo (two revisions, edits, approvals, stale work) is consistent', async () => {
    const report = await checkConsistency(db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts.documents).toBe(1);
    expect(report.counts.translations).toBeGreaterThan(400);
    expect(report.counts.events).toBeGreaterThan(300);
    expect(report.counts.progressRows).toBe(8);
  });

  test('a translation whose text differs from its latest history event', async () => {
    const t = await oneTranslated();
    const report = await reportWhile(
      `UPDATE translations SET text = text || ' (edited behind history)' WHERE segment_id = $1 AND lang = $2`,
      `UPDATE translations SET text = left(text, length(text) - length(' (edited behind history)')) WHERE segment_id = $1 AND lang = $2`,
      [t.segmentId, t.lang],
    );
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'history_mismatch', documentId: 'statement', segmentId: t.segmentId, lang: t.lang, message: expect.stringMatching(/edited behind history/) }),
    ]);
    expect((await checkConsistency(db)).ok).toBe(true);
  });

  test('a progress counter off by one', async () => {
    const report = await reportWhile(
      `UPDATE language_progress SET translated = translated + 1 WHERE document_id = 'statement' AND lang = 'ko'`,
      `UPDATE language_progress SET translated = translated - 1 WHERE document_id = 'statement' AND lang = 'ko'`,
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'progress_mismatch', documentId: 'statement', lang: 'ko', message: expect.stringMatching(/translated stored \d+, recounted \d+/) }),
    ]);
    expect((await checkConsistency(db)).ok).toBe(true);
  });

  test('a segment whose translation-memory source is another text', async () => {
    const t = await oneTranslated();
    const own = await db.query<{ id: string }>('SELECT memory_source_id::text AS id FROM segments WHERE id = $1', [t.segmentId]);
    // The trigger links a segment to its text on INSERT and on a text edit; a hand edit of the
    // link itself bypasses it.
    const report = await reportWhile(
      `UPDATE segments SET memory_source_id = (SELECT m.id FROM memory_sources m WHERE m.plain_text <> segments.plain_text ORDER BY m.id LIMIT 1) WHERE id = $1 AND $2::bigint IS NOT NULL`,
      `UPDATE segments SET memory_source_id = $2::bigint WHERE id = $1`,
      [t.segmentId, own.rows[0].id],
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'memory_source_mismatch', documentId: 'statement', segmentId: t.segmentId, message: expect.stringMatching(/another text/) }),
    ]);
    expect((await checkConsistency(db)).ok).toBe(true);
  });

  test('a history event with no translation', async () => {
    const seg = (await db.query<{ id: string }>(`SELECT id FROM segments WHERE translatable ORDER BY id LIMIT 1`)).rows[0].id;
    const report = await reportWhile(
      `INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision) VALUES ($1, 'en', 'edit', 'x', 'translated', 2, 1)`,
      `DELETE FROM translation_events WHERE segment_id = $1 AND lang = 'en'`,
      [seg],
    );
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'orphan_history', segmentId: seg, lang: 'en' })]);
  });

  test('versions that do not increase in history', async () => {
    // A translation with at least three events; its middle event gets a version below the first.
    const r = await db.query<{ segmentId: string; lang: string; ids: string[]; versions: number[] }>(
      `SELECT segment_id AS "segmentId", lang, array_agg(id::text ORDER BY id) AS ids, array_agg(version ORDER BY id) AS versions
         FROM translation_events GROUP BY segment_id, lang HAVING count(*) >= 3 ORDER BY segment_id, lang LIMIT 1`,
    );
    const t = r.rows[0];
    expect(t).toBeDefined();
    const middle = t.ids[1];
    const report = await reportWhile(
      `UPDATE translation_events SET version = ${t.versions[0] - 1} WHERE id = $1`,
      `UPDATE translation_events SET version = ${t.versions[1]} WHERE id = $1`,
      [middle],
    );
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'version_order', segmentId: t.segmentId, lang: t.lang, eventId: Number(middle) }),
    ]);
  });

  test('a translation row missing for a live segment (its history left behind)', async () => {
    const t = await oneTranslated();
    const row = (await db.query(`SELECT * FROM translations WHERE segment_id = $1 AND lang = $2`, [t.segmentId, t.lang])).rows[0];
    // Deleting the row leaves its history behind and (through the triggers) keeps the counters right.
    await db.query(`DELETE FROM translations WHERE segment_id = $1 AND lang = $2`, [t.segmentId, t.lang]);
    try {
      const report = await checkConsistency(db);
      expect(kinds(report).sort()).toEqual(['missing_translation', 'orphan_history']);
      expect(report.problems.find((p) => p.kind === 'missing_translation')).toMatchObject({ segmentId: t.segmentId, lang: t.lang });
    } finally {
      const cols = Object.keys(row);
      await db.query(
        `INSERT INTO translations (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((c) => row[c]),
      );
    }
    expect((await checkConsistency(db)).ok).toBe(true);
  });

  test('GET /api/admin/check answers the report to admins', async () => {
    const ok = await request(app).get('/api/admin/check').set('Authorization', `Bearer ${admin}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, problems: [] });
    await db.query(`UPDATE language_progress SET stale_words = stale_words + 1 WHERE document_id = 'statement' AND lang = 'ru'`);
    try {
      const bad = await request(app).get('/api/admin/check').set('Authorization', `Bearer ${admin}`);
      expect(bad.status).toBe(200);
      expect(bad.body.ok).toBe(false);
      expect(bad.body.problems).toEqual([expect.objectContaining({ kind: 'progress_mismatch', lang: 'ru' })]);
    } finally {
      await db.query(`UPDATE language_progress SET stale_words = stale_words - 1 WHERE document_id = 'statement' AND lang = 'ru'`);
    }
  });
});

describe('lockstep check', () => {
  /** The environment that points `check` at a copy of this test's database, opened by the command itself. */
  async function localEnv(): Promise<NodeJS.ProcessEnv> {
    if (onPostgres) return { DATABASE_URL: db.url };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lockstep-check-'));
    scratch.push(dir);
    const copy = await openDb({ dataDir: dir, loadDataDir: await db.dumpDataDir!() });
    await copy.close();
    return { LOCKSTEP_DATA_DIR: dir };
  }

  test('opens the database itself: exit 0 when consistent, 1 with a readable list otherwise', async () => {
    const env = await localEnv();
    const ok = await lockstep(['check'], env);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const where = onPostgres ? 'the PostgreSQL database postgres://\\S+' : `the embedded database in ${env.LOCKSTEP_DATA_DIR}`;
    expect(ok.stdout).toMatch(new RegExp(`^Consistent: checked ${where}: 1 document, \\d+ segments, \\d+ translations, \\d+ history events, 8 progress rows\\.$`, 'm'));

    if (onPostgres) await db.query(`UPDATE language_progress SET approved = approved + 1 WHERE document_id = 'statement' AND lang = 'es'`);
    else {
      const copy = await openDb({ dataDir: env.LOCKSTEP_DATA_DIR });
      await copy.query(`UPDATE language_progress SET approved = approved + 1 WHERE document_id = 'statement' AND lang = 'es'`);
      await copy.close();
    }
    try {
      const bad = await lockstep(['check'], env);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/1 problem found in the (PostgreSQL database|embedded database)/);
      expect(bad.stdout).toMatch(/\[progress_mismatch\] statement\/es: progress counters differ from a recount: approved stored \d+, recounted \d+/);
      const json = await lockstep(['check', '--json'], env);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, problems: [{ kind: 'progress_mismatch', lang: 'es' }] });
    } finally {
      if (onPostgres) await db.query(`UPDATE language_progress SET approved = approved - 1 WHERE document_id = 'statement' AND lang = 'es'`);
    }
  });

  test('an embedded database in use by a server: says so and names the --server way', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lockstep-check-'));
    scratch.push(dir);
    // What a running server holds: the directory's lock (its database need not be opened for that).
    mkdirSync(path.join(dir, 'pg'));
    const running = acquireDirLock(dir);
    try {
      const r = await lockstep(['check'], { LOCKSTEP_DATA_DIR: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/in use by a running Lockstep server \(pid \d+\)/);
      expect(r.stderr).toMatch(/check --server http:\/\/localhost:3000/);
    } finally {
      running.release();
    }
  });

  test('with LOCKSTEP_URL set it checks that server, not ./data, and says which', async () => {
    // A server address where nothing listens: the command must try it (and fail naming it),
    // not fall back to the embedded database beside it and answer "Consistent".
    const env = { ...(await localEnv()), LOCKSTEP_URL: 'http://127.0.0.1:9', LOCKSTEP_TOKEN: 'x' };
    const r = await lockstep(['check'], env);
    expect(r.code).not.toBe(0);
    expect(r.stdout).not.toMatch(/Consistent/);
    expect(r.stderr).toMatch(/127\.0\.0\.1:9/);
  });

  test('a directory without a database is not silently created', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lockstep-check-'));
    scratch.push(dir);
    const r = await lockstep(['check'], { LOCKSTEP_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/there is no database in/);
  });
});
