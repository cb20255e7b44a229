import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MEMORY_FUZZY_MAX_CHARS } from '@lockstep/shared';
import { DEFAULT_INTERACTIVE_POOL_SIZE, DEFAULT_INTERACTIVE_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, type OpenDbOptions } from './db/db.js';
import { DEFAULT_MT_CACHE_ENTRIES, DEFAULT_MT_CACHE_TTL_MS, DEFAULT_MT_CONCURRENCY, DEFAULT_MT_TIMEOUT_MS, type MtSettings } from './mt/settings.js';
import { HELPER_THREADS_NICE } from './parsing/helperThreads.js';
import { DEFAULT_PARSE_MEMORY_MB, defaultParseThreads, type ParseSettings } from './parsing/settings.js';
import { passwordCostFromEnv } from './security/passwords.js';

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
  /**
   * Which proxies may set the client address (Express `trust proxy`): false, a number of
   * hops, or proxy addresses and subnets. Never `true`, which believes the left-most
   * X-Forwarded-For entry, the one the client writes.
   */
  trustProxy: false | number | string[];
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
  /** The worker threads that parse XLIFF and Markdown off the request thread (parsing/pool.ts). */
  parse: ParseSettings;
  /** Nice value of V8's helper threads (parsing/helperThreads.ts); 0 leaves them at the process's. */
  v8HelpersNice: number;
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
  /** Machine-translation engines and their limits (LOCKSTEP_MT_*). */
  mt: MtSettings;
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

/**
 * LOCKSTEP_PASSWORD_COST is read by security/passwords.ts where it hashes; it is checked here
 * so that a bad value stops the server at start-up, not its first sign-up.
 */
