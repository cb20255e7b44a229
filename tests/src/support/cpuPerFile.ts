import { appendFileSync } from 'node:fs';
import { afterAll, expect } from '@jest/globals';

const out = process.env.LOCKSTEP_TEST_CPU;
if (out) {
  const start = process.cpuUsage();
  const t0 = performance.now();
  afterAll(() => {
    const c = process.cpuUsage(start);
    appendFileSync(out, JSON.stringify({ file: expect.getState().testPath, cpuMs: Math.round((c.user + c.system) / 1000), wallMs: Math.round(performance.now() - t0) }) + '\n');
  });
}
