import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { readXliff, writeXliffString, type XliffUnit } from '@lockstep/shared';
import { main } from '@lockstep/server/cli/main';
import { COMMANDS } from '@lockstep/server/cli/main';
import { addUser, PASSWORD, testApp, tokenFor } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let server: Server;
let url: string;
let coordinator: string;
let ko: string;
let admin: string;
let dir: string;

const V1 = 'The first sentence stays. The second sentence stays too.\n\nA third one is here. The fourth one, with [a link](https://example.org), is here.\n\nThe fifth closes the text.\n';

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await addUser(db, 'coord@example.org', 'coordinator');
  await addUser(db, 'ko@example.org', 'translator', ['ko']);
  await addUser(db, 'admin@example.org', 'admin');
  coordinator = await tokenFor(app, 'coord@example.org');
  ko = await tokenFor(app, 'ko@example.org');
  admin = await tokenFor(app, 'admin@example.org');
  const res = await request(app)
    .post('/api/documents')
    .set('Authorization', `Bearer ${coordinator}`)
    .send({ id: 'doc', title: 'The document', sourceLang: 'en', targetLangs: ['ko', 'ru'], markdown: V1 });
  expect(res.status).toBe(201);
  dir = mkdtempSync(path.join(os.tmpdir(), 'lockstep-cli-'));
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface RunOptions {
  token?: string;
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  /** Pretend standard error is a terminal (the progress bar). */
  tty?: boolean;
}

/** `npm run lockstep -- …` in this process, against the test server; what it printed and its exit code. */
async function lockstep(args: string[], opts: RunOptions = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string | Uint8Array) => (stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')) },
    stderr: { write: (s: string | Uint8Array) => (stderr += String(s)), isTTY: opts.tty, columns: 100 },
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]),
    env: { LOCKSTEP_URL: url, ...(opts.token ? { LOCKSTEP_TOKEN: opts.token } : {}), ...opts.env },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

/** What a CAT tool sends back: an exported file with every unit translated. */
function translated(file: string, text: (source: string) => string, lang = 'ko'): string {
  const read = readXliff(readFileSync(file));
  const units: XliffUnit[] = read.files[0].units.map((u) => ({ id: u.id, source: u.sourceRuns, target: text(u.source), state: 'translated' }));
  return writeXliffString({ exportId: read.files[0].exportId, documentId: 'doc', revision: 1, srcLang: 'en', trgLang: lang }, units, '2.0');
}

