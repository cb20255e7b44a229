import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '@lockstep/server/db';

/**
 * The floor under the saves bench: what any Node.js server could do on this machine with the
 * same load generator, pool and PostgreSQL. node:http with no framework, no authentication,
 * no checks, and one single-row UPDATE per request (like pgbench's), answered with the same
 * JSON shape the load generator reads (`translation.version`). The gap between this and the
 * real save is what Lockstep's own request path and write cost; the gap between this and
 * pgbench is Node.js and HTTP.
 */
export async function startFloorServer(db: Db, segmentIds: readonly string[]): Promise<{ base: string; stop: () => Promise<void> }> {
  await db.query('CREATE TABLE bench_floor (id integer PRIMARY KEY, version integer NOT NULL, text text NOT NULL)');
  await db.query(`INSERT INTO bench_floor SELECT g, 1, '' FROM generate_series(0, $1 - 1) g`, [segmentIds.length]);
  const rowOf = new Map(segmentIds.map((id, i) => [id, i]));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString()) as { text: string };
          const segment = /\/segments\/([^/]+)\//.exec(req.url ?? '')?.[1];
          const row = segment === undefined ? undefined : rowOf.get(segment);
          if (row === undefined) {
            res.writeHead(404).end();
            return;
          }
          const r = await db.query<{ version: number }>('UPDATE bench_floor SET text = $1, version = version + 1 WHERE id = $2 RETURNING version', [
            body.text,
            row,
          ]);
          const out = JSON.stringify({ translation: { version: r.rows[0].version } });
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
        } catch (err) {
          res.writeHead(500).end(String(err));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
