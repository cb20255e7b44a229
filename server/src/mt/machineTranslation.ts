import { codesToText, markupToCoded, markupToPlain, placeCodesByPosition, runsToMarkup, runsToPlain, type LanguageCode, type SourceRun } from '@lockstep/shared';
import type { MachineSuggestion } from '@lockstep/shared/api';
import { LRUCache } from 'lru-cache';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from '../logger.js';
import { ApertiumEngine } from './apertium.js';
import { DeepLEngine } from './deepl.js';
import type { MtEngine } from './engine.js';
import { LibreTranslateEngine } from './libreTranslate.js';
import type { MtSettings } from './settings.js';

/** What is asked: a segment's source (its runs carry the inline codes) into one language. */
export interface MtQuery {
  sourceRuns: readonly SourceRun[];
  sourceLang: LanguageCode;
  targetLang: LanguageCode;
}

/** Calls that may wait for an engine's free slot, per engine; one more is not made at all. */
const QUEUE_PER_SLOT = 4;

/** Why a call ended without a suggestion; a departed client is not worth a log line. */
class Departed extends Error {}

/** The engines configured, in the order their suggestions are listed. */
export function enginesOf(settings: MtSettings, onLookupError: (engine: string) => (err: unknown) => void): MtEngine[] {
  const engines: MtEngine[] = [];
  if (settings.apertiumUrl) engines.push(new ApertiumEngine(settings.apertiumUrl, onLookupError('apertium')));
  if (settings.deepl) engines.push(new DeepLEngine(settings.deepl.url, settings.deepl.key, onLookupError('deepl')));
  if (settings.libreTranslate) engines.push(new LibreTranslateEngine(settings.libreTranslate.url, settings.libreTranslate.key, onLookupError('libretranslate')));
  return engines;
}

/**
 * Machine-translation suggestions from every configured engine that serves the pair, asked in
 * parallel. An engine that fails, answers nonsense or misses the time limit gives no
 * suggestion and a warning in the log, never an error to the editor. Each engine has its own
 * concurrency limit (so a slow one cannot hold another's slots) and a bounded queue; the time
 * limit covers the wait for a slot too. Suggestions are cached per (engine, source text with
 * its codes, language pair) in a bounded LRU, and identical calls in flight share one request.
 */
export class MachineTranslation {
  private readonly engines: MtEngine[];
  private readonly limits = new Map<string, LimitFunction>();
  private readonly cache: LRUCache<string, MachineSuggestion | 'none'>;
  private readonly inFlight = new Map<string, Promise<MachineSuggestion | null>>();

  constructor(
    private readonly settings: MtSettings,
    private readonly logger: Logger,
    engines?: MtEngine[],
  ) {
    this.engines = engines ?? enginesOf(settings, (engine) => (err) => this.logger.warn({ engine, err: reason(err) }, 'machine translation: language list unavailable'));
    for (const e of this.engines) this.limits.set(e.name, pLimit(settings.concurrency));
    this.cache = new LRUCache({ max: settings.cacheEntries, ttl: settings.cacheTtlMs });
  }

  get configured(): boolean {
    return this.engines.length > 0;
  }

  async suggest(query: MtQuery, signal?: AbortSignal): Promise<MachineSuggestion[]> {
    if (query.sourceLang === query.targetLang) return [];
    const answers = await Promise.all(this.engines.map((engine) => this.ask(engine, query, signal)));
    return answers.filter((a): a is MachineSuggestion => a !== null);
  }

  private async ask(engine: MtEngine, query: MtQuery, clientSignal?: AbortSignal): Promise<MachineSuggestion | null> {
    const text = engine.keepsTags ? runsToMarkup(query.sourceRuns) : runsToPlain(query.sourceRuns);
    if (text.trim() === '') return null;
    const key = JSON.stringify([engine.name, query.sourceLang, query.targetLang, text]);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached === 'none' ? null : cached;
    let pending = this.inFlight.get(key);
    if (!pending) {
      // Shared by every identical request, so it runs to its own time limit, not one client's.
      pending = this.call(engine, query, text, key).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return clientSignal ? raceAbort(pending, clientSignal).catch(() => null) : pending;
  }

  private async call(engine: MtEngine, query: MtQuery, text: string, key: string): Promise<MachineSuggestion | null> {
    const limit = this.limits.get(engine.name)!;
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    const started = Date.now();
    try {
      if (limit.pendingCount >= this.settings.concurrency * QUEUE_PER_SLOT) throw new Error('too many calls waiting for the engine');
      const answer = await raceAbort(
        limit(async () => {
          signal.throwIfAborted();
          if (!(await engine.serves(query.sourceLang, query.targetLang, signal))) return null;
          return engine.translate({ sourceLang: query.sourceLang, targetLang: query.targetLang, text }, signal);
        }),
        signal,
      );
      if (answer === null) return null;
      const suggestion = toSuggestion(engine, query.sourceRuns, answer);
      this.cache.set(key, suggestion ?? 'none');
      return suggestion;
    } catch (err) {
      if (!(err instanceof Departed)) {
        this.logger.warn({ engine: engine.name, pair: `${query.sourceLang}-${query.targetLang}`, ms: Date.now() - started, err: reason(err) }, 'machine translation: no suggestion');
      }
      return null;
    }
  }
}

/** An engine's answer as a suggestion: codes read back from its tags, else placed by position. */
function toSuggestion(engine: MtEngine, sourceRuns: readonly SourceRun[], answer: string): MachineSuggestion | null {
  const hasCodes = sourceRuns.some((r) => r.type !== 'text');
  if (engine.keepsTags) {
    const coded = markupToCoded(answer, sourceRuns);
    if (coded !== null) return coded.trim() === '' ? null : { engine: engine.name, text: coded, needsCodePlacement: false };
  }
  const plain = engine.keepsTags ? markupToPlain(answer) : answer.replace(/\s+/g, ' ').trim();
  if (plain === '') return null;
  return hasCodes
    ? { engine: engine.name, text: placeCodesByPosition(sourceRuns, plain), needsCodePlacement: true }
    : { engine: engine.name, text: codesToText([{ type: 'text', text: plain }]), needsCodePlacement: false };
}

/** `work`, or a rejection as soon as `signal` aborts (the work itself goes on where it was shared). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function abortReason(signal: AbortSignal): Error {
  // By name: the reason is a DOMException, which need not be this realm's Error.
  const r = signal.reason as { name?: unknown } | undefined;
  if (r?.name === 'TimeoutError') return Object.assign(new Error('timed out'), { name: 'TimeoutError' });
  return new Departed('the client went away');
}

/** A failure as one log-friendly line (never a request body or key: adapters put none in messages). */
function reason(err: unknown): string {
  const name = (err as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timed out';
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}