describe('lockstep login', () => {
  test('prints a token that signs the other commands in (password from LOCKSTEP_PASSWORD or standard input)', async () => {
    const fromEnv = await lockstep(['login', '--email', 'ko@example.org'], { env: { LOCKSTEP_PASSWORD: PASSWORD } });
    expect(fromEnv.code).toBe(0);
    const token = fromEnv.stdout.trim();
    expect(token).toMatch(/^\S{20,}$/);
    expect(fromEnv.stderr).toMatch(/Signed in to .* as ko \(translator\)/);
    expect((await lockstep(['status'], { token })).code).toBe(0);

    const fromStdin = await lockstep(['login', '--email', 'ko@example.org'], { stdin: `${PASSWORD}\n` });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout.trim()).toMatch(/^\S{20,}$/);
  });

  test('a wrong password is the server’s message and code, exit 1, nothing on standard output', async () => {
    const r = await lockstep(['login', '--email', 'ko@example.org'], { env: { LOCKSTEP_PASSWORD: 'wrong password' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^lockstep login: .+ \(wrong_credentials, HTTP 401\)/);
  });
  test('a token that begins with a dash (one in 32 does) is read as the value of --token, not as an option', async () => {
    // Tokens are base64url, whose alphabet holds '-': `--token -Abc…` must sign in, and a
    // value-taking option followed by a known option name is still "missing a value".
    const signIn = await lockstep(['login', '--email', 'ko@example.org'], { env: { LOCKSTEP_PASSWORD: PASSWORD } });
    const token = signIn.stdout.trim();
    // A wrong token that begins with a dash (prefixed, so never the real one, which may begin with one too).
    const dashed = `-${token}`;
    const r = await lockstep(['status', '--token', dashed]);
    expect(r.stderr).not.toMatch(/ambiguous|Usage:/);
    expect(r.stderr).toMatch(/\(unauthenticated|invalid_token|HTTP 401/);
    expect(r.code).toBe(1);
    const missing = await lockstep(['status', '--token', '--doc', 'doc']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--token/);
  });
});

describe('lockstep status', () => {
  test('a document: segments and words per state for each language, complete %', async () => {
    const r = await lockstep(['status', '--doc', 'doc'], { token: ko });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^doc — The document\nrevision 1, source en/);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('lang'))).toMatch(/untranslated\s+translated\s+stale\s+approved\s+locked\s+total\s+complete\s+complete at\s+last activity/);
    const koLine = lines.find((l) => l.startsWith('ko '))!;
    expect(koLine).toMatch(/^ko\s+5 \/ \d+\s+0 \/ 0\s+0 \/ 0\s+0 \/ 0\s+0 \/ 0\s+5 \/ \d+\s+0\.0% \/ 0\.0%\s+—\s+—$/);
    expect(lines.some((l) => l.startsWith('ru '))).toBe(true);
  });

  test('without --doc: every document with its completion per language', async () => {
    const r = await lockstep(['status'], { token: ko });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^document\s+rev\s+title\s+complete\s+per language$/m);
    expect(r.stdout).toMatch(/^doc\s+1\s+The document\s+0\/2\s+ko 0%\s+ru 0%$/m);
  });

  test('locked lines are shown but are not work: untouched is 0% by segments and words, all translatable done is 100%', async () => {
    const created = await request(app)
      .post('/api/documents')
      .set('Authorization', `Bearer ${coordinator}`)
      .send({ id: 'locked-lines', title: 'Locked lines', sourceLang: 'en', targetLangs: ['ko'], markdown: 'One sentence here. Another one here.\n\ninfo@example.org\n' });
    expect(created.status).toBe(201);
    const koLine = async () => (await lockstep(['status', '--doc', 'locked-lines'], { token: ko })).stdout.split('\n').find((l) => l.startsWith('ko '))!;
    // untranslated, translated, stale, approved, locked, total, complete (segments / words).
    expect(await koLine()).toMatch(/^ko\s+2 \/ 6\s+0 \/ 0\s+0 \/ 0\s+0 \/ 0\s+1 \/ 1\s+3 \/ 7\s+0\.0% \/ 0\.0%\s+—\s+—$/);
    expect((await lockstep(['status'], { token: ko })).stdout).toMatch(/^locked-lines\s+1\s+Locked lines\s+0\/1\s+ko 0%$/m);

    const segs = (await request(app).get('/api/documents/locked-lines/segments?lang=ko').set('Authorization', `Bearer ${ko}`)).body.segments;
    for (const s of segs.filter((x: { translatable: boolean }) => x.translatable)) {
      const saved = await request(app)
        .put(`/api/documents/locked-lines/segments/${s.id}/translations/ko`)
        .set('Authorization', `Bearer ${ko}`)
        .send({ text: '번역된 문장.', version: s.translation.version });
      expect(saved.status).toBe(200);
    }
    expect(await koLine()).toMatch(/^ko\s+0 \/ 0\s+2 \/ 6\s+0 \/ 0\s+0 \/ 0\s+1 \/ 1\s+3 \/ 7\s+100\.0% \/ 100\.0%\s+rev 1\s+\d{4}-/);
    expect((await lockstep(['status'], { token: ko })).stdout).toMatch(/^locked-lines\s+1\s+Locked lines\s+1\/1\s+ko 100%$/m);
  });
});

