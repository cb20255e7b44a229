import { readdirSync } from 'node:fs';
import os from 'node:os';

/**
 * V8's helper threads (Node's "platform workers") do the garbage collection and optimising
 * compilation of every isolate in the process: the request thread's and the parse threads'
 * alike. A parse thread runs at nice 19 (pool.ts), yet the collection of its heap (hundreds of
 * MB while it reads a 20 MB XLIFF file) ran on these threads at the request thread's priority:
 * in bench parse-load they took 7.3 s of CPU against the parse thread's 14.7 s and the request
 * thread's 8.0 s, competing with the request thread for the same cores. Lowered to the parse
 * threads' priority, that work yields to requests too; the request thread's own heap is small,
 * and V8 finishes any marking the helpers have not done on the thread that owns the heap.
 *
 * Linux gives each thread its own nice value, and `setpriority` on a thread id sets that
 * thread's alone (what `os.setPriority` calls). Node does not name its threads, so they are told
 * apart by the order Node 20 starts them in (tids rise): the main thread, V8's delayed-task
 * thread, then the `--v8-pool-size` platform workers (4 unless set), then the inspector's
 * signal thread and libuv's thread pool (file system, DNS, password hashing), which keeps the
 * request thread's priority.
 */
export const HELPER_THREADS_NICE = 19;

/** Node's platform workers when `--v8-pool-size` is not given. */
const DEFAULT_V8_POOL_SIZE = 4;

/** `--v8-pool-size` from Node's options (command line, then NODE_OPTIONS): undefined when not a plain positive count. */
export function v8PoolSize(execArgv: readonly string[], nodeOptions: string | undefined): number | undefined {
  const args = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  let size = DEFAULT_V8_POOL_SIZE;
  for (let i = 0; i < args.length; i++) {
    const m = /^--v8-pool-size(?:=(.*))?$/.exec(args[i]);
    if (!m) continue;
    const value = Number(m[1] ?? args[i + 1]);
    // 0 lets Node choose from the core count: the count is not known here.
    size = Number.isInteger(value) && value > 0 ? value : NaN;
  }
  return Number.isNaN(size) ? undefined : size;
}

/**
 * The platform workers among a process's thread ids: the `poolSize` threads after the main
 * thread and the delayed-task thread. Empty when the list cannot be Node's layout (fewer
 * threads than that, or the main thread not the first).
 */
export function platformWorkerTids(tids: readonly number[], mainTid: number, poolSize: number): number[] {
  const sorted = [...tids].sort((a, b) => a - b);
  if (sorted[0] !== mainTid || sorted.length < 2 + poolSize) return [];
  return sorted.slice(2, 2 + poolSize);
}

export interface HelperThreadsLowered {
  tids: number[];
  /** Why nothing was lowered, when nothing was. */
  skipped?: string;
}

/**
 * Lowers this process's V8 helper threads to `nice` (never raises them). Call it from the main
 * thread of a server process; elsewhere than Linux it does nothing.
 */
export function lowerV8HelperThreads(nice = HELPER_THREADS_NICE): HelperThreadsLowered {
  if (process.platform !== 'linux') return { tids: [], skipped: 'threads have their own priority on Linux only' };
  const poolSize = v8PoolSize(process.execArgv, process.env.NODE_OPTIONS);
  if (poolSize === undefined) return { tids: [], skipped: '--v8-pool-size is not a positive count' };
  let tids: number[];
  try {
    tids = readdirSync('/proc/self/task').map(Number);
  } catch {
    return { tids: [], skipped: '/proc/self/task cannot be read' };
  }
  const helpers = platformWorkerTids(tids, process.pid, poolSize);
  if (helpers.length === 0) return { tids: [], skipped: `${tids.length} threads is not Node's layout for ${poolSize} platform workers` };
  const lowered: number[] = [];
  for (const tid of helpers) {
    try {
      if (os.getPriority(tid) < nice) os.setPriority(tid, nice);
      lowered.push(tid);
    } catch {
      // The thread ended meanwhile, or the system refuses: the others are still worth lowering.
    }
  }
  return { tids: lowered };
}
