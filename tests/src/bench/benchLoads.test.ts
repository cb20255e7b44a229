import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT } from '../support/serverProcess.js';

// `npm run bench` runs outside Jest: a bench module that imports Jest's globals (directly or
// through a support file) breaks every workload at load time. Asking for an unknown workload
// loads them all and must answer with the list of known ones.
describe('npm run bench', () => {
  it('loads every workload module outside Jest and lists them for an unknown name', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@lockstep/source', 'tests/src/bench/run.ts', 'no-such-workload'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
      timeout: 60_000,
    });
    expect(r.stderr).toContain('unknown workload(s): no-such-workload');
    expect(r.stderr).toContain('parse-load');
    expect(r.status).toBe(2);
  }, 60_000);
});
