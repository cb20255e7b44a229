/** Machine translation as the administrator configured it (LOCKSTEP_MT_*; config.ts reads them). */
export interface MtSettings {
  /** apertium-apy's base URL. */
  apertiumUrl?: string;
  /** DeepL's API base URL (`https://api.deepl.com`, or `https://api-free.deepl.com` for a free key) and key. */
  deepl?: { url: string; key: string };
  /** A LibreTranslate server's base URL and its API key, if it wants one. */
  libreTranslate?: { url: string; key?: string };
  /** One engine call's time limit, waiting for a free slot included, ms. */
  timeoutMs: number;
  /** Calls one engine may have in flight from one process; more wait (within the time limit). */
  concurrency: number;
  /** Suggestions kept in each process's cache (least recently used dropped first). */
  cacheEntries: number;
  /** How long a cached suggestion is used, ms (so an upgraded engine's output arrives). */
  cacheTtlMs: number;
}

export const DEFAULT_MT_TIMEOUT_MS = 5_000;
export const DEFAULT_MT_CONCURRENCY = 4;
export const DEFAULT_MT_CACHE_ENTRIES = 10_000;
export const DEFAULT_MT_CACHE_TTL_MS = 24 * 3_600_000;

/** No engine configured: every pair gets an empty list. */
export const NO_MT: MtSettings = {
  timeoutMs: DEFAULT_MT_TIMEOUT_MS,
  concurrency: DEFAULT_MT_CONCURRENCY,
  cacheEntries: DEFAULT_MT_CACHE_ENTRIES,
  cacheTtlMs: DEFAULT_MT_CACHE_TTL_MS,
};
