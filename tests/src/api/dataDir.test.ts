import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { onPostgres } from '../support/testDb.js';
import { freePort, REPO_ROOT, tempDir } from '../support/serverProcess.js';

/**
 * Issue #10: a read-only, foreign-owned or full data directory fails at start with one clear
 * sentence (no stack trace) and a non-zero exit. Root ignores file modes, so as root the
 * server runs as `nobody`; elsewhere as the current (non-root) user.
 */

const describeOnPglite = onPostgres ? describe.skip : describe;
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

async function startIn(dataDir: string): Promise<{ code: number | null; output: string }> {
  const { DATABASE_URL: _a, NODE_OPTIONS: _b, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@lockstep/source', path.join(REPO_ROOT, 'server/src/index.ts')], {
    cwd: REPO_ROOT,
    env: { ...env, HOME: '/tmp', LOG_LEVEL: 'warn', LOCKSTEP_DEMO: '0', PORT: String(await freePort()), LOCKSTEP_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output };
}

function expectClearRefusal(r: { code: number | null; output: string }, pattern: RegExp) {
  expect(r.code).toBe(1);
  expect(r.output).toMatch(pattern);
  expect(r.output).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
}

/** A directory the server's user may read but not write. */
function readOnlyDir(): string {
  const dir = tempDir('lockstep-ro-');
  chmodSync(dir, 0o555);
  return dir;
}

const mounted: string[] = [];
afterAll(() => {
  for (const m of mounted) spawnSync('umount', [m]);
});

describeOnPglite('data directory problems are clear errors at start', () => {
  test('a read-only data directory', async () => {
    expectClearRefusal(await startIn(readOnlyDir()), /data directory .* cannot be written \((EACCES|EPERM|EROFS)/);
  }, 60_000);

  test('a data directory that cannot be created (read-only parent)', async () => {
    expectClearRefusal(await startIn(path.join(readOnlyDir(), 'data')), /data directory .*data cannot be written \(EACCES/);
  }, 60_000);

  test('an existing database the server user may not write', async () => {
    const dir = tempDir('lockstep-owned-');
    mkdirSync(path.join(dir, 'pg'));
    writeFileSync(path.join(dir, 'pg', 'PG_VERSION'), '17\n');
    chmodSync(dir, 0o555);
    expectClearRefusal(await startIn(dir), /cannot be written/);
  }, 60_000);

  // A full disk needs a tiny file system: a 256 kB tmpfs (root with CAP_SYS_ADMIN, as in CI).
  const canMount = asRoot && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', (mounted[0] = tempDir('lockstep-full-'))]).status === 0;
  (canMount ? test : test.skip)('a full disk', async () => {
    const dir = mounted[0];
    chmodSync(dir, 0o777);
    // Fill it to the last block.
    spawnSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'filler')}`, 'bs=4k', 'count=1000']);
    expectClearRefusal(await startIn(path.join(dir, 'data')), /cannot be written \(ENOSPC: the disk is full\)|has \d+\.\d MB free; Lockstep needs at least 64 MB/);
    spawnSync('rm', ['-f', path.join(dir, 'filler')]);
    // With room for the probe but not for a database: refused by the free-space check.
    expectClearRefusal(await startIn(path.join(dir, 'data2')), /has 0\.\d MB free; Lockstep needs at least 64 MB to create its database/);
  }, 90_000);
});