describe('lockstep export', () => {
  test('one language into a directory, a file or standard output; every language as one file each or a zip', async () => {
    const one = await lockstep(['export', '--doc', 'doc', '--lang', 'ko'], { token: ko });
    expect(one.code).toBe(0);
    const file = path.join(dir, 'doc.ko.xlf');
    expect(one.stdout).toBe(`wrote ${file} (${(readFileSync(file).length / 1024).toFixed(1)} KB)\n`);
    const read = readXliff(readFileSync(file));
    expect(read.trgLang).toBe('ko');
    expect(read.stats.units).toBe(5);

    const v12 = await lockstep(['export', '--doc', 'doc', '--lang', 'ru', '--version', '1.2', '--out', 'ru12.xlf'], { token: ko });
    expect(v12.code).toBe(0);
    expect(readXliff(readFileSync(path.join(dir, 'ru12.xlf'))).version).toBe('1.2');

    const toStdout = await lockstep(['export', '--doc', 'doc', '--lang', 'ko', '--scope', 'todo', '--out', '-'], { token: ko });
    expect(readXliff(toStdout.stdout).stats.units).toBe(5);

    const all = await lockstep(['export', '--doc', 'doc', '--all', '--out', 'all'], { token: ko });
    expect(all.code).toBe(0);
    expect(readdirSync(path.join(dir, 'all')).sort()).toEqual(['doc.ko.xlf', 'doc.ru.xlf']);
    expect(readXliff(readFileSync(path.join(dir, 'all', 'doc.ru.xlf'))).trgLang).toBe('ru');

    const zip = await lockstep(['export', '--doc', 'doc', '--all', '--out', 'doc.zip'], { token: ko });
    expect(zip.code).toBe(0);
    expect(readFileSync(path.join(dir, 'doc.zip')).subarray(0, 2).toString()).toBe('PK');
  });

  test('wrong usage is exit 2 with the usage; an unknown language is the server’s 404', async () => {
    const both = await lockstep(['export', '--doc', 'doc', '--lang', 'ko', '--all'], { token: ko });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/name one language with --lang, or --all[\s\S]*Usage: npm run lockstep -- export/);
    const version = await lockstep(['export', '--doc', 'doc', '--lang', 'ko', '--version', '3'], { token: ko });
    expect(version.code).toBe(2);
    expect(version.stderr).toMatch(/--version must be 2\.0 or 1\.2, not "3"/);
    const unknown = await lockstep(['export', '--doc', 'doc', '--lang', 'fr'], { token: ko });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/has no target language "fr"\. \(language_not_found, HTTP 404\)/);
  });
});

