import type { LanguageCode } from '@lockstep/shared';
import { CachedLookup, EngineError, type EngineRequest, type MtEngine } from './engine.js';
import { callEngine, endpoint, stringField } from './http.js';

/** Where DeepL has only regional variants of a target language, the one used (its list decides whether it exists). */
const TARGET_VARIANT: Partial<Record<LanguageCode, string>> = { en: 'EN-US', pt: 'PT-PT' };

interface Languages {
  source: Set<string>;
  target: Set<string>;
}

/**
 * DeepL's API v2: `POST /v2/translate` (JSON, `Authorization: DeepL-Auth-Key …`) with
 * `tag_handling=xml`, which translates around our `<g>`/`<x/>` tags and keeps them;
 * `GET /v2/languages?type=source|target` for the pairs.
 */
export class DeepLEngine implements MtEngine {
  readonly name = 'deepl' as const;
  readonly keepsTags = true;
  private readonly languages: CachedLookup<Languages>;

  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
    private readonly onLookupError: (err: unknown) => void,
  ) {
    this.languages = new CachedLookup((signal) => this.listLanguages(signal), { source: new Set(), target: new Set() });
  }

  private get headers(): Record<string, string> {
    return { Authorization: `DeepL-Auth-Key ${this.key}` };
  }

  async serves(sourceLang: LanguageCode, targetLang: LanguageCode, signal: AbortSignal): Promise<boolean> {
    const langs = await this.languages.get(signal, this.onLookupError);
    return langs.source.has(sourceLang.toUpperCase()) && targetCode(targetLang, langs.target) !== undefined;
  }

  private async listLanguages(signal: AbortSignal): Promise<Languages> {
    const codes = async (type: 'source' | 'target') => {
      const body = await callEngine(endpoint(this.baseUrl, '/v2/languages', { type }), { method: 'GET', headers: this.headers }, signal);
      if (!Array.isArray(body)) throw new EngineError(`/v2/languages?type=${type} is not a list`);
      return new Set(body.map((l: unknown) => stringField(l, 'language', '/v2/languages entry').toUpperCase()));
    };
    const [source, target] = await Promise.all([codes('source'), codes('target')]);
    return { source, target };
  }

  async translate(request: EngineRequest, signal: AbortSignal): Promise<string> {
    const langs = await this.languages.get(signal, this.onLookupError);
    const target = targetCode(request.targetLang, langs.target);
    if (!target) throw new EngineError(`no DeepL target language for ${request.targetLang}`);
    const body = await callEngine(
      endpoint(this.baseUrl, '/v2/translate'),
      {
        method: 'POST',
        headers: { ...this.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: [request.text], source_lang: request.sourceLang.toUpperCase(), target_lang: target, tag_handling: 'xml' }),
      },
      signal,
    );
    const translations = body && typeof body === 'object' ? (body as { translations?: unknown }).translations : undefined;
    if (!Array.isArray(translations) || translations.length !== 1) throw new EngineError('/v2/translate has no translations list of one');
    return stringField(translations[0], 'text', '/v2/translate translation');
  }
}

function targetCode(lang: LanguageCode, targets: Set<string>): string | undefined {
  const plain = lang.toUpperCase();
  if (targets.has(plain)) return plain;
  const variant = TARGET_VARIANT[lang];
  if (variant && targets.has(variant)) return variant;
  return [...targets].find((t) => t.startsWith(`${plain}-`));
}
