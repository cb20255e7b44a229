import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MEMORY_FUZZY_MAX_CHARS } from '@lockstep/shared';
import { DEFAULT_INTERACTIVE_POOL_SIZE, DEFAULT_INTERACTIVE_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, type OpenDbOptions } from './db/db.js';

/** The repository root: `server/src/..` and `server/dist/..` are both two levels down. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  demo: boolean;
  adminEmail?: string;
  adminPassword?: string;
  logLevel: string;
  /** Where the built client lives; served at `/` when it exists. */
  clientDir: string;
  /** Sign-in sessions last this long (ms). */
  sessionTtlMs: number;
  /** Cookies get the Secure flag (set when served over HTTPS). */
  secureCookies: boolean;
  trustProxy: boolean;
  /**
   * Server processes sharing the port (node:cluster). Above 1 needs PostgreSQL: the embedded
   * database belongs to one process.
   */
  workers: number;
  /** Time limit of every database statement on PostgreSQL, ms (0: none). */
  statementTimeoutMs: number;
  /** Time limit of interactive reads (memory lookups, search, QA) on PostgreSQL, ms. */
  interactiveTimeoutMs: number;
  /** Connections interactive reads may hold at once on PostgreSQL (a pool of their own). */
  interactivePoolSize: number;
  /** Memory lookups compare at most this many characters: a longer segment gets exact matches only. */
  memoryFuzzyMaxChars: number;
  /** Webhooks: send to loopback, private and link-local addresses too (a self-hosted intranet, tests). */
  webhookAllowPrivate: boolean;
  /** Webhooks: one delivery attempt's time limit, ms. */
  webhookTimeoutMs: number;
  /** Webhooks: the wait after the first failed attempt, doubled after each further one, ms. */
  webhookRetryBaseMs: number;
  /** Webhooks: attempts before a delivery is given up. */
  webhookMaxAttempts: number;
  /** Webhooks: how often each process looks for due deliveries (rows other processes wrote, retries), ms. */
  webhookPollMs: number;
}

export class ConfigError extends Error {}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = 65535): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

const MAX_WORKERS = 64;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const adminEmail = env.LOCKSTEP_ADMIN_EMAIL?.trim() || undefined;
  const adminPassword = env.LOCKSTEP_ADMIN_PASSWORD || undefined;
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    throw new ConfigError('Set both LOCKSTEP_ADMIN_EMAIL and LOCKSTEP_ADMIN_PASSWORD, or neither.');
  }
  const workers = intFromEnv(env, 'LOCKSTEP_WORKERS', 1, 1, MAX_WORKERS);
  if (workers > 1 && !env.DATABASE_URL) {
    throw new ConfigError(
      `LOCKSTEP_WORKERS=${workers} needs DATABASE_URL: the embedded database can be opened by one process only. Set DATABASE_URL or leave LOCKSTEP_WORKERS at 1.`,
    );
  }
  return {
    port: intFromEnv(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(REPO_ROOT, env.LOCKSTEP_DATA_DIR || 'data'),
    demo: env.LOCKSTEP_DEMO !== '0',
    adminEmail,
    adminPassword,
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    clientDir: path.join(REPO_ROOT, 'client', 'dist'),
    sessionTtlMs: 14 * 24 * 3600 * 1000,
    secureCookies: env.LOCKSTEP_SECURE_COOKIES === '1',
    trustProxy: env.LOCKSTEP_TRUST_PROXY === '1',
    workers,
    statementTimeoutMs: intFromEnv(env, 'LOCKSTEP_STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS, 0, 3_600_000),
    interactiveTimeoutMs: intFromEnv(env, 'LOCKSTEP_INTERACTIVE_TIMEOUT_MS', DEFAULT_INTERACTIVE_TIMEOUT_MS, 1, 3_600_000),
    interactivePoolSize: intFromEnv(env, 'LOCKSTEP_INTERACTIVE_POOL', DEFAULT_INTERACTIVE_POOL_SIZE, 1, 100),
    memoryFuzzyMaxChars: intFromEnv(env, 'LOCKSTEP_MEMORY_MAX_CHARS', DEFAULT_MEMORY_FUZZY_MAX_CHARS, 1, 1_000_000),
    webhookAllowPrivate: env.LOCKSTEP_WEBHOOK_ALLOW_PRIVATE === '1',
    webhookTimeoutMs: intFromEnv(env, 'LOCKSTEP_WEBHOOK_TIMEOUT_MS', 10_000, 100, 600_000),
    webhookRetryBaseMs: intFromEnv(env, 'LOCKSTEP_WEBHOOK_RETRY_BASE_MS', 30_000, 1, 3_600_000),
    webhookMaxAttempts: intFromEnv(env, 'LOCKSTEP_WEBHOOK_MAX_ATTEMPTS', 8, 1, 100),
    webhookPollMs: 2_000,
  };
}

/** What `openDb` needs from the configuration. */
export function dbOptions(config: Config): OpenDbOptions {
  return {
    url: config.databaseUrl,
    dataDir: config.dataDir,
    statementTimeoutMs: config.statementTimeoutMs,
    interactiveTimeoutMs: config.interactiveTimeoutMs,
    interactivePoolSize: config.interactivePoolSize,
  };
}
