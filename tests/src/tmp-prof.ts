import { openDb } from '@lockstep/server/db';
import { createDocument } from '@lockstep/server/services/documents';
import { addUser, testApp, tokenFor } from './support/app.js';
import { openTestDb, type TestDb } from './support/testDb.js';
import type { AddressInfo } from 'node:net';
const owner = await openTestDb();
const db = await openDb({ url: owner.url!, poolSize: 32 });
const { app } = testApp(db as TestDb);
const server = app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
await addUser(db as TestDb, 'c@b.l', 'coordinator');
const token = await tokenFor(app, 'c@b.l');
await createDocument(db, null, { id: 'bench', title: 'B', sourceLang: 'en', targetLangs: ['ko'], markdown: Array.from({ length: 32 }, (_, i) => `Sentence ${i + 1} here.`).join('\n\n') });
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const segs = ((await (await fetch(`${base}/api/documents/bench/segments?lang=ko`, { headers })).json()) as any).segments.map((s: any) => s.id);
async function load(name: string, n: number, f: (w: number) => Promise<void>) {
  let left = n; const t0 = performance.now();
  await Promise.all(segs.map(async (_: string, w: number) => { while (left-- > 0) await f(w); }));
  const s = (performance.now() - t0) / 1000; console.log(name, Math.round(n / s), '/s');
}
await load('health', 4000, async () => { await (await fetch(`${base}/api/health`)).json(); });
await load('users/me (auth)', 4000, async () => { await (await fetch(`${base}/api/users/me`, { headers })).json(); });
const versions = segs.map(() => 1); let c = 0;
await load('saves', 3000, async (w) => { const r = await fetch(`${base}/api/documents/bench/segments/${segs[w]}/translations/ko`, { method: 'PUT', headers, body: JSON.stringify({ text: `텍스트 ${c++}.`, version: versions[w] }) }); const b: any = await r.json(); if (r.status !== 200) throw new Error(JSON.stringify(b)); versions[w] = b.translation.version; });
// raw SQL: the same statements without HTTP
let v2 = 0;
await load('raw tx (select+cte)', 3000, async (w) => {
  await db.transaction(async (tx) => {
    const r = await tx.query<any>('SELECT version FROM translations WHERE segment_id=$1 AND lang=$2', [segs[w], 'ko']);
    await tx.query(`WITH u AS (UPDATE translations SET text=$3, version=version+1, updated_at=now() WHERE segment_id=$1 AND lang=$2 AND version=$4 RETURNING *) INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision) SELECT segment_id, lang, 'edit', text, state, version, 1 FROM u`, [segs[w], 'ko', `raw ${v2++}`, r.rows[0].version]);
  });
});
await db.query('ALTER TABLE translations DISABLE TRIGGER translations_progress_update');
await load('raw tx, no trigger', 3000, async (w) => {
  await db.transaction(async (tx) => {
    const r = await tx.query<any>('SELECT version FROM translations WHERE segment_id=$1 AND lang=$2', [segs[w], 'ko']);
    await tx.query(`WITH u AS (UPDATE translations SET text=$3, version=version+1, updated_at=now() WHERE segment_id=$1 AND lang=$2 AND version=$4 RETURNING *) INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision) SELECT segment_id, lang, 'edit', text, state, version, 1 FROM u`, [segs[w], 'ko', `raw ${v2++}`, r.rows[0].version]);
  });
});
server.close(); await db.close(); await owner.close();
