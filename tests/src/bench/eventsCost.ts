import { openDb, type Db, type Queryable } from '@lockstep/server/db';
import { LiveEvents } from '@lockstep/server/events/bus';
import { eventsCommitted } from '@lockstep/server/events/committed';
import { createLogger } from '@lockstep/server/logger';
import { writeChange, type TranslationChange } from '@lockstep/server/repos/translations';
import { createDocument } from '@lockstep/server/services/documents';
import { addUser } from '../support/app.js';
import { editChange } from '../support/changes.js';
import { openTestDb, type TestDb } from '../support/testDb.js';
import { median, type Workload } from './harness.js';

// ------------------------------------------------------------------------------------------
// save-events: what the live event costs a save. CONCURRENCY writers call `writeChange` (the
// save's one statement, as the service runs it) on CONCURRENCY segments of ONE document, in
// four modes, alternated within every iteration so drift hits all alike:
//   off       no live event at all (the floor): the save's statement without it, `silentSave`;
//   sequencer the event row written unnumbered, no NOTIFY; after the commit this process's
//             `LiveEvents` is told and numbers it, as the server does (004_events.sql);
//   notify    the same, plus a NOTIFY from the writer's transaction (emulated here: the
//             design considered first, to show what the NOTIFY alone costs);
//   counter   the previous design, emulated here: the number taken from the document's
//             counter row inside the save's transaction, which holds it through the commit.
// Edits keep the state `translated`, so no progress count changes: the only lock writers of
// one document could share is the event's.

const CONCURRENCY = 32;
const SAVES_PER_RUN = 1600;
const MODES = ['off', 'sequencer', 'notify', 'counter'] as const;
type Mode = (typeof MODES)[number];

interface BenchDoc {
  id: string;
  segments: string[];
  versions: number[];
}

let owner: TestDb | undefined;
let db: Db | undefined;
let live: LiveEvents | undefined;
let userId = 0;
let take = 0;
let iteration = 0;
const docs = new Map<Mode, BenchDoc>();
const seconds = new Map<Mode, number[]>(MODES.map((m) => [m, []]));
/** Sequencer mode: from the last save's answer until every event of the run had its number. */
const numberingLagMs: number[] = [];

/**
 * The save's statement (repos/translations.ts `writeChangeBatch`) without the live event: the
 * translation row and its history event. The new version, or undefined when the version moved.
 */
async function silentSave(d: Queryable, c: TranslationChange): Promise<number | undefined> {
  const { row } = c;
  const r = await d.query<{ version: number }>(
    `WITH u AS (
       UPDATE translations t SET text = $3, state = $4, version = $5, based_on_revision = $6, previous_source = $7,
              state_before_stale = $8, change_class = $9, suggestion = $10, updated_by = $11, updated_at = now()
        WHERE t.segment_id = $1 AND t.lang = $2 AND t.version = $12
          AND EXISTS (SELECT 1 FROM segments s WHERE s.id = t.segment_id AND s.retired_in IS NULL AND s.translatable)
        RETURNING t.segment_id, t.lang, t.text, t.state, t.version, t.based_on_revision, t.updated_by, t.updated_at
     ), e AS (
       INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision, user_id, created_at)
       SELECT segment_id, lang, $13::text, text, state, version, based_on_revision, updated_by, updated_at FROM u
     )
     SELECT version FROM u`,
    [c.segmentId, c.lang, row.text, row.state, row.version, row.basedOnRevision, row.previousSource, row.stateBeforeStale,
     row.changeClass, row.suggestion, c.userId, c.expectedVersion, c.kind],
  );
  return r.rows[0]?.version;
}

/** The previous design's save: number first (the counter row stays locked until COMMIT), then the change and its event. */
async function counterSave(d: Db, c: TranslationChange, documentId: string) {
  return d.transaction(async (tx) => {
    const version = await silentSave(tx, c);
    if (version === undefined) return undefined;
    await tx.query(
      `WITH seq AS (
         INSERT INTO document_event_seqs AS c (document_id, last_seq) VALUES ($1, 1)
         ON CONFLICT (document_id) DO UPDATE SET last_seq = c.last_seq + 1 RETURNING last_seq
       ), e AS (
         INSERT INTO document_events (document_id, seq, kind, payload, user_id)
         SELECT $1, last_seq, 'translation', $2, $3 FROM seq RETURNING seq
       )
       SELECT pg_notify('lockstep_events', $1 || ':' || seq) FROM e`,
      [documentId, JSON.stringify({ segment: c.segmentId, version }), c.userId],
    );
    return version;
  });
}

/** The sequencer's save with a NOTIFY in the writer's transaction (the notification is delivered at its commit). */
async function notifyingSave(d: Db, c: TranslationChange, documentId: string) {
  return d.transaction(async (tx) => {
    const applied = await writeChange(tx, c);
    await tx.query("SELECT pg_notify('lockstep_unsequenced', $1)", [documentId]);
    return applied?.translation.version;
  });
}

