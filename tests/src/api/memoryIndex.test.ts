import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { pendingCounts } from '@lockstep/server/repos/memoryIndex';
import { candidateOf, memoryCandidates } from '@lockstep/server/services/memory';
import { openDb } from '@lockstep/server/db';
import { createDocument } from '@lockstep/server/services/documents';
import { indexPendingMemory } from '@lockstep/server/services/memoryIndex';
import { INDEX_DELAY_MS, memoryIndexer } from '@lockstep/server/services/memoryIndexer';
import { MAX_MEMORY_CANDIDATES, matchTokens, rankSuggestions, type LanguageCode } from '@lockstep/shared';
import { loadStoredMemory, querySentences } from '../bench/memory.js';
import { CORPUS_TARGETS } from '../bench/memoryCorpus.js';
import { exhaustiveTop, loadStoredTexts, recalled } from '../bench/memoryRecall.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

// Issue 19: the translation memory's own candidate index (migration 017). Its suggestions must
// be those of scoring every stored text, its work bounded whatever the sentence, and every
// writer's texts indexed by the one indexer.

let db: TestDb;
const STORED = 2_000; // segments of the bench's templated corpus, × 4 languages of translations
const QUERIES = 120;

beforeAll(async () => {
  db = await openTestDb();
  await loadStoredMemory(db, STORED);
  await db.query(
    `INSERT INTO documents (id, title, source_lang, target_langs, current_revision) VALUES ('q', 'Queries', 'en', $1, 1)`,
    [[...CORPUS_TARGETS]],
  );
}, 300_000);
afterAll(async () => {
  await db?.close();
});

const lookup = (plain: string, lang: string, opts: Parameters<typeof memoryCandidates>[2] = {}) =>
  db.transaction((tx) =>
    memoryCandidates(tx, { plain, sourceLang: 'en', lang: lang as LanguageCode, excludeSegmentId: 'none', limit: 30 }, opts),
  );

const shownMatches = (found: Awaited<ReturnType<typeof lookup>>, sentence: string) =>
  rankSuggestions({
    own: [],
    others: [...found.exact, ...found.similar].map(candidateOf),
    currentSource: sentence,
    currentText: '',
    sourceLang: 'en',
    limit: 10,
  }).map((s) => s.match);

describe('the candidate index answers like scoring every stored text', () => {
  test(`recall@3 over ${QUERIES} new sentences of a templated corpus is at least 0.98; exact matches come first`, async () => {
    // Every corpus sentence is translated into every target (the loader), so one target's texts stand for all.
    const stored = await loadStoredTexts(db, 'tm-', 'en', 'ko');
    let hits = 0;
    let of = 0;
    const misses: string[] = [];
    for (const [i, sentence] of querySentences(QUERIES, 11).entries()) {
      const found = await lookup(sentence, CORPUS_TARGETS[i % CORPUS_TARGETS.length]);
      const got = shownMatches(found, sentence);
      const best = exhaustiveTop(stored, sentence, 'en');
      of += best.length;
      hits += recalled(got, best);
      if (recalled(got, best) < best.length) misses.push(`${sentence}: ${got.slice(0, 3)} vs ${best}`);
      expect(found.scored).toBeLessThanOrEqual(MAX_MEMORY_CANDIDATES);
    }
    expect(of).toBeGreaterThan(QUERIES); // the queries do have suggestions to find
    if (hits / of < 0.98) console.error(`recall ${hits / of}; missed:\n${misses.slice(0, 5).join('\n')}`);
    expect(hits / of).toBeGreaterThanOrEqual(0.98);

    // A stored sentence asked again: its own translation at 100, first.
    const storedSentence = stored.plains[0];
    const again = shownMatches(await lookup(storedSentence, 'ko'), storedSentence);
    expect(again[0]).toBe(100);
  }, 300_000);

  test('a lookup scores at most its fixed number of texts, however common its words', async () => {
    // Every word of this sentence is in thousands of stored texts of a large memory; here,
    // with a cap of 3 texts scored, the bound is what is checked.
    const common = 'The array contains the numbers of the grid, and the answer always exists.';
    const bounded = await lookup(common, 'ko', { maxCandidates: 3 });
    expect(bounded.scored).toBeLessThanOrEqual(3);
    // A frequency cap below every term's frequency reads no postings at all: exact only.
    const capped = await lookup(common, 'ko', { bounds: { maxTermFrequency: 1, maxPostings: 1_000 } });
    expect(capped.scored).toBe(0);
    expect(capped.similar).toEqual([]);
  });
});

