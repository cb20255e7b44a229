import diagnosticsChannel from 'node:diagnostics_channel';
import { writeSync } from 'node:fs';

/**
 * Test-only fault injection. `LOCKSTEP_FAULT=<point>[@N][:kill]` makes the process stop at the
 * N-th time (default 1st) it reaches the named point inside an operation: by default it pauses
 * forever (holding its transaction open, so a test's SIGKILL lands mid-operation), with `:kill`
 * it SIGKILLs itself. It announces the stop on stderr as `LOCKSTEP_FAULT_HIT <point>@<N>` so
 * the test knows when to kill. Unset (production), every point is a no-op costing one compare.
 *
 * Points: publish:read, publish:aligned, publish:planned, publish:retired, publish:segments, publish:translations,
 * publish:before-commit, publish:committed (after the commit, before the memory is indexed),
 * import:read (the file read), import:locked (the rows locked), import:fetched (the plan's reads),
 * import:planned, import:batch (after each batch of applied units), import:suggested (conflicts kept),
 * import:announced (live event and webhook), import:before-commit, import:committed,
 * save:before-write, save:after-write.
 */
interface Fault {
  point: string;
  nth: number;
  kill: boolean;
}

const FAULT_SYNTAX = /^([a-z]+:[a-z-]+)(?:@(\d+))?(:kill)?$/;

export function parseFault(spec: string | undefined): Fault | undefined {
  if (!spec) return undefined;
  const m = FAULT_SYNTAX.exec(spec.trim());
  if (!m) throw new Error(`LOCKSTEP_FAULT="${spec}" is not <point>[@N][:kill], e.g. publish:segments@1`);
  return { point: m[1], nth: m[2] ? Number(m[2]) : 1, kill: Boolean(m[3]) };
}

const fault = parseFault(process.env.LOCKSTEP_FAULT);
let reached = 0;

/**
 * The same named points, published on a diagnostics channel with a timestamp, so a benchmark
 * can split an operation's time between its phases (`npm run bench -- publish-10k`) without
 * options in production signatures. Without a subscriber, publishing is skipped.
 */
export const operationPoints = diagnosticsChannel.channel('lockstep:operation-point');

export interface OperationPoint {
  point: string;
  at: number;
}

export function faultPoint(point: string): Promise<void> | undefined {
  if (operationPoints.hasSubscribers) operationPoints.publish({ point, at: performance.now() } satisfies OperationPoint);
  if (!fault || fault.point !== point) return undefined;
  reached++;
  if (reached !== fault.nth) return undefined;
  // Synchronous, so the line is out before the process stops or the test kills it.
  writeSync(2, `LOCKSTEP_FAULT_HIT ${point}@${reached}\n`);
  if (fault.kill) process.kill(process.pid, 'SIGKILL');
  return new Promise<void>(() => {});
}
