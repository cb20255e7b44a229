import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { memoryIndexer } from '@lockstep/server/services/memoryIndexer';
import type { TmxImportReport } from '@lockstep/shared/api';
import type { Express } from 'express';
import request from 'supertest';
import { loadStoredMemory } from '../bench/memory.js';
import { addUser, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

// Issue 19 item 5: the memory as TMX 1.4b, out and in.

interface Side {
  db: TestDb;
  app: Express;
  coord: string;
  ko: string;
}
let a: Side;
let b: Side;
/** A small memory for the refusals: "changes nothing" needs rows to hash, not 10,000 of them. */
let c: Side;
const dir = mkdtempSync(path.join(tmpdir(), 'lockstep-tmx-'));
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

async function side(): Promise<Side> {
  const db = await openTestDb();
  const { app } = testApp(db);
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  return { db, app, coord: await tokenFor(app, 'coord@example.org'), ko: await tokenFor(app, 'ko@example.org') };
}

const exportTmx = async (s: Side, query = '') => {
  const res = await request(s.app).get(`/api/memory/tmx${query}`).set(auth(s.ko)).buffer(true).parse((r, done) => {
    let body = '';
    r.setEncoding('utf8');
    r.on('data', (c: string) => (body += c));
    r.on('end', () => done(null, body));
  });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/x-tmx\+xml/);
  return res.body as string;
};
const importTmx = (s: Side, xml: string | Buffer, name = 'vendor.tmx') =>
  request(s.app).post(`/api/memory/tmx?name=${encodeURIComponent(name)}`).set(auth(s.coord)).set('Content-Type', 'application/x-tmx+xml').send(Buffer.from(xml));

/** The (source, target, language) pairs of a TMX file, by a plain reading of its units. */
function pairsOf(xml: string): string[] {
  const out: string[] = [];
  for (const tu of xml.matchAll(/<tu [^>]*>(.*?)<\/tu>/gs)) {
    const tuvs = [...tu[1].matchAll(/<tuv xml:lang="([^"]+)"><seg>(.*?)<\/seg><\/tuv>/gs)].map((m) => [m[1], m[2]]);
    out.push(`${tuvs[0][1]} → ${tuvs[1][0]}: ${tuvs[1][1]}`);
  }
  return out.sort();
}

