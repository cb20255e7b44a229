import { availableParallelism } from 'node:os';

export interface ParseSettings {
  /** Worker threads parsing at once. */
  threads: number;
  /** Parses waiting for a thread; one more answers 503. */
  queue: number;
  /** Heap of one worker thread: a file that needs more is refused (422), the thread replaced. */
  memoryMb: number;
}

/**
 * One core stays with the request thread (health checks, saves, sign-in): on the 2-core
 * machines this project runs on, that is one parse thread.
 */
export function defaultParseThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export const DEFAULT_PARSE_MEMORY_MB = 1024;

export function defaultParseSettings(): ParseSettings {
  return { threads: defaultParseThreads(), queue: 4 * defaultParseThreads(), memoryMb: DEFAULT_PARSE_MEMORY_MB };
}
