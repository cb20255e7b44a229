import { openDb, type Db, type Queryable } from '@lockstep/server/db';
import { migrate } from '@lockstep/server/db/migrate';
import type { MemoryRow } from '@lockstep/server/repos/memory';
import { memoryCandidates, memorySuggestions } from '@lockstep/server/services/memory';
import { indexPendingMemory } from '@lockstep/server/services/memoryIndex';
import { rankSuggestions, type LanguageCode } from '@lockstep/shared';
import { openTestDb, type TestDb } from '../support/testDb.js';
import { percentile, type Workload } from './harness.js';
import { exhaustiveTop, loadStoredTexts, recalled } from './memoryRecall.js';
import { TRIGRAM_TIERS, trigramCandidates } from './memoryTrigram.js';
import { CORPUS_TARGETS, corpusArrays, sentence, TAILS, TEMPLATES, VOCABULARY } from './memoryCorpus.js';

export const STORED_SEGMENTS = 250_000;
const SEGMENTS_PER_DOCUMENT = 1_000;
const LOAD_CHUNK = 25_000;

/**
 * Loads the stored memory with set-based statements (generate_series): STORED_SEGMENTS English
 * segments spread over documents, each translated into every corpus target language
 * (250,000 × 4 = 1,000,000 translations). Segment g uses template g mod 20 and vocabulary and
 * a number drawn from a multiplicative hash of g, so neighbours differ. One in ten segments is
 * retired (an older revision's sentence), and stays in the memory.
 */
export async function loadStoredMemory(db: Db, segments = STORED_SEGMENTS): Promise<void> {
  const docs = Math.ceil(segments / SEGMENTS_PER_DOCUMENT);
  await db.query(
    `INSERT INTO documents (id, title, source_lang, target_langs, current_revision)
     SELECT 'tm-' || d, 'Memory ' || d, 'en', $2::text[], 2 FROM generate_series(0, $1 - 1) d`,
    [docs, [...CORPUS_TARGETS]],
  );
  // The indexes of segment g, shared by the source and every translation of it: template g mod
  // 20, the rest from bit ranges of a multiplicative (Knuth) hash of g.
  const picks = `g, (g % $1) + 1 AS t, ((h >> 4) % 16) + 1 AS thing, ((h >> 8) % 16) + 1 AS adj, ((h >> 12) % 16) + 1 AS item,
                 ((h >> 16) % ${TAILS.length}) + 1 AS tail, 2 + ((h >> 20) % 1999) AS num`;
  const hashed = `(SELECT g, (g * 2654435761) % 4294967296 AS h FROM generate_series($9::bigint, $6::bigint - 1) g) q`;
  const fill = (arr: string) =>
    `replace(replace(replace(replace(${arr}.tpl[p.t] || ${arr}.tail[p.tail], '{thing}', ${arr}.thing[p.thing]),
             '{adj}', ${arr}.adj[p.adj]), '{item}', ${arr}.item[p.item]), '{num}', p.num::text)`;
  const en = corpusArrays('en');
  // In chunks, so that no statement nears the statement time limit on a busy machine.
  for (let from = 0; from < segments; from += LOAD_CHUNK) {
    const to = Math.min(segments, from + LOAD_CHUNK);
    await db.query(
      `INSERT INTO segments (id, document_id, position, block_index, block_kind, source, source_runs, plain_text,
                             align_key, words, translatable, first_revision, retired_in)
       SELECT 'tm' || p.g, 'tm-' || (p.g / $7), p.g % $7, p.g % $7, 'paragraph', x.s,
              jsonb_build_array(jsonb_build_object('type', 'text', 'text', x.s)), x.s, lower(x.s),
              array_length(regexp_split_to_array(x.s, '\\s+'), 1), true, 1,
              CASE WHEN p.g % 10 = 9 THEN 2 END
         FROM (SELECT ${picks} FROM ${hashed}) p,
              (SELECT $2::text[] AS tpl, $3::text[] AS thing, $4::text[] AS adj, $5::text[] AS item, $8::text[] AS tail) v,
              LATERAL (SELECT ${fill('v')} AS s) x`,
      [TEMPLATES.length, en.templates, en.thing, en.adj, en.item, to, SEGMENTS_PER_DOCUMENT, en.tails, from],
    );
  }
  for (const lang of CORPUS_TARGETS) {
    const a = corpusArrays(lang);
    for (let from = 0; from < segments; from += LOAD_CHUNK) {
      const to = Math.min(segments, from + LOAD_CHUNK);
      await db.query(
        `INSERT INTO translations (segment_id, lang, text, state, version, based_on_revision, updated_at)
         SELECT 'tm' || p.g, $7, ${fill('v')}, CASE WHEN p.g % 3 = 0 THEN 'approved' ELSE 'translated' END, 2, 1,
                now() - (p.g % 1000) * interval '1 hour'
           FROM (SELECT ${picks} FROM ${hashed}) p,
                (SELECT $2::text[] AS tpl, $3::text[] AS thing, $4::text[] AS adj, $5::text[] AS item, $8::text[] AS tail) v`,
        [TEMPLATES.length, a.templates, a.thing, a.adj, a.item, to, lang, a.tails, from],
      );
    }
  }
  // A loader writing rows directly is a writer of the memory: it calls the indexer (017).
  await indexPendingMemory(db as Db);
  // What autovacuum would do next: planner statistics, the visibility map (index-only scans of
  // the postings) and the GIN index's pending list merged (a bulk load leaves entries there
  // that every lookup would otherwise scan linearly).
  for (const table of ['segments', 'memory_sources', 'translations', 'memory_terms', 'memory_term_frequencies']) {
    await db.query(`VACUUM ANALYZE ${table}`);
  }
}

