import type { Db } from '../db/db.js';
import type { Logger } from '../logger.js';
import { analyzeChangedTables, analyzeSegmentTables } from '../repos/statistics.js';

/**
 * From this many segments written at once, the planner's statistics are refreshed. Without any,
 * the planner took a new 10,000-segment document for one row and joined every translation of
 * the language to each segment (its list: 15-46 s on PGlite instead of under one); a few hundred
 * rows misjudged that way cost little, and small writes skip the ANALYZE.
 */
export const ANALYZE_FROM_SEGMENTS = 200;

/** After a commit that wrote `segmentsWritten` segments: the write stands whatever happens here. */
export async function statisticsAfterCommit(db: Db, segmentsWritten: number): Promise<void> {
  if (segmentsWritten < ANALYZE_FROM_SEGMENTS) return;
  await analyzeSegmentTables(db).catch(() => undefined);
}

/**
 * How often a process looks for tables whose statistics are out of date. Growth by many small
 * writes (documents created one by one, saves, memory) reaches autovacuum's threshold slowly;
 * half a minute of plans made for 10% fewer rows costs little.
 */
export const STATISTICS_EVERY_MS = 30_000;

/**
 * The autovacuum-analyze of installations that have none (the embedded database; a PostgreSQL
 * with autovacuum off): every `everyMs`, tables changed past the threshold are analyzed
 * (migration 030), so plans cached while the installation was small are made again for its
 * size. One look at a time per process; a failed look is logged and tried at the next tick.
 */
export class StatisticsKeeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<string[]> | undefined;
  private users = 0;

  constructor(
    private readonly db: Db,
    private readonly logger: Pick<Logger, 'debug' | 'warn'>,
    private readonly everyMs = STATISTICS_EVERY_MS,
  ) {}

  /** An app of this process uses the keeper (several apps on one database share one timer). */
  start(): void {
    this.users++;
    this.timer ??= setInterval(() => void this.look(), this.everyMs).unref();
  }

  /** One look now (or the one running): the tables it analyzed. */
  look(): Promise<string[]> {
    this.running ??= analyzeChangedTables(this.db)
      .then((analyzed) => {
        if (analyzed.length) this.logger.debug({ analyzed }, 'planner statistics refreshed');
        return analyzed;
      })
      .catch((err: unknown) => {
        this.logger.warn({ err }, 'could not refresh planner statistics');
        return [];
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** An app closes: the timer stops when no app of this process uses the keeper; a running look finishes. */
  async stop(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    await this.running;
  }
}

const keepers = new WeakMap<Db, StatisticsKeeper>();

/** The process's statistics keeper of one database handle; it logs through the first caller's logger. */
export function statisticsKeeper(db: Db, logger: Pick<Logger, 'debug' | 'warn'>): StatisticsKeeper {
  let keeper = keepers.get(db);
  if (!keeper) keepers.set(db, (keeper = new StatisticsKeeper(db, logger)));
  return keeper;
}