/** The new version, or undefined when the version moved. */
async function save(mode: Mode, d: Db, c: TranslationChange, documentId: string): Promise<number | undefined> {
  if (mode === 'counter') return counterSave(d, c, documentId);
  if (mode === 'off') return silentSave(d, c);
  const version = mode === 'notify' ? await notifyingSave(d, c, documentId) : (await writeChange(d, c))?.translation.version;
  if (version !== undefined) eventsCommitted(d, documentId);
  return version;
}

async function unnumbered(d: Db, documentId: string): Promise<number> {
  const r = await d.query<{ n: string }>('SELECT count(*) AS n FROM document_events WHERE document_id = $1 AND seq IS NULL', [documentId]);
  return Number(r.rows[0].n);
}

async function runMode(mode: Mode): Promise<void> {
  const d = db!;
  const doc = docs.get(mode)!;
  let left = SAVES_PER_RUN;
  const t0 = performance.now();
  await Promise.all(
    doc.segments.map(async (segmentId, w) => {
      while (left > 0) {
        left--;
        const c = editChange({ segmentId, lang: 'ko', text: `Benchmark sentence ${w}, take ${take++}.`, userId, revision: 1, expectedVersion: doc.versions[w] });
        const version = await save(mode, d, c, doc.id);
        if (version === undefined) throw new Error(`save lost its version race in ${mode} mode (writers own their segments)`);
        doc.versions[w] = version;
      }
    }),
  );
  const answered = performance.now();
  if (mode === 'sequencer' || mode === 'notify') {
    // Numbered in the background; the next mode starts once it is done, so runs do not overlap.
    while ((await unnumbered(d, doc.id)) > 0) await new Promise((r) => setTimeout(r, 2));
    if (iteration > 0 && mode === 'sequencer') numberingLagMs.push(performance.now() - answered);
  }
  if (iteration > 0) seconds.get(mode)!.push((answered - t0) / 1000);
}

async function prepareDoc(mode: Mode): Promise<void> {
  const d = db!;
  const id = `bench-${mode}`;
  const markdown = Array.from({ length: CONCURRENCY }, (_, i) => `Sentence number ${i + 1} of the ${mode} benchmark.`).join('\n\n');
  await createDocument(d, null, { id, title: id, sourceLang: 'en', targetLangs: ['ko'], markdown });
  const r = await d.query<{ id: string; version: number }>(
    `SELECT s.id, t.version FROM segments s JOIN translations t ON t.segment_id = s.id AND t.lang = 'ko'
      WHERE s.document_id = $1 ORDER BY s.position`,
    [id],
  );
  const doc: BenchDoc = { id, segments: r.rows.map((x) => x.id), versions: r.rows.map((x) => x.version) };
  // Translated once up front: the runs measure the steady state (edits, no count change).
  for (let w = 0; w < doc.segments.length; w++) {
    const c = editChange({ segmentId: doc.segments[w], lang: 'ko', text: 'First take.', userId, revision: 1, expectedVersion: doc.versions[w] });
    doc.versions[w] = (await silentSave(d, c))!;
  }
  docs.set(mode, doc);
}

export const saveEventsWorkload: Workload = {
  name: 'save-events',
  description: `${CONCURRENCY} concurrent writeChange on one document, ${SAVES_PER_RUN} saves per mode per iteration; modes off / sequencer / notify / counter alternated`,
  iterations: 5,
  async prepare() {
    owner = await openTestDb();
    db = owner.url ? await openDb({ url: owner.url, poolSize: CONCURRENCY + 4 }) : owner;
    userId = (await addUser(owner, 'bench@bench.lockstep', 'translator', ['ko'])).id;
    for (const mode of MODES) await prepareDoc(mode);
    live = new LiveEvents(db, createLogger('silent'));
    await live.start();
    return async () => {
      // A different mode goes first each iteration.
      for (let k = 0; k < MODES.length; k++) await runMode(MODES[(iteration + k) % MODES.length]);
      iteration++;
    };
  },
  report() {
    const rate = (m: Mode) => Math.round(SAVES_PER_RUN / median(seconds.get(m)!));
    const off = rate('off');
    return {
      database: db!.kind,
      'off saves/s': off,
      'sequencer saves/s': rate('sequencer'),
      'notify saves/s': rate('notify'),
      'counter saves/s': rate('counter'),
      'sequencer vs off': Number((rate('sequencer') / off).toFixed(3)),
      'notify vs off': Number((rate('notify') / off).toFixed(3)),
      'counter vs off': Number((rate('counter') / off).toFixed(3)),
      'numbering lag after last save ms (median)': Math.round(median(numberingLagMs)),
      runs: seconds.get('off')!.length,
    };
  },
  async teardown() {
    await live?.close();
    if (db !== owner) await db?.close();
    await owner?.close();
  },
};
