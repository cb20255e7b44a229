import type { Queryable } from '@lockstep/server/db';
import { MEMORY_TRIGRAM_TIERS, memoryCandidates, memorySuggestions } from '@lockstep/server/services/memory';
import { rankSuggestions, type LanguageCode, type MemorySuggestion } from '@lockstep/shared';
import { openTestDb, type TestDb } from '../support/testDb.js';
import { percentile, type Workload } from './harness.js';
import { CORPUS_TARGETS, corpusArrays, sentence, TAILS, TEMPLATES, VOCABULARY } from './memoryCorpus.js';

export const STORED_SEGMENTS = 250_000;
const SEGMENTS_PER_DOCUMENT = 1_000;

/**
 * Loads the stored memory with set-based statements (generate_series): STORED_SEGMENTS English
 * segments spread over documents, each translated into every corpus target language
 * (250,000 × 4 = 1,000,000 translations). Segment g uses template g mod 20 and vocabulary and
 * a number drawn from a multiplicative hash of g, so neighbours differ. One in ten segments is
 * retired (an older revision's sentence), and stays in the memory.
 */
export async function loadStoredMemory(db: Queryable, segments = STORED_SEGMENTS): Promise<void> {
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
  const hashed = `(SELECT g, (g * 2654435761) % 4294967296 AS h FROM generate_series(0, $6::bigint - 1) g) q`;
  const fill = (arr: string) =>
    `replace(replace(replace(replace(${arr}.tpl[p.t] || ${arr}.tail[p.tail], '{thing}', ${arr}.thing[p.thing]),
             '{adj}', ${arr}.adj[p.adj]), '{item}', ${arr}.item[p.item]), '{num}', p.num::text)`;
  const en = corpusArrays('en');
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
    [TEMPLATES.length, en.templates, en.thing, en.adj, en.item, segments, SEGMENTS_PER_DOCUMENT, en.tails],
  );
  for (const lang of CORPUS_TARGETS) {
    const a = corpusArrays(lang);
    await db.query(
      `INSERT INTO translations (segment_id, lang, text, state, version, based_on_revision, updated_at)
       SELECT 'tm' || p.g, $7, ${fill('v')}, CASE WHEN p.g % 3 = 0 THEN 'approved' ELSE 'translated' END, 2, 1,
              now() - (p.g % 1000) * interval '1 hour'
         FROM (SELECT ${picks} FROM ${hashed}) p,
              (SELECT $2::text[] AS tpl, $3::text[] AS thing, $4::text[] AS adj, $5::text[] AS item, $8::text[] AS tail) v`,
      [TEMPLATES.length, a.templates, a.thing, a.adj, a.item, segments, lang, a.tails],
    );
  }
  // What autovacuum would do next: planner statistics, and the GIN index's pending list merged
  // (a bulk load leaves entries there that every lookup would otherwise scan linearly).
  await db.query('VACUUM ANALYZE segments');
  await db.query('VACUUM ANALYZE memory_sources');
  await db.query('VACUUM ANALYZE translations');
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

