import { indexTermHashes, matchTokens, plainOfCoded } from '@lockstep/shared';
import type { Db } from '../db/db.js';
import { claimPendingSources, claimUnlinkedStale, linkStale, storePostings } from '../repos/memoryIndex.js';

/** Texts (or stale translations) per indexing transaction: short transactions, few round trips. */
const BATCH = 1_000;

export interface IndexedCounts {
  sources: number;
  stale: number;
}

/**
 * Brings the memory's candidate index up to date (migration 017): links every stale
 * translation to the memory source of the source it translates, then indexes every source
 * text not indexed yet (its postings, term counts and match tokens). THE function that
 * indexes: the background indexer runs it (memoryIndexer.ts: after every writer's commit, and
 * at server start for what a crash or an upgrade left), and loaders writing rows directly call
 * it. Batches of short transactions, each claiming its rows with SKIP LOCKED, so concurrent
 * callers share the work instead of waiting; returns what this caller did.
 */
export async function indexPendingMemory(db: Db): Promise<IndexedCounts> {
  const done: IndexedCounts = { sources: 0, stale: 0 };
  for (;;) {
    const linked = await db.transaction(async (tx) => {
      const rows = await claimUnlinkedStale(tx, BATCH);
      await linkStale(tx, rows, rows.map((r) => plainOfCoded(r.previousSource)));
      return rows.length;
    });
    done.stale += linked;
    if (linked < BATCH) break;
  }
  for (;;) {
    const indexed = await db.transaction(async (tx) => {
      const pending = await claimPendingSources(tx, BATCH);
      const terms: number[] = [];
      const owners: string[] = [];
      for (const p of pending) {
        for (const term of indexTermHashes(p.plain, p.lang)) {
          terms.push(term);
          owners.push(p.id);
        }
      }
      const tokens = pending.map((p) => JSON.stringify(matchTokens(p.plain, p.lang)));
      if (pending.length > 0) await storePostings(tx, { ids: pending.map((p) => p.id), tokens }, terms, owners);
      return pending.length;
    });
    done.sources += indexed;
    if (indexed < BATCH) break;
  }
  return done;
}
