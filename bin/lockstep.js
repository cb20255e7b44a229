#!/usr/bin/env node
// Launcher for the command line (G31: a workspace bin pointing into dist/ is not linked on a
// fresh clone). Runs the compiled CLI after an incremental `tsc -b` (0.5 s when up to date;
// its output goes to stderr so stdout stays clean JSON).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'server', 'dist', 'cli', 'index.js');
{
  const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
  const r = spawnSync(tsc, ['-b', 'server'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  if (r.status !== 0 || !existsSync(cli)) {
    process.stderr.write('lockstep: could not build the command line; run `npm install` and `npm run build` first.\n');
    process.exit(1);
  }
}
await import(pathToFileURL(cli).href);
