import { plainOfCoded, readTmx, tmxHead, tmxUnit, TMX_TAIL } from '@lockstep/shared';
import type { TmxImportReport, TmxUnitOutcome } from '@lockstep/shared/api';
import type { Db } from '../db/db.js';
import { exportImportedPairs, exportSegmentPairs, insertImportedPairs, type ExportFilter, type ExportRow } from '../repos/memoryTmx.js';
import { memoryWritten } from './memoryIndexer.js';

const PAGE = 2_000;

/**
 * Writes the memory as TMX 1.4b, a page of rows at a time (`write` resolves when the consumer
 * wants more, so a slow reader holds one page in memory, not the memory): every done
 * translation of every segment, then every imported unit, of the language pair asked for
 * (either side may be null: all). Texts without inline codes (TMX's codes are native ones).
 */
export async function exportTmx(db: Db, pair: { sourceLang: string | null; lang: string | null }, write: (chunk: string) => Promise<void>): Promise<number> {
  await write(tmxHead(pair.sourceLang));
  let units = 0;
  for (const read of [exportSegmentPairs, exportImportedPairs]) {
    let after = '';
    for (;;) {
      const filter: ExportFilter = { ...pair, after, limit: PAGE };
      const rows: ExportRow[] = await read(db, filter);
      if (rows.length === 0) break;
      await write(rows.map((r) => tmxUnit({ sourceLang: r.sourceLang, lang: r.lang, source: r.source, target: plainOfCoded(r.text), changed: r.changed.toISOString() })).join(''));
      units += rows.length;
      after = rows[rows.length - 1].key;
      if (rows.length < PAGE) break;
    }
  }
  await write(TMX_TAIL);
  return units;
}

/**
 * Imports a TMX file into the memory (issue 19 item 5): every pair of a source variant and a
 * translation in a language Lockstep knows becomes an imported unit, labelled with `origin`
 * (the file's name) in suggestions, once per (source, target, language). All or nothing: a
 * file the reader refuses (not well-formed, a DOCTYPE with an internal subset, an entity, too
 * large) changes nothing. A unit counts as imported when any of its pairs was new.
 */
export async function importTmx(db: Db, input: { bytes: Uint8Array; origin: string; userId: number | null }): Promise<TmxImportReport> {
  const { units } = readTmx(input.bytes);
  const report = await db.transaction(async (tx) => {
    const pairs = units.flatMap((u) => u.pairs.map((p) => ({ ...p, unit: u.unit })));
    const newPairsOf = new Map<number, number>();
    for (let i = 0; i < pairs.length; i += PAGE) {
      const batch = pairs.slice(i, i + PAGE);
      const fresh = await insertImportedPairs(tx, batch, input.origin, input.userId);
      batch.forEach((p, j) => {
        if (fresh[j]) newPairsOf.set(p.unit, (newPairsOf.get(p.unit) ?? 0) + 1);
      });
    }
    return units.map((u): TmxUnitOutcome => {
      if (u.skipped !== undefined) return { unit: u.unit, outcome: 'skipped', reason: u.skipped };
      const fresh = newPairsOf.get(u.unit) ?? 0;
      return { unit: u.unit, outcome: fresh > 0 ? 'imported' : 'duplicate', pairs: fresh };
    });
  });
  memoryWritten(db);
  const count = (o: TmxUnitOutcome['outcome']) => report.filter((r) => r.outcome === o).length;
  return { units: units.length, imported: count('imported'), duplicates: count('duplicate'), skipped: count('skipped'), report };
}