describe('what the candidate budget is spent on', () => {
  test('the query’s own stored text does not use up the budget: with room for one candidate, the best similar text is found', async () => {
    // The segment being translated is itself in the memory, and shares every term with the query.
    await db.query(
      `INSERT INTO segments (id, document_id, position, block_index, block_kind, source, source_runs, plain_text, align_key, words, translatable, first_revision)
       SELECT id, 'q', 500 + n, 0, 'paragraph', x, jsonb_build_array(jsonb_build_object('type', 'text', 'text', x)), x, lower(x), 9, true, 1
         FROM (VALUES ('flamingo-own', 'Flamingos stand on one leg near the salty lagoon.', 1),
                      ('flamingo-near', 'Flamingos stand on one leg near the muddy lagoon.', 2)) AS v(id, x, n)`,
    );
    await db.query(`INSERT INTO translations (segment_id, lang, text, state, version, based_on_revision) VALUES ('flamingo-near', 'ko', '[ko] flamingos', 'translated', 2, 1)`);
    await indexPendingMemory(db);
    const found = await lookup('Flamingos stand on one leg near the salty lagoon.', 'ko', { maxCandidates: 1 });
    expect(found.similar.map((r) => r.text)).toEqual(['[ko] flamingos']);
    expect(found.scored).toBe(1);
  });

  test('a lookup reads at most its postings budget, and the identical text’s translation still comes first', async () => {
    const r = await db.query<{ plain: string; text: string }>(
      `SELECT s.plain_text AS plain, t.text FROM segments s JOIN translations t ON t.segment_id = s.id AND t.lang = 'ko'
        WHERE s.document_id = 'tm-0' AND s.position = 7`,
    );
    const { plain, text } = r.rows[0];
    const unbounded = await lookup(plain, 'ko');
    expect(unbounded.postings).toBeGreaterThan(40);
    const bounded = await lookup(plain, 'ko', { bounds: { maxTermFrequency: 4_000, maxPostings: 40 } });
    expect(bounded.postings).toBeGreaterThan(0);
    expect(bounded.postings).toBeLessThanOrEqual(40);
    expect(bounded.exact.map((x) => x.text)).toContain(text);
    expect(shownMatches(bounded, plain)[0]).toBe(100);
  });
});