beforeAll(async () => {
  a = await side();
  b = await side();
  c = await side();
  await loadStoredMemory(c.db, 25);
  await loadStoredMemory(a.db, 2_500); // 10,000 translations: 2,500 English sentences × es fr ru ko
}, 300_000);
afterAll(async () => {
  await a?.db.close();
  await b?.db.close();
  await c?.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TMX export and import', () => {
  let exported = '';

  test('10,000 units round trip: exported, imported elsewhere, exported again, the same pairs', async () => {
    exported = await exportTmx(a);
    expect(exported.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">')).toBe(true);
    const units = pairsOf(exported);
    expect(units).toHaveLength(10_000);
    const res = await importTmx(b, exported, 'from-a.tmx');
    expect(res.status).toBe(200);
    const report = res.body as TmxImportReport;
    // Identical sentences (the corpus repeats a few) are one pair: duplicates, not losses.
    expect(report.units).toBe(10_000);
    expect(report.imported).toBe(new Set(units).size);
    expect(report.imported + report.duplicates).toBe(10_000);
    expect(report.skipped).toBe(0);
    expect(report.report).toHaveLength(10_000);
    const again = await exportTmx(b);
    expect([...new Set(pairsOf(again))]).toEqual([...new Set(units)]);
    // One pair only.
    const ko = pairsOf(await exportTmx(a, '?source=en&target=ko'));
    expect(ko).toHaveLength(2_500);
    expect(ko.every((p) => p.includes(' → ko: '))).toBe(true);
  }, 300_000);

  test('importing the same file again adds nothing: every unit a duplicate, the tables unchanged', async () => {
    const before = await hashAllTables(b.db);
    const res = await importTmx(b, exported, 'from-a.tmx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ units: 10_000, imported: 0, duplicates: 10_000, skipped: 0 });
    expect(await hashAllTables(b.db)).toBe(before);
  }, 120_000);

  test('imported units are suggested, labelled with their file', async () => {
    const created = await request(b.app)
      .post('/api/documents')
      .set(auth(b.coord))
      .send({ id: 'new', title: 'New', sourceLang: 'en', targetLangs: ['ko'], markdown: 'The reading room closes at seven.' });
    expect(created.status).toBe(201);
    const ok = await importTmx(
      b,
      `<?xml version="1.0"?><tmx version="1.4"><header srclang="en-US" adminlang="en" segtype="sentence" datatype="plaintext" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
         <tu><tuv xml:lang="en-US"><seg>The reading room closes at six.</seg></tuv><tuv xml:lang="ko-KR"><seg>열람실은 <bpt i="1">&lt;b&gt;</bpt>6시<ept i="1">&lt;/b&gt;</ept>에 닫습니다.</seg></tuv></tu>
         <tu><tuv xml:lang="en"><seg>Only English here.</seg></tuv></tu>
         <tu><tuv xml:lang="en"><seg>Unknown target.</seg></tuv><tuv xml:lang="ja"><seg>未知</seg></tuv></tu>
       </body></tmx>`,
      'vendor.tmx',
    );
    expect(ok.status).toBe(200);
    expect(ok.body.report).toEqual([
      { unit: 1, outcome: 'imported', pairs: 1 },
      { unit: 2, outcome: 'skipped', reason: expect.stringContaining('No translation') },
      { unit: 3, outcome: 'skipped', reason: expect.stringContaining('No translation') },
    ]);
    const segs = await request(b.app).get('/api/documents/new/segments?lang=ko').set(auth(b.coord));
    await memoryIndexer(b.db).idle(); // a similar text: found once the background indexer has run
    const memory = await request(b.app).get(`/api/documents/new/segments/${segs.body.segments[0].id}/memory/ko`).set(auth(b.ko));
    expect(memory.status).toBe(200);
    expect(memory.body.suggestions[0]).toMatchObject({
      text: '열람실은 6시에 닫습니다.',
      origin: 'imported',
      importedFrom: 'vendor.tmx',
      source: 'The reading room closes at six.',
      documentId: '',
      segmentId: '',
    });
    expect(memory.body.suggestions[0].match).toBeGreaterThanOrEqual(80);
  });

  const hostile: [string, string, number][] = [
    ['an internal DTD subset', '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x "boom">]><tmx version="1.4"><header srclang="en"/><body/></tmx>', 400],
    ['billion laughs', '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>', 400],
    ['an external entity', '<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd" [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><tmx version="1.4"><header srclang="en"/><body/></tmx>', 400],
    ['an undeclared entity', '<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a&nbsp;b</seg></tuv><tuv xml:lang="ko"><seg>x</seg></tuv></tu></body></tmx>', 400],
    ['a truncated file', '<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a', 400],
    ['another root', '<?xml version="1.0"?><xliff version="2.0"/>', 422],
    ['bytes that are not UTF-8', '\u00ff\u00fe<', 400],
  ];
  test.each(hostile)('refuses %s, saying why, and changes nothing', async (_what, xml, status) => {
    const before = await hashAllTables(c.db);
    const res = await importTmx(c, xml === '\u00ff\u00fe<' ? Buffer.from([0xc3, 0x28, 0x3c]) : xml);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(await hashAllTables(c.db)).toBe(before);
  });

  test('a DOCTYPE that only names the DTD (translate-toolkit writes one) is accepted, never fetched', async () => {
    const res = await importTmx(
      b,
      '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/never-fetched.dtd">\n<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>Fetch nothing.</seg></tuv><tuv xml:lang="ko"><seg>아무것도 가져오지 않음.</seg></tuv></tu></body></tmx>',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 1 });
  });

  test('translators may export but not import', async () => {
    const res = await request(b.app).post('/api/memory/tmx').set(auth(b.ko)).set('Content-Type', 'application/xml').send('<tmx/>');
    expect(res.status).toBe(403);
  });
});

// Checks with outside tools, when this machine has them (CI installs them; see README).
const omegatJar = [process.env.LOCKSTEP_OMEGAT_JAR, '/usr/share/omegat/OmegaT.jar'].find((p): p is string => !!p && existsSync(p));
const toolkitPath = process.env.LOCKSTEP_TRANSLATE_TOOLKIT_PATH ?? '';
const toolkit = spawnSync('python3', ['-c', 'import translate.storage.tmx'], { env: { ...process.env, PYTHONPATH: toolkitPath } }).status === 0;

describe('TMX against other tools', () => {
  const sample = () => exportTmx(a, '?source=en&target=ru');

  test('the export is valid against the TMX 1.4b DTD (xmllint --dtdvalid, tmx14.dtd from Debian’s omegat)', async () => {
    if (!omegatJar) {
      console.warn('skipped: no OmegaT.jar (install Debian’s omegat, or set LOCKSTEP_OMEGAT_JAR) to take tmx14.dtd from');
      return;
    }
    const dtd = path.join(dir, 'tmx14.dtd');
    writeFileSync(dtd, execFileSync('unzip', ['-p', omegatJar, 'schemas/tmx14.dtd']));
    const file = path.join(dir, 'export.tmx');
    writeFileSync(file, await sample());
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--dtdvalid', dtd, file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);

  test('translate-toolkit reads the export, and its po2tmx output imports cleanly', async () => {
    if (!toolkit) {
      console.warn('skipped: no translate-toolkit for python3 (Debian’s translate-toolkit, or LOCKSTEP_TRANSLATE_TOOLKIT_PATH=<dist-packages>)');
      return;
    }
    const env = { ...process.env, PYTHONPATH: toolkitPath };
    const file = path.join(dir, 'read.tmx');
    const xml = await sample();
    writeFileSync(file, xml);
    const read = execFileSync('python3', ['-c', 'import sys\nfrom translate.storage import tmx\nf = tmx.tmxfile(open(sys.argv[1], "rb"))\nprint(len([u for u in f.units if u.target]))', file], { env, encoding: 'utf8' });
    expect(Number(read.trim())).toBe(pairsOf(xml).length);

    const po = path.join(dir, 'in.po');
    writeFileSync(po, 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Tom & Jerry <b>"\nmsgstr "톰 & 제리 <b>"\n\nmsgid "The gate opens at noon."\nmsgstr "문은 정오에 열립니다."\n');
    const out = path.join(dir, 'po2tmx.tmx');
    const po2tmx = [toolkitPath && path.join(toolkitPath, '../../../bin/po2tmx'), '/usr/bin/po2tmx'].find((p) => p && existsSync(p));
    if (!po2tmx) throw new Error('translate-toolkit is importable but po2tmx is not found');
    execFileSync('python3', [po2tmx, '-l', 'ko', '-i', po, '-o', out], { env });
    const res = await importTmx(b, readFileSync(out), 'po2tmx.tmx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ units: 2, imported: 2, skipped: 0 });
  }, 60_000);
});