function checkPasswordCost(env: NodeJS.ProcessEnv): void {
  try {
    passwordCostFromEnv(env);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

// proxy-addr's names for address ranges, accepted by Express `trust proxy`.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** LOCKSTEP_TRUST_PROXY: unset or 0, a hop count, or a comma-separated list of addresses and subnets. */
function trustProxyFromEnv(raw: string | undefined): Config['trustProxy'] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0') return false;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isProxyAddress(e));
  if (bad !== undefined) {
    throw new ConfigError(
      `LOCKSTEP_TRUST_PROXY must be a number of proxy hops (such as 1) or a comma-separated list of proxy addresses, subnets (10.0.0.0/8) or loopback, linklocal, uniquelocal; "${bad}" is none of these.`,
    );
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const adminEmail = env.LOCKSTEP_ADMIN_EMAIL?.trim() || undefined;
  const adminPassword = env.LOCKSTEP_ADMIN_PASSWORD || undefined;
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    throw new ConfigError('Set both LOCKSTEP_ADMIN_EMAIL and LOCKSTEP_ADMIN_PASSWORD, or neither.');
  }
  checkPasswordCost(env);
  const workers = intFromEnv(env, 'LOCKSTEP_WORKERS', 1, 1, MAX_WORKERS);
  if (workers > 1 && !env.DATABASE_URL) {
    throw new ConfigError(
      `LOCKSTEP_WORKERS=${workers} needs DATABASE_URL: the embedded database can be opened by one process only. Set DATABASE_URL or leave LOCKSTEP_WORKERS at 1.`,
    );
  }
  const parseThreads = intFromEnv(env, 'LOCKSTEP_PARSE_THREADS', defaultParseThreads(), 1, 64);
  const parse: ParseSettings = {
    threads: parseThreads,
    queue: intFromEnv(env, 'LOCKSTEP_PARSE_QUEUE', 4 * parseThreads, 0, 1000),
    memoryMb: intFromEnv(env, 'LOCKSTEP_PARSE_MEMORY_MB', DEFAULT_PARSE_MEMORY_MB, 64, 65536),
  };
  return {
    v8HelpersNice: intFromEnv(env, 'LOCKSTEP_V8_HELPERS_NICE', HELPER_THREADS_NICE, 0, 19),
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
    trustProxy: trustProxyFromEnv(env.LOCKSTEP_TRUST_PROXY),
    workers,
    statementTimeoutMs: intFromEnv(env, 'LOCKSTEP_STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS, 0, 3_600_000),
    interactiveTimeoutMs: intFromEnv(env, 'LOCKSTEP_INTERACTIVE_TIMEOUT_MS', DEFAULT_INTERACTIVE_TIMEOUT_MS, 1, 3_600_000),
    interactivePoolSize: intFromEnv(env, 'LOCKSTEP_INTERACTIVE_POOL', DEFAULT_INTERACTIVE_POOL_SIZE, 1, 100),
    memoryFuzzyMaxChars: intFromEnv(env, 'LOCKSTEP_MEMORY_MAX_CHARS', DEFAULT_MEMORY_FUZZY_MAX_CHARS, 1, 1_000_000),
    parse,
    webhookAllowPrivate: env.LOCKSTEP_WEBHOOK_ALLOW_PRIVATE === '1',
    webhookTimeoutMs: intFromEnv(env, 'LOCKSTEP_WEBHOOK_TIMEOUT_MS', 10_000, 100, 600_000),
    webhookRetryBaseMs: intFromEnv(env, 'LOCKSTEP_WEBHOOK_RETRY_BASE_MS', 30_000, 1, 3_600_000),
    webhookMaxAttempts: intFromEnv(env, 'LOCKSTEP_WEBHOOK_MAX_ATTEMPTS', 8, 1, 100),
    webhookPollMs: 2_000,
    mt: mtFromEnv(env),
  };
}

/** An engine's base URL: absolute http(s), no credentials in it (keys have variables of their own). */
function engineUrlFromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL such as http://127.0.0.1:2737, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http or https URL such as http://127.0.0.1:2737, got "${raw}"`);
  if (url.username || url.password) throw new ConfigError(`${name} must not carry credentials; put the key in its _KEY variable.`);
  return url.toString();
}

/**
 * LOCKSTEP_MT_*: each engine is on when its URL (DeepL: its key) is set. A DeepL key ending in
 * `:fx` is a free account's, whose API lives at api-free.deepl.com.
 */
function mtFromEnv(env: NodeJS.ProcessEnv): MtSettings {
  const deeplKey = env.LOCKSTEP_MT_DEEPL_KEY?.trim() || undefined;
  const deeplUrl = engineUrlFromEnv(env, 'LOCKSTEP_MT_DEEPL_URL');
  if (deeplUrl && !deeplKey) throw new ConfigError('LOCKSTEP_MT_DEEPL_URL needs LOCKSTEP_MT_DEEPL_KEY: DeepL answers nothing without a key.');
  const libreUrl = engineUrlFromEnv(env, 'LOCKSTEP_MT_LIBRETRANSLATE_URL');
  const libreKey = env.LOCKSTEP_MT_LIBRETRANSLATE_KEY?.trim() || undefined;
  if (libreKey && !libreUrl) throw new ConfigError('LOCKSTEP_MT_LIBRETRANSLATE_KEY is set but LOCKSTEP_MT_LIBRETRANSLATE_URL is not: say which server the key is for.');
  return {
    apertiumUrl: engineUrlFromEnv(env, 'LOCKSTEP_MT_APERTIUM_URL'),
    deepl: deeplKey ? { url: deeplUrl ?? (deeplKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com'), key: deeplKey } : undefined,
    libreTranslate: libreUrl ? { url: libreUrl, key: libreKey } : undefined,
    timeoutMs: intFromEnv(env, 'LOCKSTEP_MT_TIMEOUT_MS', DEFAULT_MT_TIMEOUT_MS, 100, 120_000),
    concurrency: intFromEnv(env, 'LOCKSTEP_MT_CONCURRENCY', DEFAULT_MT_CONCURRENCY, 1, 256),
    cacheEntries: intFromEnv(env, 'LOCKSTEP_MT_CACHE_ENTRIES', DEFAULT_MT_CACHE_ENTRIES, 1, 10_000_000),
    cacheTtlMs: DEFAULT_MT_CACHE_TTL_MS,
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
