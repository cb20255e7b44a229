import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

type NodeConstructor = (this: unknown, ...args: unknown[]) => void;

/**
 * The HTTP server for the app, its requests and responses born with Express's prototypes.
 *
 * Express re-parents every request and response as it enters the app
 * (`Object.setPrototypeOf(req, app.request)`), so V8 sees each of them under two families of
 * shapes, and property reads in Node's HTTP code, Express and every middleware miss their
 * inline caches: 22% of the server's main-thread CPU samples (perf) in the saves bench were
 * spent in those misses. Created with `app.request` / `app.response` as their prototypes
 * already (node:http's `IncomingMessage` / `ServerResponse` options), the re-parenting
 * changes nothing and the shapes stay few.
 */
export function createAppServer(app: Express): Server {
  function AppRequest(this: IncomingMessage, ...args: unknown[]): void {
    (IncomingMessage as unknown as NodeConstructor).apply(this, args);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: ServerResponse, ...args: unknown[]): void {
    (ServerResponse as unknown as NodeConstructor).apply(this, args);
  }
  AppResponse.prototype = app.response;
  return createServer(
    {
      IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
      ServerResponse: AppResponse as unknown as typeof ServerResponse,
    },
    app,
  );
}

/** Listens on `port` and `host`; rejects with the listen error (EADDRINUSE, EACCES). */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