/** A deterministic stream of pseudo-random integers (xorshift), so every run asks the same. */
function randoms(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/**
 * New sentences a translator would meet in a new statement: a stored template with other
 * vocabulary and numbers (most), the same with a clause added or a word dropped, and sentences
 * unlike anything stored (which must come back quickly with few or no suggestions).
 */
export function querySentences(count: number, seed = 7): string[] {
  const next = randoms(seed);
  const pick = (n: number) => next() % n;
  const out: string[] = [];
  const extras = [' Use fast input and output.', ' Ignore empty lines.', ' The answer always exists.'];
  const unrelated = [
    'Thank you for participating in this contest, and good luck!',
    'Submissions in any language are judged on the same hardware.',
    'Questions about the statement may be asked through the clarification system.',
    'The scoreboard is frozen during the last hour of the competition.',
  ];
  for (let i = 0; i < count; i++) {
    const s = sentence('en', pick(TEMPLATES.length), pick(TAILS.length), pick(VOCABULARY.thing.length), pick(VOCABULARY.adj.length), pick(VOCABULARY.item.length), 2 + pick(5000));
    const kind = i % 10;
    if (kind < 6) out.push(s);
    else if (kind < 8) out.push(s.replace(/\.$/, '.') + extras[pick(extras.length)]);
    else if (kind === 8) out.push(s.split(' ').filter((_, j) => j !== 2).join(' '));
    else out.push(unrelated[pick(unrelated.length)]);
  }
  return out;
}

const QUERIES = 500;

/**
 * LOCKSTEP_BENCH_TM_DATABASE=<url>: a database of its own kept between runs, loaded by the
 * first (the loader is deterministic), so that two runs (before and after a change) measure
 * the same rows and the second skips the minutes of loading. Never a database with other data.
 */
async function openKeptDb(url: string): Promise<TestDb> {
  const db = await openDb({ url, strictTransactions: true });
  await migrate(db);
  return db;
}

async function isLoaded(db: Queryable, segments: number): Promise<boolean> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM segments WHERE document_id LIKE 'tm-%' AND document_id <> 'tm-queries'`);
  if (r.rows[0].n === 0) return false;
  if (r.rows[0].n !== segments) throw new Error(`the kept database holds ${r.rows[0].n} memory segments, not ${segments}: use another`);
  return true;
}

/** The query segments a kept database already has, when they are these sentences. */
async function placedQueries(db: Queryable, sentences: readonly string[]): Promise<string[] | undefined> {
  const r = await db.query<{ id: string; plain: string }>(`SELECT id, plain_text AS plain FROM segments WHERE document_id = 'tm-queries' ORDER BY position`);
  if (r.rows.length === 0) return undefined;
  if (r.rows.length !== sentences.length || r.rows.some((row, i) => row.plain !== sentences[i])) {
    throw new Error('the kept database has other query sentences (another LOCKSTEP_BENCH_TM_QUERIES): use another');
  }
  return r.rows.map((row) => row.id);
}

/** Places the query sentences as the segments of one more document, untranslated in every target. */
async function placeQueries(db: Queryable, sentences: readonly string[]): Promise<string[]> {
  await db.query(
    `INSERT INTO documents (id, title, source_lang, target_langs, current_revision) VALUES ('tm-queries', 'Queries', 'en', $1, 1)`,
    [[...CORPUS_TARGETS]],
  );
  const r = await db.query<{ id: string }>(
    `INSERT INTO segments (document_id, position, block_index, block_kind, source, source_runs, plain_text, align_key,
                           words, translatable, first_revision)
     SELECT 'tm-queries', n - 1, n - 1, 'paragraph', x, jsonb_build_array(jsonb_build_object('type', 'text', 'text', x)),
            x, lower(x), array_length(regexp_split_to_array(x, '\\s+'), 1), true, 1
       FROM unnest($1::text[]) WITH ORDINALITY AS q(x, n)
      ORDER BY n
     RETURNING id`,
    [sentences],
  );
  await db.query(
    `INSERT INTO translations (segment_id, lang, state, based_on_revision)
     SELECT s.id, l, 'untranslated', 1 FROM segments s, unnest($1::text[]) l WHERE s.document_id = 'tm-queries'`,
    [[...CORPUS_TARGETS]],
  );
  return r.rows.map((row) => row.id);
}

const SUGGESTIONS = 10;
const matches = (rows: readonly MemoryRow[], sentence: string) =>
  rankSuggestions({
    own: [],
    others: rows.map((r) => ({ ...r, origin: 'other-segment' as const, earlierSource: false, importedFrom: undefined })),
    currentSource: sentence,
    currentText: '',
    sourceLang: 'en',
    limit: SUGGESTIONS,
  }).map((x) => x.match);

/**
 * tm-1m (PostgreSQL only) and tm-100k (either database): translation-memory lookups through
 * the service (own history, candidate index, word-level scoring and diffs) over 1,000,000 or
 * 100,000 stored translations. One iteration is one lookup of a new sentence, in one of the
 * four target languages in turn. Beforehand, untimed by the harness, every query is also run
 * through the candidate search alone, the new one and the previous design (pg_trgm tiers,
 * memoryTrigram.ts) alternating, each timed, and both answers are compared with exhaustive
 * scoring of every stored text (recall@3, memoryRecall.ts).
 */
export function memoryWorkload(opts: { name: string; segments: number; needsPostgres: boolean; queries?: number } = { name: 'tm-1m', segments: STORED_SEGMENTS, needsPostgres: true }): Workload {
  // Knobs for a loaded machine: the exhaustive scoring behind recall takes seconds a query at
  // 1,000,000 translations, so a run may check the first N queries only (the rest are timed).
  const queries = envCount('LOCKSTEP_BENCH_TM_QUERIES') ?? opts.queries ?? QUERIES;
  const recallQueries = Math.min(queries, envCount('LOCKSTEP_BENCH_TM_RECALL') ?? queries);
  let db: TestDb | undefined;
  let segmentIds: string[] = [];
  let next = 0;
  let loadSeconds = 0;
  let indexSeconds = 0;
  const scored: number[] = [];
  const postings: number[] = [];
  const oldSources: number[] = [];
  const newMs: number[] = [];
  const oldMs: number[] = [];
  const recall = { new: 0, old: 0, of: 0 };
  const topMatches: number[] = [];
  let withSuggestions = 0;
  const misses: string[] = [];
  return {
    name: opts.name,
    description: `translation-memory lookup (GET …/memory/:lang service) over ${opts.segments * CORPUS_TARGETS.length} stored translations; ${queries} new sentences`,
    iterations: queries,
    async prepare() {
      if (opts.needsPostgres && !process.env.DATABASE_URL) return () => undefined;
      const kept = process.env.LOCKSTEP_BENCH_TM_DATABASE;
      db = kept ? await openKeptDb(kept) : await openTestDb();
      const t0 = performance.now();
      if (!kept || !(await isLoaded(db, opts.segments))) await loadStoredMemory(db, opts.segments);
      loadSeconds = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      await indexPendingMemory(db); // nothing left: loadStoredMemory indexed; times a no-op call
      indexSeconds = (performance.now() - t1) / 1000;
      const sentences = querySentences(queries);
      segmentIds = (await placedQueries(db, sentences)) ?? (await placeQueries(db, sentences));
      await indexPendingMemory(db);
      await db.query('ANALYZE segments');
      const database = db;
      // Every corpus sentence is translated into every target (the loader), so one target's texts stand for all.
      const stored = await loadStoredTexts(database, 'tm-', 'en', 'ko');
      for (const [i, s] of sentences.slice(0, recallQueries).entries()) {
        const lang = CORPUS_TARGETS[i % CORPUS_TARGETS.length] as LanguageCode;
        const query = { plain: s, sourceLang: 'en' as const, lang, excludeSegmentId: segmentIds[i], limit: SUGGESTIONS * 3 };
        // Alternating, so both see the same load and caches.
        const a = performance.now();
        const found = await database.transaction((tx) => memoryCandidates(tx, query));
        const b = performance.now();
        const old = await database.transaction((tx) => trigramCandidates(tx, query));
        const c = performance.now();
        newMs.push(b - a);
        oldMs.push(c - b);
        scored.push(found.scored);
        postings.push(found.postings);
        oldSources.push(old.sources);
        const best = exhaustiveTop(stored, s, 'en');
        const got = matches([...found.exact, ...found.similar], s);
        recall.of += best.length;
        recall.new += recalled(got, best);
        recall.old += recalled(matches(old.rows, s), best);
        if (recalled(got, best) < best.length && misses.length < 5) misses.push(`#${i} ${JSON.stringify(s)}: ${got.slice(0, 3)} vs exhaustive ${best}`);
      }
      return async () => {
        const i = next++ % segmentIds.length;
        const lang = CORPUS_TARGETS[i % CORPUS_TARGETS.length];
        const { suggestions } = await memorySuggestions(database, { documentId: 'tm-queries', segmentId: segmentIds[i], lang }, { limit: SUGGESTIONS });
        if (next <= 1) return; // the harness's warm-up call
        if (suggestions.length > 0) {
          withSuggestions++;
          topMatches.push(suggestions[0].match);
        }
      };
    },
    report(times): Record<string, number | string> {
      if (!db) return { skipped: 'needs DATABASE_URL (PostgreSQL)' };
      for (const m of misses) console.error(`${opts.name} recall miss: ${m}`);
      const share = (n: number) => (recall.of ? (n / recall.of).toFixed(3) : 'n/a');
      return {
        'p50 ms': round(percentile(times, 50)),
        'p99 ms': round(percentile(times, 99)),
        'load s': Math.round(loadSeconds),
        'index catch-up s': round(indexSeconds),
        'candidates only p50/p99 ms': `${round(percentile(newMs, 50))} / ${round(percentile(newMs, 99))}`,
        'texts scored p50/p99': `${percentile(scored, 50)} / ${percentile(scored, 99)}`,
        'postings read p50/p99': `${percentile(postings, 50)} / ${percentile(postings, 99)}`,
        'recall@3 vs exhaustive': share(recall.new),
        'recall queries': recallQueries,
        [`previous (pg_trgm ${TRIGRAM_TIERS.join('/')}) candidates only p50/p99 ms`]: `${round(percentile(oldMs, 50))} / ${round(percentile(oldMs, 99))}`,
        'previous texts passed p50/p99': `${percentile(oldSources, 50)} / ${percentile(oldSources, 99)}`,
        'previous recall@3 vs exhaustive': share(recall.old),
        'queries with suggestions': `${withSuggestions}/${times.length}`,
        'top match p50': topMatches.length ? percentile(topMatches, 50) : 'n/a',
      };
    },
    async teardown() {
      await db?.close();
    },
  };
}

/** A positive integer from the environment, if set. */
function envCount(name: string): number | undefined {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

const round = (x: number) => Math.round(x * 10) / 10;
