import { appendFileSync } from 'node:fs';
import { afterAll, expect } from '@jest/globals';

/**
 * `LOCKSTEP_TEST_CPU=/tmp/cpu.jsonl npm test`: one JSON line per test file with the CPU its
 * worker spent on it (its imports, database and tests; not child processes it starts) and its
 * wall time. On a busy machine wall times swell and CPU times do not, so this is how to find
 * where the lane's time goes, and to compare two versions of the suite.
 */
const out = process.env.LOCKSTEP_TEST_CPU;
if (out) {
  const start = process.cpuUsage();
  const t0 = performance.now();
  afterAll(() => {
    const c = process.cpuUsage(start);
    const line = { file: expect.getState().testPath, cpuMs: Math.round((c.user + c.system) / 1000), wallMs: Math.round(performance.now() - t0) };
    appendFileSync(out, `${JSON.stringify(line)}\n`);
  });
}
