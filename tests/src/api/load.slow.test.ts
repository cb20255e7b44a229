import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { readXliff, writeXliffString, type XliffUnit } from '@lockstep/shared';
import { apiFor, expectConsistent, prng, startArmed, type Api } from '../support/faultRounds.js';
import { stop, type ServerProcess } from '../support/serverProcess.js';
import { onPostgres, openTestDb, type TestDb } from '../support/testDb.js';
import { percentile } from '../bench/harness.js';

/**
 * Issue #10 "Load": simulated editors against two server processes sharing one PostgreSQL
 * database — reads, saves, progress — with one XLIFF import and one revision publish in the
 * middle. Zero 5xx, every acknowledged save in the history, the consistency check passes and
 * the servers' memory stays flat. `LOCKSTEP_LOAD_SECONDS` (default 15 in `npm run test:slow`; the soak
 * run uses 60) and `LOCKSTEP_LOAD_EDITORS` (default 50) size it; the numbers are printed.
 */

const SECONDS = Number(process.env.LOCKSTEP_LOAD_SECONDS ?? 15);
const EDITORS = Number(process.env.LOCKSTEP_LOAD_EDITORS ?? 50);
const LANGS = ['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'] as const;
const describeOnPostgres = onPostgres ? describe : describe.skip;

let owner: TestDb;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  owner = await openTestDb();
  const env = { DATABASE_URL: owner.url!, LOCKSTEP_DEMO: '1' };
  servers.push(await startArmed(env)); // seeds the demo
  servers.push(await startArmed(env));
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => stop(s, 'SIGKILL')));
  await owner?.close();
});

