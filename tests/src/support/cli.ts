import os from 'node:os';
import { Readable } from 'node:stream';
import { main } from '@lockstep/server/cli/main';

/** Runs `lockstep …` in this process with its own environment and directory; returns what it printed. */
export async function runLockstep(args: string[], env: NodeJS.ProcessEnv, cwd = os.tmpdir()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string | Uint8Array) => (stdout += String(s)) },
    stderr: { write: (s: string | Uint8Array) => (stderr += String(s)) },
    stdin: Readable.from([]),
    env,
    cwd,
  });
  return { code, stdout, stderr };
}
