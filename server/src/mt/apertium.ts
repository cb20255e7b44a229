import type { LanguageCode } from '@lockstep/shared';
import { CachedLookup, EngineError, type EngineRequest, type MtEngine } from './engine.js';
import { callEngine, endpoint, stringField } from './http.js';

/** Apertium names languages by ISO 639-3 (`eng`, `spa`); a pair's variants (`eng_US`) are not ours. */
const ISO_639_3: Record<LanguageCode, string> = { en: 'eng', es: 'spa', ko: 'kor', pt: 'por', el: 'ell', hi: 'hin', fr: 'fra', tl: 'tgl', ru: 'rus' };

/**
 * Apertium's HTTP service (apertium-apy): `GET /listPairs`, `POST /translate` with
 * `langpair=eng|spa`. `format=html` keeps our `<g>`/`<x/>` tags in place (its deformatter
 * treats every tag as formatting, not text); `markUnknown=no` leaves out the `*` it otherwise
 * puts before words it does not know, which a translator would have to delete.
 */
export class ApertiumEngine implements MtEngine {
  readonly name = 'apertium' as const;
  readonly keepsTags = true;
  private readonly pairs: CachedLookup<Set<string>>;

  constructor(
    private readonly baseUrl: string,
    private readonly onLookupError: (err: unknown) => void,
  ) {
    this.pairs = new CachedLookup((signal) => this.listPairs(signal), new Set());
  }

  async serves(sourceLang: LanguageCode, targetLang: LanguageCode, signal: AbortSignal): Promise<boolean> {
    const pairs = await this.pairs.get(signal, this.onLookupError);
    return pairs.has(`${ISO_639_3[sourceLang]}|${ISO_639_3[targetLang]}`);
  }

  private async listPairs(signal: AbortSignal): Promise<Set<string>> {
    const body = await callEngine(endpoint(this.baseUrl, '/listPairs'), { method: 'GET' }, signal);
    const data = body && typeof body === 'object' ? (body as { responseData?: unknown }).responseData : undefined;
    if (!Array.isArray(data)) throw new EngineError('/listPairs has no responseData list');
    const out = new Set<string>();
    for (const p of data) {
      const pair = p as { sourceLanguage?: unknown; targetLanguage?: unknown };
      if (typeof pair.sourceLanguage === 'string' && typeof pair.targetLanguage === 'string') out.add(`${pair.sourceLanguage}|${pair.targetLanguage}`);
    }
    return out;
  }

  async translate(request: EngineRequest, signal: AbortSignal): Promise<string> {
    const form = new URLSearchParams({
      langpair: `${ISO_639_3[request.sourceLang]}|${ISO_639_3[request.targetLang]}`,
      q: request.text,
      format: 'html',
      markUnknown: 'no',
    });
    const body = await callEngine(
      endpoint(this.baseUrl, '/translate'),
      { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() },
      signal,
    );
    const status = body && typeof body === 'object' ? (body as { responseStatus?: unknown }).responseStatus : undefined;
    if (status !== 200) throw new EngineError(`/translate answered responseStatus ${String(status)}`);
    return stringField((body as { responseData?: unknown }).responseData, 'translatedText', '/translate responseData');
  }
}