function rssMb(s: ServerProcess): number {
  const status = readFileSync(`/proc/${s.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

interface Tally {
  requests: number;
  fiveXx: string[];
  saveLatencies: number[];
  acked: { segment: string; lang: string; version: number; text: string }[];
}

async function editor(api: Api, lang: string, id: number, until: number, tally: Tally): Promise<void> {
  const random = prng(id + 1);
  const timed = async (method: string, path: string, body?: unknown) => {
    const res = await api.call(method, path, body);
    tally.requests++;
    if (res.status >= 500) tally.fiveXx.push(`${method} ${path} → ${res.status} ${res.text.slice(0, 200)}`);
    return res;
  };
  let view = (await timed('GET', `/api/documents/statement/segments?lang=${lang}`)).body;
  let save = 0;
  while (Date.now() < until) {
    const roll = random();
    if (roll < 0.1) {
      await timed('GET', '/api/documents/statement/progress');
    } else if (roll < 0.2) {
      view = (await timed('GET', `/api/documents/statement/segments?lang=${lang}`)).body;
    } else {
      const writable = (view.segments as { id: string; translation: { version: number } | null }[]).filter((s) => s.translation);
      const seg = writable[Math.floor(random() * writable.length)];
      const text = `Load ${lang} editor ${id} save ${save++}.`;
      const t0 = performance.now();
      const res = await timed('PUT', `/api/documents/statement/segments/${seg.id}/translations/${lang}`, { text, version: seg.translation!.version });
      if (res.status === 200) {
        tally.saveLatencies.push(performance.now() - t0);
        seg.translation = res.body.translation;
        tally.acked.push({ segment: seg.id, lang, version: res.body.translation.version, text });
      } else if (res.status === 409) {
        seg.translation = res.body.current; // someone else (or the revision) got there first
      } else if (res.status === 404) {
        view = (await timed('GET', `/api/documents/statement/segments?lang=${lang}`)).body; // retired by the publish
      } else if (res.status !== 422) {
        throw new Error(`save answered ${res.status}: ${res.text}`);
      }
    }
    await new Promise((r) => setTimeout(r, 20 + random() * 80)); // an editor's think time
  }
}

async function importKo(api: Api): Promise<number> {
  const exported = await api.call('GET', '/api/documents/statement/xliff/ko?version=2.0');
  const file = readXliff(exported.text).files[0];
  const units: XliffUnit[] = file.units.slice(0, 25).map((u) => ({ id: u.id, source: u.sourceRuns, target: `${u.source} (import under load)`, state: 'translated' }));
  const body = writeXliffString({ exportId: file.exportId, documentId: 'statement', revision: file.revision ?? 0, srcLang: 'en', trgLang: 'ko' }, units, '2.0');
  return (await api.call('POST', '/api/documents/statement/xliff/ko', body, 'application/xliff+xml')).status;
}

async function publish(api: Api): Promise<number> {
  const docs = await api.call('GET', '/api/documents/statement');
  const rev = await api.call('GET', `/api/documents/statement/revisions/${docs.body.revision}`);
  const markdown = `${rev.body.markdown as string}\n\nA sentence published under load. Another one follows it.\n`;
  return (await api.call('POST', '/api/documents/statement/revisions', { markdown })).status;
}

describeOnPostgres('load: editors on two server processes sharing PostgreSQL', () => {
  test(`${EDITORS} editors for ${SECONDS} s with an import and a publish in the middle`, async () => {
    const apis = await Promise.all(servers.map((s) => apiFor(s, 'coordinator@demo.lockstep')));
    const admin = await apiFor(servers[0], 'admin@demo.lockstep');
    const rssBefore = servers.map(rssMb);
    const tally: Tally = { requests: 0, fiveXx: [], saveLatencies: [], acked: [] };
    const t0 = Date.now();
    const until = t0 + SECONDS * 1000;
    const editors = Array.from({ length: EDITORS }, (_, i) => editor(apis[i % 2], LANGS[i % LANGS.length], i, until, tally));
    const middle = (async () => {
      await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 3));
      const imported = await importKo(apis[1]);
      await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 3));
      const published = await publish(apis[0]);
      return { imported, published };
    })();
    await Promise.all(editors);
    const { imported, published } = await middle;
    const elapsed = (Date.now() - t0) / 1000;
    const rssAfter = servers.map(rssMb);

    process.stdout.write(
      `load: ${EDITORS} editors, ${elapsed.toFixed(1)} s, ${tally.requests} requests (${Math.round(tally.requests / elapsed)}/s), ` +
        `${tally.acked.length} saves (${Math.round(tally.acked.length / elapsed)}/s), save p50 ${percentile(tally.saveLatencies, 50).toFixed(1)} ms ` +
        `p99 ${percentile(tally.saveLatencies, 99).toFixed(1)} ms, import ${imported}, publish ${published}, ` +
        `RSS MB before ${rssBefore.map(Math.round).join('/')} after ${rssAfter.map(Math.round).join('/')}\n`,
    );
    expect(tally.fiveXx).toEqual([]);
    expect(imported).toBe(200);
    expect(published).toBe(201);
    expect(tally.acked.length).toBeGreaterThan(EDITORS);

    // Every acknowledged save is in the history with its version and text.
    const c = new pg.Client({ connectionString: owner.url });
    await c.connect();
    try {
      const missing = await c.query(
        `SELECT a.segment, a.lang, a.version FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS a(segment, lang, version, text)
          WHERE NOT EXISTS (SELECT 1 FROM translation_events e WHERE e.segment_id = a.segment AND e.lang = a.lang AND e.version = a.version AND e.text = a.text)`,
        [tally.acked.map((a) => a.segment), tally.acked.map((a) => a.lang), tally.acked.map((a) => a.version), tally.acked.map((a) => a.text)],
      );
      expect(missing.rows).toEqual([]);
    } finally {
      await c.end();
    }
    await expectConsistent(admin);
    // Flat: no server grew by more than half again plus 64 MB over the run.
    rssAfter.forEach((after, i) => expect(after).toBeLessThan(rssBefore[i] * 1.5 + 64));
  }, 120_000 + SECONDS * 2000);
});
