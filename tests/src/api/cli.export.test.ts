import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { zipSync } from 'fflate';
import { REPO_ROOT, tempDir } from '../support/serverProcess.js';
import { runLockstep } from '../support/cli.js';

/**
 * Issue #18, finding 4: `export` names its files itself, whatever name the server suggests
 * (a hostile server, or anyone on plain http, sent `../../x.txt` and the CLI wrote outside
 * --out). Issue #22, item 6: `npm run lockstep -- export` without --out writes to the
 * directory it was run from, not the repository root.
 */

const XLIFF = Buffer.from('<?xml version="1.0"?><xliff version="2.0" srcLang="en" trgLang="ko"/>');
let server: Server;
let url = '';
let sandbox = '';

beforeAll(async () => {
  // A hostile "Lockstep server": every download suggests names that climb out of the directory.
  server = createServer((req, res) => {
    if (req.url?.startsWith('/api/documents/doc/xliff/ko')) {
      res.writeHead(200, { 'Content-Type': 'application/xliff+xml', 'Content-Disposition': 'attachment; filename="../../escaped.txt"' });
      res.end(XLIFF);
    } else if (req.url?.startsWith('/api/documents/doc/site?format=html')) {
      const page = Buffer.from('<!DOCTYPE html><html lang="ko"></html>');
      const zip = zipSync({ 'doc.en.html': page, 'doc.ko.html': page, '../../escaped-site.html': page, '.hidden.html': page, 'doc.ru.md': page });
      res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="../zip.zip"' });
      res.end(Buffer.from(zip));
    } else if (req.url?.startsWith('/api/documents/doc/xliff')) {
      const zip = zipSync({ '../../escaped-zip.xlf': XLIFF, '..': XLIFF, '.bashrc': XLIFF, 'a/../../b.sh': XLIFF, 'doc.ru.xlf': XLIFF });
      res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="../zip.zip"' });
      res.end(Buffer.from(zip));
    } else {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error":{"code":"route_not_found","message":"no"}}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox = tempDir('lockstep-cli-export-');
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
});

const lockstep = (args: string[], cwd: string) => runLockstep(args, { LOCKSTEP_URL: url, LOCKSTEP_TOKEN: 'x'.repeat(43) }, cwd);

/** Every file below `dir`, relative to it. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('export never writes outside --out', () => {
  test('one language: the file is <doc>.<lang>.xlf in DIR, whatever the server suggests', async () => {
    const root = path.join(sandbox, 'one');
    const out = path.join(root, 'a', 'b', 'out');
    mkdirSync(out, { recursive: true });
    const r = await lockstep(['export', '--doc', 'doc', '--lang', 'ko', '--out', 'a/b/out/'], root);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(filesBelow(root)).toEqual([path.join('a', 'b', 'out', 'doc.ko.xlf')]);
    expect(readFileSync(path.join(out, 'doc.ko.xlf'))).toEqual(XLIFF);
  });

  test('every language: each zip entry reduced to a safe base name inside DIR; unusable names get a name of ours', async () => {
    const root = path.join(sandbox, 'all');
    mkdirSync(path.join(root, 'x', 'y'), { recursive: true });
    const r = await lockstep(['export', '--doc', 'doc', '--all', '--out', 'x/y/out'], root);
    expect(r.code).toBe(0);
    const written = filesBelow(root);
    expect(written.every((f) => f.startsWith(path.join('x', 'y', 'out') + path.sep))).toBe(true);
    const names = written.map((f) => path.basename(f));
    expect(names).toContain('doc.ru.xlf');
    expect(names).toContain('escaped-zip.xlf');
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*\.xlf$/);
    expect(names).toHaveLength(new Set(names).size);
    expect(names).toHaveLength(5);
  });
});

describe('export without --out', () => {
  test('`npm run lockstep -- export` writes into the directory it was run from, not the repository root', async () => {
    const here = path.join(sandbox, 'run-from-here');
    mkdirSync(here);
    const before = new Set(readdirSync(REPO_ROOT));
    const { NODE_OPTIONS: _omit, ...env } = process.env;
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(npm, ['run', '-s', '--prefix', REPO_ROOT, 'lockstep', '--', 'export', '--doc', 'doc', '--lang', 'ko'], {
        cwd: here,
        env: { ...env, LOCKSTEP_URL: url, LOCKSTEP_TOKEN: 'x'.repeat(43) },
        stdio: 'ignore',
      });
      child.once('exit', resolve);
    });
    expect(code).toBe(0);
    expect(readdirSync(here)).toEqual(['doc.ko.xlf']);
    expect(readdirSync(REPO_ROOT).filter((f) => !before.has(f))).toEqual([]);
    expect(existsSync(path.join(REPO_ROOT, 'doc.ko.xlf'))).toBe(false);
  }, 120_000);
});

describe('lockstep site', () => {
  test('unpacks the set into --out under its own plain names, never outside it', async () => {
    const out = path.join(sandbox, 'site');
    const r = await lockstep(['site', '--doc', 'doc', '--format', 'html', '--out', out], sandbox);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(out).sort()).toEqual(['doc.4.html', 'doc.5.html', 'doc.en.html', 'doc.ko.html', 'escaped-site.html']);
    expect(existsSync(path.join(sandbox, '..', 'escaped-site.html'))).toBe(false);
    expect(readFileSync(path.join(out, 'doc.ko.html'), 'utf8')).toContain('lang="ko"');
  });

  test('--out and --doc are required; --format is md or html', async () => {
    expect((await lockstep(['site', '--doc', 'doc'], sandbox)).code).toBe(2);
    expect((await lockstep(['site', '--out', 'x'], sandbox)).code).toBe(2);
    expect((await lockstep(['site', '--doc', 'doc', '--out', 'x', '--format', 'pdf'], sandbox)).code).toBe(2);
  });
});
