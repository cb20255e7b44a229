import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/mt');

/** A recorded engine answer from tests/data/mt/. */
export function recorded(name: string): string {
  return readFileSync(path.join(DATA, name), 'utf8');
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the engine answers: status and body, or 'hang' (never answers). */
export type Answer = { status: number; body: string } | 'hang';

export interface FakeEngine {
  url: string;
  seen: SeenRequest[];
  /** Requests being answered at this moment, and the most there ever were. */
  busy: { now: number; max: number };
  close(): Promise<void>;
}

/**
 * A local HTTP server standing in for an engine: it answers each request with what `answer`
 * returns (a recorded file, mostly) and records every request, so a test can check what our
 * adapter sent as well as what it made of the answer.
 */
export async function fakeEngine(answer: (req: SeenRequest) => Answer | Promise<Answer>): Promise<FakeEngine> {
  const seen: SeenRequest[] = [];
  const busy = { now: 0, max: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', async () => {
      const r: SeenRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      seen.push(r);
      busy.now++;
      busy.max = Math.max(busy.max, busy.now);
      const a = await answer(r);
      if (a === 'hang') return;
      busy.now--;
      res.writeHead(a.status, { 'Content-Type': 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    busy,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