describe('lockstep import', () => {
  test('a dry run shows every unit’s outcome and writes nothing; --apply applies', async () => {
    expect((await lockstep(['export', '--doc', 'doc', '--lang', 'ko', '--out', 'fresh.ko.xlf'], { token: ko })).code).toBe(0);
    const file = path.join(dir, 'fresh.ko.xlf');
    const units = readXliff(readFileSync(file)).files[0].units;
    writeFileSync(file, translated(file, (s) => `번역: ${s}`));

    const before = await hashAllTables(db);
    const dry = await lockstep(['import', '--doc', 'doc', 'fresh.ko.xlf'], { token: ko });
    expect(dry.code).toBe(0);
    expect(await hashAllTables(db)).toBe(before);
    expect(dry.stdout).toContain(`fresh.ko.xlf → ko\n  would apply (5):\n    ${units.map((u) => u.id).join(' ')}\n`);
    expect(dry.stdout).toMatch(/1 file: 5 unit\(s\) would be applied, 0 unchanged, 0 conflict\(s\), 0 unknown, 0 rejected\nDry run: nothing was written/);
    expect(dry.stderr).toBe('[1/1] checking fresh.ko.xlf\n');

    const applied = await lockstep(['import', '--doc', 'doc', '--apply', file], { token: ko });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('  applied (5):');
    expect(applied.stdout).not.toContain('Dry run');
    const segs = (await request(app).get('/api/documents/doc/segments?lang=ko').set('Authorization', `Bearer ${ko}`)).body.segments;
    expect(segs.map((s: { translation: { state: string; text: string } }) => s.translation.state)).toEqual(Array(5).fill('translated'));

    const again = await lockstep(['import', '--doc', 'doc', file], { token: ko });
    expect(again.stdout).toContain('  unchanged: 5\n');
  });

  test('--units lists each unit with its editor number, stable id, word diff and reason, filtered and paged', async () => {
    expect((await lockstep(['export', '--doc', 'doc', '--lang', 'ko', '--out', 'units.ko.xlf'], { token: ko })).code).toBe(0);
    const file = path.join(dir, 'units.ko.xlf');
    const units = readXliff(readFileSync(file)).files[0].units;
    const segs: { id: string; index: number; translation: { text: string } }[] = (await request(app).get('/api/documents/doc/segments?lang=ko').set('Authorization', `Bearer ${ko}`)).body.segments;
    const target = segs[1];
    // The CAT tool changes one unit and leaves the rest as exported.
    writeFileSync(file, translated(file, (s) => (s === units[1].source ? `${target.translation.text} 고침` : segs.find((g) => g.id === units.find((u) => u.source === s)!.id)!.translation.text)));
    const r = await lockstep(['import', '--doc', 'doc', '--units', 'applied', 'units.ko.xlf'], { token: ko });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`units:\\n\\s+#\\s+id\\s+outcome\\s+change\\s+reason\\n\\s+${target.index + 1}\\s+${target.id}\\s+applied\\s+.*\\{\\+ ?고침\\+\\}`));
    expect(r.stdout).not.toMatch(/\bunchanged {2,}/);

    const paged = await lockstep(['import', '--doc', 'doc', '--units', 'all', '--page-size', '2', '--page', '3', 'units.ko.xlf'], { token: ko });
    expect(paged.stdout).toContain('page 3 of 3 (5 units; --page N for another)');
    expect(paged.stdout).toContain(` ${segs[4].id} `);
    expect(paged.stdout).not.toContain(` ${segs[0].id} `);

    const bad = await lockstep(['import', '--doc', 'doc', '--units', 'fine', 'units.ko.xlf'], { token: ko });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--units takes "all" or a comma list of applied, unchanged, conflict, rejected, unknown; not "fine"/);
  });

  test('a directory: each file reported, a refused file named with the server’s reason, exit 1; a bar on a terminal', async () => {
    const folder = path.join(dir, 'incoming');
    expect((await lockstep(['export', '--doc', 'doc', '--all', '--out', folder], { token: coordinator })).code).toBe(0);
    const ru = path.join(folder, 'doc.ru.xlf');
    // An invented inline code in one unit is rejected with its reason, the rest still counts.
    const units = readXliff(readFileSync(ru)).files[0].units;
    const withCode = units.find((u) => u.source.includes('<1>'))!;
    writeFileSync(ru, translated(ru, (s) => (s === withCode.source ? 'Перевод <9/>.' : `Перевод: ${s}`), 'ru'));
    writeFileSync(path.join(folder, 'broken.xlf'), '<xliff version="2.0" trgLang="ko"><file>');
    writeFileSync(path.join(folder, 'notes.txt'), 'not an XLIFF file, skipped');

    const r = await lockstep(['import', '--doc', 'doc', 'incoming'], { token: coordinator, tty: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^incoming\/broken\.xlf\n {2}refused: .+\(\w+, HTTP 4\d\d\)/m);
    expect(r.stdout).toContain('incoming/doc.ru.xlf → ru\n  would apply (4):');
    expect(r.stdout).toMatch(new RegExp(`rejected \\(1\\):\\n {4}${withCode.id}: .*`));
    expect(r.stdout).toMatch(/3 files: .*; 1 file\(s\) refused/);
    expect(r.stderr).toContain('\r\x1b[2K');
    expect(r.stderr).toMatch(/\[#*-+\] 2\/3 incoming\/doc\.ko\.xlf/);
  });

  test('a zip goes to the server whole: each entry read for its language, applied all or none', async () => {
    expect((await lockstep(['export', '--doc', 'doc', '--all', '--out', 'zipped'], { token: coordinator })).code).toBe(0);
    const koFile = path.join(dir, 'zipped', 'doc.ko.xlf');
    const ruFile = path.join(dir, 'zipped', 'doc.ru.xlf');
    const good = zipSync({ 'doc.ko.xlf': Buffer.from(translated(koFile, (s) => `압축: ${s}`)), 'doc.ru.xlf': Buffer.from(translated(ruFile, (s) => `Архив: ${s}`, 'ru')) });
    writeFileSync(path.join(dir, 'both.zip'), good);
    const before = await hashAllTables(db);
    const dry = await lockstep(['import', '--doc', 'doc', 'both.zip'], { token: coordinator });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/both\.zip: doc\.ko\.xlf → ko\n {2}would apply \(5\):/);
    expect(dry.stdout).toMatch(/both\.zip: doc\.ru\.xlf → ru\n {2}would apply \(5\):/);
    expect(dry.stdout).toMatch(/2 files: 10 unit\(s\) would be applied/);
    expect(await hashAllTables(db)).toBe(before);

    // One entry the server refuses: with --apply nothing at all is imported.
    writeFileSync(path.join(dir, 'bad.zip'), zipSync({ 'doc.ru.xlf': Buffer.from(translated(ruFile, (s) => `Архив: ${s}`, 'ru')), 'broken.xlf': Buffer.from('<xliff') }));
    const refused = await lockstep(['import', '--doc', 'doc', '--apply', 'bad.zip'], { token: coordinator });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('bad.zip: doc.ru.xlf\n  refused: not applied: another file in the zip was refused');
    expect(refused.stdout).toMatch(/bad\.zip: broken\.xlf\n {2}refused: .+\(\w+\)/);
    expect(await hashAllTables(db)).toBe(before);

    // (ru stays untranslated: the publish tests below count on it.)
    writeFileSync(path.join(dir, 'ko.zip'), zipSync({ 'doc.ko.xlf': Buffer.from(translated(koFile, (s) => `압축: ${s}`)) }));
    const applied = await lockstep(['import', '--doc', 'doc', '--apply', 'ko.zip'], { token: coordinator });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/ko\.zip: doc\.ko\.xlf → ko\n {2}applied \(5\):/);
    const koSegs = (await request(app).get('/api/documents/doc/segments?lang=ko').set('Authorization', `Bearer ${coordinator}`)).body.segments;
    expect(koSegs.every((s: { translation: { text: string } }) => s.translation.text.startsWith('압축: '))).toBe(true);
  });

  test('a file that names no language needs --lang; a missing file is a readable error', async () => {
    const noLang = path.join(dir, 'nolang.xlf');
    writeFileSync(noLang, '<?xml version="1.0"?><xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en"></xliff>');
    const r = await lockstep(['import', '--doc', 'doc', noLang], { token: ko });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/refused: the file names no target language \(trgLang or target-language\): pass --lang/);
    const missing = await lockstep(['import', '--doc', 'doc', 'no-such.xlf'], { token: ko });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('lockstep import: no-such.xlf: no such file or directory\n');
  });
});

