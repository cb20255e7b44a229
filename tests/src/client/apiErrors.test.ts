import { afterEach, describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientModule } from './clientModule.js';

interface ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  readonly payload?: unknown;
}
const { ApiError, asApiError, request, fetchFile } = await clientModule<{
  ApiError: new (status: number, code: string, message: string, details?: unknown, payload?: unknown) => ApiError;
  asApiError(err: unknown): ApiError;
  request<T>(method: string, path: string): Promise<T>;
  fetchFile(path: string): Promise<unknown>;
}>('api.ts');

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});
const failure = () => request('GET', '/api/x').then(() => undefined, (err: unknown) => err);

describe('asApiError: the one way the client turns a failure into what it shows', () => {
  test('an ApiError is kept as it is', () => {
    const original = new ApiError(409, 'version_conflict', 'Someone else saved first.', { current: 2 }, { current: {} });
    expect(asApiError(original)).toBe(original);
  });

  test('anything else becomes a network error carrying its text', () => {
    for (const thrown of [new TypeError('Failed to fetch'), 'offline', undefined]) {
      const error = asApiError(thrown);
      expect(error).toBeInstanceOf(ApiError);
      expect({ status: error.status, code: error.code, message: error.message }).toEqual({ status: 0, code: 'network', message: String(thrown) });
    }
  });

  test("a server's error body comes through request() and asApiError() with its status, code and message", async () => {
    globalThis.fetch = async () => Response.json({ error: { code: 'document_not_found', message: 'No document "x".' } }, { status: 404 });
    const error = asApiError(await failure());
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({ status: 404, code: 'document_not_found', message: 'No document "x".' });
  });

  test('a failed download is the same ApiError as a failed request', async () => {
    globalThis.fetch = async () => Response.json({ error: { code: 'forbidden', message: 'Not yours.' } }, { status: 403 });
    const error = asApiError(await fetchFile('/api/x').then(() => undefined, (err: unknown) => err));
    expect({ status: error.status, code: error.code }).toEqual({ status: 403, code: 'forbidden' });
  });
});

describe('no second copy of the rule', () => {
  const CLIENT_SRC = fileURLToPath(new URL('../../../client/src', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));

  test('only client/src/api.ts makes ApiErrors; pages and hooks call asApiError', () => {
    const all = files(CLIENT_SRC);
    expect(all.length).toBeGreaterThan(10);
    const makers = all.filter((f) => /new ApiError\(/.test(readFileSync(f, 'utf8'))).map((f) => path.relative(CLIENT_SRC, f));
    expect(makers).toEqual(['api.ts']);
  });
});