describe('the one indexer every writer calls', () => {
  const insertSegment = async (id: string, plain: string) => {
    await db.query(
      `INSERT INTO segments (id, document_id, position, block_index, block_kind, source, source_runs, plain_text, align_key,
                             words, translatable, first_revision)
       VALUES ($1, 'q', (SELECT count(*) FROM segments WHERE document_id = 'q'), 0, 'paragraph', $2,
               jsonb_build_array(jsonb_build_object('type', 'text', 'text', $2::text)), $2, lower($2), 5, true, 1)`,
      [id, plain],
    );
  };

  test('texts written directly are pending until indexed; term frequencies count the texts that have each term', async () => {
    await insertSegment('direct-1', 'Zebras graze quietly beside the old lighthouse keeper.');
    await insertSegment('direct-2', 'Zebras graze loudly beside the old lighthouse keeper.');
    expect((await pendingCounts(db)).sources).toBe(2);
    await db.query(`INSERT INTO translations (segment_id, lang, text, state, version, based_on_revision) VALUES ('direct-1', 'ko', '[ko] zebras', 'translated', 2, 1)`);
    // Not indexed yet: the similar text is not found (its identical one would be, by its hash).
    expect((await lookup('Zebras graze happily beside the old lighthouse keeper.', 'ko')).similar).toEqual([]);
    expect(await indexPendingMemory(db)).toEqual({ sources: 2, stale: 0 });
    expect(await pendingCounts(db)).toEqual({ sources: 0, stale: 0 });
    const found = await lookup('Zebras graze happily beside the old lighthouse keeper.', 'ko');
    expect(found.similar.map((r) => r.text)).toEqual(['[ko] zebras']);
    // Every term's count is the number of texts indexed under it.
    const drift = await db.query(
      `SELECT f.term FROM memory_term_frequencies f
        WHERE f.texts <> (SELECT count(*) FROM memory_terms t WHERE t.term = f.term) LIMIT 1`,
    );
    expect(drift.rows).toEqual([]);
    // Nothing left: a second call does nothing.
    expect(await indexPendingMemory(db)).toEqual({ sources: 0, stale: 0 });
    // Each text's match tokens are stored with it (026), as the lookup would cut them.
    const tokens = await db.query<{ plain: string; tokens: string }>(`SELECT plain_text AS plain, match_tokens AS tokens FROM memory_sources WHERE plain_text LIKE 'Zebras graze%'`);
    expect(tokens.rows.map((r) => JSON.parse(r.tokens))).toEqual(tokens.rows.map((r) => matchTokens(r.plain, 'en')));
  });

  test('indexing texts again (migration 026 re-indexes every text) adds no postings and keeps every term count exact', async () => {
    const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM memory_terms')).rows[0].n;
    const before = await count();
    const frequencies = async () => (await db.query<{ f: string }>(`SELECT md5(string_agg(term || ':' || texts, ',' ORDER BY term)) AS f FROM memory_term_frequencies`)).rows[0].f;
    const counted = await frequencies();
    await db.query(`UPDATE memory_sources SET indexed = false, match_tokens = NULL WHERE id IN (SELECT id FROM memory_sources ORDER BY id LIMIT 300)`);
    expect(await indexPendingMemory(db)).toEqual({ sources: 300, stale: 0 });
    expect(await count()).toBe(before);
    expect(await frequencies()).toBe(counted);
    expect((await db.query(`SELECT id FROM memory_sources WHERE match_tokens IS NULL`)).rows).toEqual([]);
  });

  test('a stale translation is linked to its previous source’s text; a new previous source unlinks it until indexed again', async () => {
    await insertSegment('stale-1', 'Penguins queue politely for the ferry.');
    await db.query(
      `INSERT INTO translations (segment_id, lang, text, state, version, based_on_revision, previous_source)
       VALUES ('stale-1', 'ko', '[ko] giraffes', 'stale', 3, 1, 'Giraffes <1>queue</1> politely for the morning ferry.')`,
    );
    expect((await pendingCounts(db)).stale).toBe(1);
    expect(await indexPendingMemory(db)).toEqual({ sources: 2, stale: 1 });
    const linked = async () =>
      (
        await db.query<{ plain: string | null }>(
          `SELECT m.plain_text AS plain FROM translations t LEFT JOIN memory_sources m ON m.id = t.previous_memory_source_id
            WHERE t.segment_id = 'stale-1' AND t.lang = 'ko'`,
        )
      ).rows[0].plain;
    expect(await linked()).toBe('Giraffes queue politely for the morning ferry.');
    // Found under the text it translates, with that source, not under its segment's.
    const found = await lookup('Giraffes queue politely for the evening ferry.', 'ko');
    expect(found.similar.map((r) => [r.text, r.source, r.state])).toEqual([
      ['[ko] giraffes', 'Giraffes <1>queue</1> politely for the morning ferry.', 'stale'],
    ]);
    await db.query(`UPDATE translations SET previous_source = 'Lions queue for the ferry.' WHERE segment_id = 'stale-1' AND lang = 'ko'`);
    expect(await linked()).toBeNull();
    await indexPendingMemory(db);
    expect(await linked()).toBe('Lions queue for the ferry.');
    // A save clears the previous source, and with it the link.
    await db.query(`UPDATE translations SET previous_source = NULL, state = 'translated' WHERE segment_id = 'stale-1' AND lang = 'ko'`);
    expect(await linked()).toBeNull();
    expect((await pendingCounts(db)).stale).toBe(0);
  });
});