describe('lockstep publish', () => {
  const V2 = V1.replace('A third one is here.', 'A third one was here.').replace('The fifth closes the text.', 'The fifth closes the text. A sixth is new.');

  test('shows the impact without publishing; --apply publishes against the revision it showed', async () => {
    writeFileSync(path.join(dir, 'v2.md'), V2);
    const before = await hashAllTables(db);
    const dry = await lockstep(['publish', '--doc', 'doc', 'v2.md'], { token: coordinator });
    expect(dry.code).toBe(0);
    expect(await hashAllTables(db)).toBe(before);
    expect(dry.stdout).toMatch(/^doc: revision 1 → 2\nImpact: 1 modified, 1 added; 4 unchanged/);
    expect(dry.stdout).toMatch(/\n {2}modified s\d+ "A third one is here\."\n {11}→ "A third one was here\."\n/);
    expect(dry.stdout).toMatch(/\n {2}added {4}\+ new "A sixth is new\."\n/);
    // ko was translated (the import above), so its modified sentence needs work; ru had nothing yet.
    expect(dry.stdout).toMatch(/Translations that will need work: ko 1, ru 0/);
    expect(dry.stdout).toMatch(/Dry run: nothing was published\. Run again with --apply to publish revision 2\./);

    const applied = await lockstep(['publish', '--doc', 'doc', '--apply', 'v2.md'], { token: coordinator });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Published revision 2 of doc\.\n$/);
    const revisions = (await request(app).get('/api/documents/doc/revisions').set('Authorization', `Bearer ${ko}`)).body.revisions;
    expect(revisions.map((x: { number: number }) => x.number)).toEqual([2, 1]);

    const stale = await lockstep(['publish', '--doc', 'doc', '--base-revision', '1', '--apply', 'v2.md'], { token: coordinator });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/The document is at revision 2, not 1.* \(revision_conflict, HTTP 409\)/);
  });

  test('a translated sentence removed with nothing in its place is reported as retired, not as "no work"', async () => {
    // Revision 2 (the test above) is current; its ko translation of the third sentence is stale.
    writeFileSync(path.join(dir, 'v3.md'), V2.replace('A third one was here. ', ''));
    const dry = await lockstep(['publish', '--doc', 'doc', 'v3.md'], { token: coordinator });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/\n {2}removed {2}- s\d+ "A third one was here\."\n/);
    expect(dry.stdout).toMatch(/Translations retired with their segment \(kept in history and memory\): ko 1, ru 0/);
    expect(dry.stdout).not.toMatch(/No translation will need work/);
  });

  test('a translator may not publish: the server’s 403, exit 1', async () => {
    const r = await lockstep(['publish', '--doc', 'doc', '--apply', path.join(dir, 'v2.md')], { token: ko });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\(not_allowed, HTTP 403\)/);
  });
});

