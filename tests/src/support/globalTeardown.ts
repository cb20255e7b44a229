import { rmSync } from 'node:fs';
import path from 'node:path';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.LOCKSTEP_TEST_PGLITE_TEMPLATE;
  // The template and any copy a crashed test file did not remove.
  if (template) rmSync(path.dirname(template), { recursive: true, force: true });
}
