import type { LanguageCode } from '@lockstep/shared';
import type { MachineTranslationEngine } from '@lockstep/shared/api';

/** One request to an engine: `text` is markup (`runsToMarkup`) when the engine keeps tags, else plain words. */
export interface EngineRequest {
  sourceLang: LanguageCode;
  targetLang: LanguageCode;
  text: string;
}

/**
 * A machine-translation engine behind an HTTP API. Adapters only speak the engine's protocol;
 * timeouts, concurrency, caching and what a failure means are `MachineTranslation`'s.
 */
export interface MtEngine {
  readonly name: MachineTranslationEngine;
  /** Sent markup with `<g id>`/`<x id/>` tags it gives back in place; otherwise sent plain text. */
  readonly keepsTags: boolean;
  /** Whether it translates `sourceLang` → `targetLang` (from its own language list, cached). */
  serves(sourceLang: LanguageCode, targetLang: LanguageCode, signal: AbortSignal): Promise<boolean>;
  /** The translation as the engine returned it (markup or plain, as sent). */
  translate(request: EngineRequest, signal: AbortSignal): Promise<string>;
}

/** The engine answered, but not with a translation (an HTTP error, an error body, an unexpected shape). */
export class EngineError extends Error {}

/**
 * An engine's language list, asked once and kept: for an hour when it answered, for a minute
 * when it failed (so an engine that was down is asked again soon, not on every segment).
 * Concurrent askers share one request.
 */
export class CachedLookup<T> {
  private value?: { data: T; until: number };
  private pending?: Promise<T>;

  constructor(
    private readonly load: (signal: AbortSignal) => Promise<T>,
    private readonly fallback: T,
    private readonly okMs = 3_600_000,
    private readonly failedMs = 60_000,
  ) {}

  async get(signal: AbortSignal, onError: (err: unknown) => void): Promise<T> {
    if (this.value && this.value.until > Date.now()) return this.value.data;
    this.pending ??= this.load(signal)
      .then(
        (data) => {
          this.value = { data, until: Date.now() + this.okMs };
          return data;
        },
        (err: unknown) => {
          onError(err);
          this.value = { data: this.fallback, until: Date.now() + this.failedMs };
          return this.fallback;
        },
      )
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}