describe('errors and help', () => {
  test('--help for every command', async () => {
    for (const c of COMMANDS) {
      const r = await lockstep([c.name, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: npm run lockstep -- ${c.name}`));
    }
  });

  test('no token, a wrong token, an unknown document, an unreachable server, an unknown option', async () => {
    const noToken = await lockstep(['status']);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/no token: pass --token or set LOCKSTEP_TOKEN/);
    const badToken = await lockstep(['status', '--token', 'nonsense']);
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/HTTP 401\)\nSign in first: export LOCKSTEP_TOKEN=/);
    const unknown = await lockstep(['status', '--doc', 'nope'], { token: ko });
    expect(unknown.stderr).toBe('lockstep status: There is no document "nope". (document_not_found, HTTP 404)\n');

    // A port that was free a moment ago: nothing listens there.
    const closed = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => closed.once('listening', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await lockstep(['--server', `http://127.0.0.1:${port}`, 'status'], { token: ko });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(new RegExp(`cannot reach server at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));

    const option = await lockstep(['status', '--colour'], { token: ko });
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/Unknown option '--colour'/);
  });

  test('check --server asks the server: admins only', async () => {
    const ok = await lockstep(['check', '--server', url], { token: admin });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Consistent: checked the server at http:\/\/127\.0\.0\.1:\d+: 2 documents, /);
    const translator = await lockstep(['check', '--server', url], { token: ko });
    expect(translator.code).toBe(1);
    expect(translator.stderr).toMatch(/HTTP 403/);
    expect(existsSync(path.join(dir, 'pg'))).toBe(false);
  });
});