/** How many stored source texts pass the trigram filter at `threshold` (the candidate set, before the joins). */
async function countTrigramCandidates(tx: Queryable, plain: string, threshold: number): Promise<number> {
  await tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(threshold)]);
  const r = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM memory_sources WHERE source_lang = 'en' AND plain_text % $1`, [plain]);
  return Number(r.rows[0].n);
}

/**
 * The suggestions a lookup of a query sentence shows when similar sources are searched at
 * `tiers`: what `memorySuggestions` does for these segments (new and untranslated, so no texts
 * of their own), with the tiers as a choice, to compare the service's with one search at the
 * lowest threshold.
 */
async function suggestionsWithTiers(db: TestDb, sentence: string, lang: string, segmentId: string, tiers: readonly number[]): Promise<MemorySuggestion[]> {
  const query = { plain: sentence, sourceLang: 'en' as const, lang: lang as LanguageCode, excludeSegmentId: segmentId, limit: SUGGESTIONS * 3 };
  const found = await db.transaction((tx) => memoryCandidates(tx, query, tiers));
  const others = [...found.exact, ...found.similar].map((r) => ({ ...r, origin: 'other-segment' as const, earlierSource: false }));
  return rankSuggestions({ own: [], others, currentSource: sentence, currentText: '', sourceLang: 'en', limit: SUGGESTIONS });
}

/** Queries whose top suggestions are compared with one search at the lowest tier alone. */
const COMPARED = 200;
const SUGGESTIONS = 10;
const top3 = (xs: readonly { text: string; match: number }[]) => JSON.stringify(xs.slice(0, 3).map((x) => [x.text, x.match]));

/**
 * tm-1m (PostgreSQL only): translation-memory lookups through the service (own history, trigram
 * candidates, word-level scoring and diffs) over 1,000,000 stored translations. One iteration is
 * one lookup of a new sentence, in one of the four target languages in turn.
 */
export function memoryWorkload(): Workload {
  let db: TestDb | undefined;
  let segmentIds: string[] = [];
  let next = 0;
  let loadSeconds = 0;
  // Per tier: stored sources passing its threshold, for every query; and where lookups stopped.
  const candidates = new Map<number, number[]>(MEMORY_TRIGRAM_TIERS.map((t) => [t, []]));
  const stoppedAt = new Map<string, number>();
  const topMatches: number[] = [];
  let withSuggestions = 0;
  let top3Differ = 0;
  const differing: string[] = [];
  return {
    name: 'tm-1m',
    description: `translation-memory lookup (GET …/memory/:lang service) over ${STORED_SEGMENTS * CORPUS_TARGETS.length} stored translations; ${QUERIES} new sentences`,
    iterations: QUERIES,
    async prepare() {
      if (!process.env.DATABASE_URL) return () => undefined;
      db = await openTestDb();
      const t0 = performance.now();
      await loadStoredMemory(db);
      loadSeconds = (performance.now() - t0) / 1000;
      const sentences = querySentences(QUERIES);
      segmentIds = await placeQueries(db, sentences);
      await db.query('ANALYZE segments');
      const database = db;
      // Untimed, beforehand: the candidate set of each query at each tier (stored sources passing
      // the trigram filter, before the joins and the ranking), and the tier its lookup stops at.
      for (const [i, s] of sentences.entries()) {
        for (const tier of MEMORY_TRIGRAM_TIERS) candidates.get(tier)!.push(await database.transaction((tx) => countTrigramCandidates(tx, s, tier)));
        const lang = CORPUS_TARGETS[i % CORPUS_TARGETS.length];
        const found = await database.transaction((tx) =>
          memoryCandidates(tx, { plain: s, sourceLang: 'en' as const, lang: lang as LanguageCode, excludeSegmentId: segmentIds[i], limit: SUGGESTIONS * 3 }),
        );
        const key = found.threshold === null ? 'exact' : String(found.threshold);
        stoppedAt.set(key, (stoppedAt.get(key) ?? 0) + 1);
      }
      // What a translator sees, tiered against one search at the lowest threshold (the lookup
      // before tiers): the top three suggestions, text and match.
      for (let i = 0; i < COMPARED; i++) {
        const lang = CORPUS_TARGETS[i % CORPUS_TARGETS.length];
        const tiered = await suggestionsWithTiers(database, sentences[i], lang, segmentIds[i], MEMORY_TRIGRAM_TIERS);
        const single = await suggestionsWithTiers(database, sentences[i], lang, segmentIds[i], MEMORY_TRIGRAM_TIERS.slice(-1));
        if (top3(tiered) !== top3(single)) {
          top3Differ++;
          if (differing.length < 3) differing.push(`#${i}: ${top3(tiered)} vs ${top3(single)}`);
        }
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
      const perTier = Object.fromEntries(
        [...candidates].flatMap(([tier, n]) => [
          [`candidates@${tier} p50`, percentile(n, 50)],
          [`candidates@${tier} p99`, percentile(n, 99)],
        ]),
      );
      for (const d of differing) console.error(`tm-1m top-3 differs: ${d}`);
      return {
        'p50 ms': percentile(times, 50),
        'p99 ms': percentile(times, 99),
        'load s': Math.round(loadSeconds),
        'trigram tiers': MEMORY_TRIGRAM_TIERS.join('/'),
        ...perTier,
        'stopped at': [...stoppedAt].map(([k, n]) => `${k}:${n}`).join(','),
        'top-3 differs from one 0.5 search': `${top3Differ}/${COMPARED}`,
        'queries with suggestions': `${withSuggestions}/${times.length}`,
        'top match p50': topMatches.length ? percentile(topMatches, 50) : 'n/a',
      };
    },
    async teardown() {
      await db?.close();
    },
  };
}
