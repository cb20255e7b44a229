import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

/** Debian's apertium-apy and apertium-eng-spa (`.ci/run` installs them). */
const APY = '/usr/bin/apertium-apy';
const MODES = '/usr/share/apertium/modes';

/** Why Apertium tests cannot run here, or undefined when they can. */
export function apertiumMissing(): string | undefined {
  if (!existsSync(APY)) return `${APY} is not installed (apt-get install -y apertium-apy apertium-eng-spa)`;
  if (!existsSync(`${MODES}/eng-spa.mode`)) return `${MODES}/eng-spa.mode is missing (apt-get install -y apertium-eng-spa)`;
  return undefined;
}

export interface RunningApertium {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * apertium-apy on a free port, once it lists its pairs and has translated one sentence (its
 * first translation per pair starts the pipeline, ~0.3 s, which would otherwise land in a
 * test's time limit).
 */
export async function startApertium(): Promise<RunningApertium> {
  const port = await freePort();
  const child: ChildProcess = spawn(APY, ['-p', String(port), MODES], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`apertium-apy exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`${url}/translate`, { method: 'POST', body: new URLSearchParams({ langpair: 'eng|spa', q: 'Hello' }) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`apertium-apy did not answer on ${url} within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop };
}
