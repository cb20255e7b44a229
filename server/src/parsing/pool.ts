import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LockstepError } from '@lockstep/shared';
import { Piscina } from 'piscina';
import { defaultParseSettings, type ParseSettings } from './settings.js';
import type { ParseOutcome, ParseResults, ParseTask } from './tasks.js';

/** What a 503 from a full parse queue asks the client to wait: a large parse takes seconds. */
const PARSE_RETRY_AFTER_SECONDS = 5;

/**
 * Built (`npm start`), the worker runs `dist/parsing/tasks.js` under plain Node. From source
 * (Jest, tsx, `npm run dev`) it runs `tasks.ts` through tsx's loader with the source condition,
 * so the worker reads the same `shared/src` as the thread that started it.
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  if (!import.meta.url.endsWith('.ts')) return { filename: fileURLToPath(new URL('./tasks.js', import.meta.url)), execArgv: [] };
  // Resolved here: `--import tsx` alone would be looked up from the working directory.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename: fileURLToPath(new URL('./tasks.ts', import.meta.url)), execArgv: ['--import', tsx, '--conditions=@lockstep/source'] };
}

function movable(bytes: Uint8Array): ArrayBuffer[] {
  const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole && bytes.byteLength >= 64 * 1024 ? [bytes.buffer as ArrayBuffer] : [];
}

function isQueueFull(e: unknown): boolean {
  return e instanceof Error && /Task queue is at limit|No task queue available/.test(e.message);
}

function isOutOfMemory(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/**
 * Parsing a 20 MB XLIFF file or a 5 MB Markdown document takes seconds of CPU; on the request
 * thread that stalls every other request meanwhile. The parse pool (piscina) runs that work on
 * worker threads: a bounded number of them, a bounded queue in front (the bytes of each waiting
 * parse stay in memory), 503 with Retry-After beyond it, and a heap limit per thread.
 * Threads start on the first parse and end after a minute idle.
 */
export class ParsePool {
  private pool: Piscina | undefined;

  constructor(readonly settings: ParseSettings, private readonly onError: (err: unknown) => void = () => undefined) {}

  private started(): Piscina {
    if (this.pool) return this.pool;
    const { filename, execArgv } = workerEntry();
    this.pool = new Piscina({
      filename,
      execArgv,
      // This module's view of the environment (under Jest a copy of the process's), not the process's.
      env: process.env,
      minThreads: 0,
      maxThreads: this.settings.threads,
      maxQueue: this.settings.queue,
      idleTimeout: 60_000,
      // Far below the request thread (and PostgreSQL): a thread at nice 19 weighs 15 against
      // the request thread's 1,024 in Linux's scheduler, at nice 10 it weighed 110.
      niceIncrement: 19,
      resourceLimits: { maxOldGenerationSizeMb: this.settings.memoryMb },
    });
    // A worker that dies with no task (piscina replaces it) must not become an uncaught 'error'.
    this.pool.on('error', this.onError);
    return this.pool;
  }

  /**
   * Runs `task` on a parse thread. `move`: bytes the caller will not read again, moved to the
   * thread instead of copied when they are a whole buffer of their own (a 20 MB body is, and
   * copying it on the request thread costs milliseconds every other request waits for).
   */
  async run<K extends ParseTask['kind']>(task: Extract<ParseTask, { kind: K }>, opts: { move?: Uint8Array } = {}): Promise<ParseResults[K]> {
    let outcome: ParseOutcome<ParseResults[K]>;
    try {
      outcome = await this.started().run(task, { transferList: opts.move ? movable(opts.move) : undefined });
    } catch (e) {
      if (isQueueFull(e)) {
        throw new LockstepError('unavailable', 'parser_busy', 'The server is parsing as many files as it can right now. Try again shortly.', {
          retryAfterSeconds: PARSE_RETRY_AFTER_SECONDS,
        });
      }
      if (isOutOfMemory(e)) {
        throw new LockstepError('unprocessable', 'too_complex', `Reading this upload needs more memory than the ${this.settings.memoryMb} MB this server gives one parse. Split it into smaller files.`, { memoryMb: this.settings.memoryMb });
      }
      throw e;
    }
    if (!outcome.ok) {
      const { kind, code, message, details } = outcome.error;
      throw new LockstepError(kind, code, message, details);
    }
    return outcome.value;
  }

  /** Lets running and queued parses finish, then ends the threads. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}

let current: ParsePool | undefined;

/**
 * The process's parse pool. The services call it rather than take it as a parameter so that
 * their callers (routes, the demo seed, the benches) stay as they are; `createApp` configures it.
 */
export function parsePool(): ParsePool {
  current ??= new ParsePool(defaultParseSettings());
  return current;
}

/** Sets the process's parse pool to these settings (the previous pool finishes its parses, then ends). */
export function configureParsePool(settings: ParseSettings, onError?: (err: unknown) => void): ParsePool {
  const previous = current;
  const same = previous && JSON.stringify(previous.settings) === JSON.stringify(settings);
  if (same) return previous;
  current = new ParsePool(settings, onError);
  void previous?.close();
  return current;
}
