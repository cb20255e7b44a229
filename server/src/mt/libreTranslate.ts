import { isLanguageCode, type LanguageCode } from '@lockstep/shared';
import { CachedLookup, EngineError, type EngineRequest, type MtEngine } from './engine.js';
import { callEngine, endpoint, stringField } from './http.js';

/**
 * LibreTranslate: `POST /translate` (JSON `{q, source, target, format, api_key}` →
 * `{translatedText}`) and `GET /languages` (`[{code, targets}]`). Sent plain text: its HTML
 * mode translates the text between tags piece by piece, which breaks a sentence at every
 * code, so the codes are put back by position instead (and the suggestion says so).
 */
export class LibreTranslateEngine implements MtEngine {
  readonly name = 'libretranslate' as const;
  readonly keepsTags = false;
  private readonly pairs: CachedLookup<Map<string, Set<string>>>;

  constructor(
    private readonly baseUrl: string,
    private readonly key: string | undefined,
    private readonly onLookupError: (err: unknown) => void,
  ) {
    this.pairs = new CachedLookup((signal) => this.listLanguages(signal), new Map());
  }

  async serves(sourceLang: LanguageCode, targetLang: LanguageCode, signal: AbortSignal): Promise<boolean> {
    const pairs = await this.pairs.get(signal, this.onLookupError);
    return pairs.get(sourceLang)?.has(targetLang) ?? false;
  }

  private async listLanguages(signal: AbortSignal): Promise<Map<string, Set<string>>> {
    const body = await callEngine(endpoint(this.baseUrl, '/languages'), { method: 'GET' }, signal);
    if (!Array.isArray(body)) throw new EngineError('/languages is not a list');
    const codes = body.map((l: unknown) => stringField(l, 'code', '/languages entry'));
    const out = new Map<string, Set<string>>();
    for (const l of body as { code: string; targets?: unknown }[]) {
      if (!isLanguageCode(l.code)) continue;
      // Versions before 1.3 list no targets: every language translates into every other.
      const targets = Array.isArray(l.targets) ? l.targets.filter((t): t is string => typeof t === 'string') : codes;
      out.set(l.code, new Set(targets.filter((t) => t !== l.code)));
    }
    return out;
  }

  async translate(request: EngineRequest, signal: AbortSignal): Promise<string> {
    const body = await callEngine(
      endpoint(this.baseUrl, '/translate'),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ q: request.text, source: request.sourceLang, target: request.targetLang, format: 'text', ...(this.key ? { api_key: this.key } : {}) }),
      },
      signal,
    );
    return stringField(body, 'translatedText', '/translate answer');
  }
}
