#!/usr/bin/env node
// Builds what is out of date, so `npm start` after an unchanged checkout starts at once:
// `tsc -b` is incremental by itself; the Vite client build is skipped when client/dist is
// newer than every file it is built from. `--force` rebuilds the client regardless.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');

function run(cmd, args, cwd = root) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

run(bin('tsc'), ['-b']);

const builtAt = newestMtime(path.join(root, 'client', 'dist', 'index.html'));
const inputs = ['client/src', 'client/index.html', 'client/vite.config.ts', 'client/public', 'shared/src', 'package-lock.json'];
const changedAt = Math.max(...inputs.map((p) => newestMtime(path.join(root, p))));
if (force || builtAt === 0 || changedAt > builtAt) {
  run(bin('vite'), ['build', '--logLevel', 'warn'], path.join(root, 'client'));
} else {
  process.stdout.write('client build is up to date\n');
}
