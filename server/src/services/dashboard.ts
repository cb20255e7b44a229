import type { Queryable } from '../db/db.js';
import * as progress from '../repos/progress.js';
import { languagesOf } from './progress.js';

/**
 * `GET /api/progress`, kept up to date from what changed: the coordinator's dashboard over
 * 1,000 documents × 8 languages is 8,000 progress rows and 2.3 MB of JSON, while between two
 * looks few of them change. Each process keeps, per database handle (tests run several in one
 * process), every progress row as read, every document's entry as JSON text and the whole
 * answer; each look reads only the rows written since the previous one (repos/progress.ts
 * `dashboardChanges`, by the writing transactions' ids) and builds again only the entries
 * whose rows now read differently. A change made through another process is seen on the
 * next look, as without the cache.
 *
 * Before, each look read a stamp of every document's rows (one text per document, 1,000 to
 * compare) and built every entry whose stamp moved from all its rows: after a change to every
 * document, 8,000 rows read, parsed and serialised again, whether their numbers moved or not.
 */
interface Dashboard {
  /** Where the next look reads from (`DashboardChanges.cursor`); null: read everything. */
  cursor: string | null;
  heads: Map<string, progress.DashboardHead>;
  /** Every progress row read, per document and language, packed as read (rows of documents no longer listed too: they are still in the table, and counted). */
  rows: Map<string, Map<string, string>>;
  rowCount: number;
  order: string[];
  entries: Map<string, string>;
  body: string;
  /** Looks run one at a time, in arrival order: an older answer never overwrites a newer one. */
  tail: Promise<unknown>;
  /** The look that has not started yet: a request arriving now joins it (it reads after the request arrived). */
  next?: Promise<string>;
}

const dashboards = new WeakMap<Queryable, Dashboard>();

function empty(): Omit<Dashboard, 'tail'> {
  return { cursor: null, heads: new Map(), rows: new Map(), rowCount: 0, order: [], entries: new Map(), body: '{"documents":[]}' };
}

/**
 * One document's entry as JSON. JSON.stringify, not the hand-written serializer of the previous
 * design (kept in tests/src/bench/progressStamps.ts): building 1,000 entries with every number
 * moved took the same CPU either way, 41.3 against 41.7 and 32.0 against 35.0 ms in two runs,
 * each taking turns with the other after the same changes.
 */
function entryJson(head: progress.DashboardHead, packed: Iterable<string>): string {
  const rows = [...packed].map((row) => progress.unpackRow(head.id, row));
  return JSON.stringify({ id: head.id, title: head.title, revision: head.revision, languages: languagesOf(head, rows) });
}

/**
 * The row as a text of its own: a piece of a longer text keeps all of it alive, and the
 * rows come split off one text of up to 600 kB (`dashboardChanges`).
 */
const copied = (row: string) => Buffer.from(row).toString();

const sameHead = (a: progress.DashboardHead, b: progress.DashboardHead) =>
  a.title === b.title && a.revision === b.revision && a.targetLangs.length === b.targetLangs.length && a.targetLangs.every((l, i) => l === b.targetLangs[i]);

const TOO_FAR_BEHIND = 1_000_000_000n;

/**
 * Takes the changes in. False when the copy cannot be made whole from them: rows were
 * deleted (the table holds fewer than the copy), which leaves no row version to read, or the
 * last look was too many transactions ago.
 */
function apply(d: Dashboard, c: progress.DashboardChanges): boolean {
  // Transaction ids compare within half their 32-bit circle (`dashboardChanges`).
  if (d.cursor !== null && BigInt(c.cursor) - BigInt(d.cursor) > TOO_FAR_BEHIND) return false;
  const changed = new Set<string>();
  for (const head of c.heads) {
    const old = d.heads.get(head.id);
    if (old && sameHead(old, head)) continue;
    d.heads.set(head.id, head);
    changed.add(head.id);
  }
  // A row rewritten with the same numbers (an edit that moves no counter, a lock) reads the
  // same: its entry stays as it is.
  for (const text of c.rows) {
    const space = text.indexOf(' ');
    const id = text.slice(0, space);
    const row = text.slice(space + 1);
    const lang = row.slice(0, row.indexOf(' '));
    let langs = d.rows.get(id);
    if (!langs) d.rows.set(id, (langs = new Map()));
    if (langs.get(lang) === row) continue;
    if (!langs.has(lang)) d.rowCount++;
    langs.set(lang, copied(row));
    changed.add(id);
  }
  if (d.rowCount !== c.rowCount) return false;
  let reordered = false;
  if (c.order) {
    const listed = new Set(c.order);
    for (const id of d.heads.keys()) {
      if (!listed.has(id)) (d.heads.delete(id), d.entries.delete(id));
    }
    reordered = c.order.length !== d.order.length || c.order.some((id, i) => id !== d.order[i]);
    d.order = c.order;
  }
  if (d.heads.size !== c.documentCount || d.order.length !== c.documentCount) return false;
  for (const id of changed) {
    const head = d.heads.get(id);
    if (head) d.entries.set(id, entryJson(head, d.rows.get(id)?.values() ?? []));
  }
  if (changed.size > 0 || reordered) d.body = `{"documents":[${d.order.map((id) => d.entries.get(id)).join(',')}]}`;
  d.cursor = c.cursor;
  return true;
}

async function look(db: Queryable, d: Dashboard): Promise<string> {
  try {
    if (!apply(d, await progress.dashboardChanges(db, { cursor: d.cursor, documents: d.heads.size }))) {
      Object.assign(d, empty());
      if (!apply(d, await progress.dashboardChanges(db, { cursor: null, documents: 0 }))) throw new Error('dashboard: a whole read does not add up to its own counts');
    }
    return d.body;
  } catch (err) {
    // Half taken in, or not at all: the next look starts from nothing.
    Object.assign(d, empty());
    throw err;
  }
}

/** `GET /api/progress` as JSON text: `{documents: [{id, title, revision, languages}]}`, oldest document first. */
export function dashboardJson(db: Queryable): Promise<string> {
  let d = dashboards.get(db);
  if (!d) dashboards.set(db, (d = { ...empty(), tail: Promise.resolve() }));
  const dashboard = d;
  if (!dashboard.next) {
    const next = dashboard.tail.then(() => {
      dashboard.next = undefined;
      return look(db, dashboard);
    });
    dashboard.next = next;
    dashboard.tail = next.catch(() => undefined);
  }
  return dashboard.next;
}
