import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { REPO_ROOT } from '../support/serverProcess.js';

function lockstep(...args: string[]) {
  const { NODE_OPTIONS: _n, ...env } = process.env;
  return spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'lockstep.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', env });
}

describe('lockstep segment', () => {
  test('prints the statement’s 64 segments as JSON', () => {
    const r = lockstep('segment', '--lang', 'en', 'fixtures/statement/statement.md');
    expect(r.status).toBe(0);
    const segments = JSON.parse(r.stdout) as { plain: string; translatable: boolean }[];
    expect(segments).toHaveLength(64);
    expect(segments[3].plain).toBe('February 24, 2023');
    expect(segments.filter((s) => !s.translatable)).toHaveLength(3);
  });

  test('explains what is wrong with exit code 2', () => {
    const noLang = lockstep('segment', 'fixtures/statement/statement.md');
    expect(noLang.status).toBe(2);
    expect(noLang.stderr).toMatch(/--lang is required/);
    const badLang = lockstep('segment', '--lang', 'de', 'x.md');
    expect(badLang.status).toBe(2);
    expect(badLang.stderr).toMatch(/unknown language "de"/);
    const unknown = lockstep('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
  });

  test('a missing file is a readable error with exit code 1', () => {
    const r = lockstep('segment', '--lang', 'en', 'no/such/file.md');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no such file/i);
  });
});