describe('the background indexer: writers do not wait for it, lookups find new texts exactly at once', () => {
  const translate = (doc: string, text: string) =>
    db.query(`UPDATE translations SET text = $2, state = 'translated', version = 2 WHERE segment_id IN (SELECT id FROM segments WHERE document_id = $1) AND lang = 'ko'`, [doc, text]);

  test('a new document answers before its text is indexed; its translation is an exact match at once and a similar one after the pass', async () => {
    const indexer = memoryIndexer(db);
    indexer.delayMs = 3_600_000; // a pass only when the test asks for it (idle())
    try {
      await createDocument(db, null, { id: 'lag', title: 'Lag', sourceLang: 'en', targetLangs: ['ko'], markdown: 'Walruses sunbathe on the northern pier every spring.' });
      // The create has answered and its text is not indexed: indexing was not part of it.
      expect((await pendingCounts(db)).sources).toBe(1);
      await translate('lag', '[ko] walruses');
      // Identical text: found by its hash, which the create's own transaction wrote.
      const exact = await lookup('Walruses sunbathe on the northern pier every spring.', 'ko');
      expect(exact.exact.map((r) => r.text)).toEqual(['[ko] walruses']);
      // A similar text: only once indexed (the fuzzy lag).
      expect((await lookup('Walruses sunbathe on the southern pier every spring.', 'ko')).similar).toEqual([]);
      await indexer.idle();
      expect(await pendingCounts(db)).toEqual({ sources: 0, stale: 0 });
      expect((await lookup('Walruses sunbathe on the southern pier every spring.', 'ko')).similar.map((r) => r.text)).toEqual(['[ko] walruses']);
    } finally {
      indexer.delayMs = INDEX_DELAY_MS;
    }
  });

  test(`with its default delay (${INDEX_DELAY_MS} ms) the indexer runs by itself after a write`, async () => {
    await createDocument(db, null, { id: 'lag-2', title: 'Lag', sourceLang: 'en', targetLangs: ['ko'], markdown: 'Otters juggle pebbles near the western dam.' });
    await translate('lag-2', '[ko] otters');
    // Waits for the pass without asking for it (a generous bound: the machine may be busy).
    for (let waited = 0; (await pendingCounts(db)).sources > 0; waited += 20) {
      if (waited > 20_000) throw new Error('the indexer did not run');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await lookup('Otters juggle pebbles near the eastern dam.', 'ko')).similar.map((r) => r.text)).toEqual(['[ko] otters']);
  });

  test('two indexers on one database (two server processes) index every text once, term counts exact', async () => {
    const other = db.url ? await openDb({ url: db.url }) : db; // PGlite: one process, one connection
    try {
      await db.query(
        `INSERT INTO segments (id, document_id, position, block_index, block_kind, source, source_runs, plain_text, align_key, words, translatable, first_revision)
         SELECT 'two-' || g, 'q', 1000 + g, 0, 'paragraph', x, jsonb_build_array(jsonb_build_object('type', 'text', 'text', x)), x, lower(x), 6, true, 1
           FROM generate_series(1, 2500) g, LATERAL (SELECT 'Beavers number ' || g || ' build dams in the quiet river.' AS x) t`,
      );
      const [a, b] = await Promise.all([indexPendingMemory(db), indexPendingMemory(other)]);
      expect(a.sources + b.sources).toBe(2500);
      expect((await pendingCounts(db)).sources).toBe(0);
      const drift = await db.query(
        `SELECT f.term FROM memory_term_frequencies f WHERE f.texts <> (SELECT count(*) FROM memory_terms t WHERE t.term = f.term) LIMIT 1`,
      );
      expect(drift.rows).toEqual([]);
    } finally {
      if (other !== db) await other.close();
    }
  });
});
