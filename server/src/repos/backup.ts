import type { Queryable } from '../db/db.js';

/**
 * SQL of backup and restore. Table and sequence names come from the catalog (never from a
 * user or a backup file unchecked: restore only names tables the target's catalog lists).
 */

/** A catalog name as an SQL identifier. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Every table of the public schema, each after the tables its foreign keys point to. */
export async function tablesInDependencyOrder(q: Queryable): Promise<string[]> {
  const tables = await q.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const edges = await q.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`,
  );
  const parents = new Map<string, string[]>();
  for (const e of edges.rows) parents.set(e.child, [...(parents.get(e.child) ?? []), e.parent]);
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string): void => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const p of parents.get(t) ?? []) visit(p);
    ordered.push(t);
  };
  for (const { t } of tables.rows) visit(t);
  return ordered;
}

/** Columns a restore writes: stored generated columns are computed by the target itself. */
export async function writableColumns(q: Queryable, table: string): Promise<string[]> {
  const r = await q.query<{ name: string }>(
    `SELECT a.attname AS name
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [table],
  );
  return r.rows.map((row) => row.name);
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export async function sequenceStates(q: Queryable): Promise<SequenceState[]> {
  const names = await q.query<{ s: string }>(`SELECT sequencename AS s FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`);
  const states: SequenceState[] = [];
  for (const { s } of names.rows) {
    const r = await q.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${ident(s)}`);
    states.push({ name: s, lastValue: r.rows[0].last_value, isCalled: r.rows[0].is_called });
  }
  return states;
}

export async function setSequence(q: Queryable, s: SequenceState): Promise<void> {
  await q.query('SELECT setval($1::regclass, $2::bigint, $3)', [ident(s.name), s.lastValue, s.isCalled]);
}

/**
 * Opens a cursor over a table's rows as jsonb text (one canonical text per row, which is
 * also what the content hash is taken of). Call inside a transaction; read with `fetchRows`.
 */
export async function openRowCursor(q: Queryable, cursor: string, table: string): Promise<void> {
  await q.query(`DECLARE ${ident(cursor)} NO SCROLL CURSOR FOR SELECT to_jsonb(x)::text AS r FROM ${ident(table)} x`);
}

export async function fetchRows(q: Queryable, cursor: string, count: number): Promise<string[]> {
  const r = await q.query<{ r: string }>(`FETCH ${Math.trunc(count)} FROM ${ident(cursor)}`);
  return r.rows.map((row) => row.r);
}

export async function closeCursor(q: Queryable, cursor: string): Promise<void> {
  await q.query(`CLOSE ${ident(cursor)}`);
}

/**
 * Inserts rows given as jsonb texts of the table's own row type. Identity columns keep the
 * stored values (OVERRIDING SYSTEM VALUE); the sequences behind them are set afterwards.
 */
export async function insertRows(q: Queryable, table: string, columns: string[], rowTexts: string[]): Promise<void> {
  const cols = columns.map(ident).join(', ');
  await q.query(
    `INSERT INTO ${ident(table)} (${cols}) OVERRIDING SYSTEM VALUE
     SELECT ${cols} FROM jsonb_populate_recordset(NULL::${ident(table)}, $1::jsonb)`,
    [`[${rowTexts.join(',')}]`],
  );
}

/**
 * Switches a table's own triggers (progress counters, memory-source links, webhook rows) off
 * or on: restored rows already carry what those triggers would write. Foreign-key checks stay.
 */
export async function setUserTriggers(q: Queryable, table: string, enabled: boolean): Promise<void> {
  await q.query(`ALTER TABLE ${ident(table)} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
}

/** Tables of the public schema that hold rows (the restore target must have none but migrations). */
export async function nonEmptyTables(q: Queryable): Promise<string[]> {
  const tables = await tablesInDependencyOrder(q);
  const full: string[] = [];
  for (const t of tables) {
    if (t === 'schema_migrations') continue;
    const r = await q.query(`SELECT 1 FROM ${ident(t)} LIMIT 1`);
    if (r.rows.length) full.push(t);
  }
  return full;
}

export async function appliedMigrations(q: Queryable): Promise<string[]> {
  const exists = await q.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'schema_migrations'`);
  if (!exists.rows.length) return [];
  const r = await q.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
  return r.rows.map((row) => row.name);
}

export async function clearMigrationRecords(q: Queryable): Promise<void> {
  await q.query('DELETE FROM schema_migrations');
}

/** Starts the snapshot a backup reads: one REPEATABLE READ, read-only transaction. */
export async function beginSnapshot(q: Queryable): Promise<void> {
  await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  // A backup of a large database reads for longer than a request may.
  await q.query('SET LOCAL statement_timeout = 0');
}
