import { containsTerm, findTerms } from '../glossary/match.js';
import type { GlossaryQaTerm, QaWarning, SegmentQaCode } from './types.js';

type Warn = QaWarning<SegmentQaCode>;

/**
 * Glossary terms of the source against the translation. A term found in the source needs one
 * of its approved translations in the target language, found as tolerantly as the source term
 * (inflected, Korean particles attached); a do-not-translate term needs itself. Terms without
 * a translation in the target language and not marked do-not-translate are not checked.
 */
export function checkGlossary(source: string, target: string, sourceLang: string, targetLang: string, terms: readonly GlossaryQaTerm[]): Warn[] {
  if (!terms.length) return [];
  const byId = new Map(terms.map((t) => [t.id, t]));
  const missing = new Map<number, GlossaryQaTerm>();
  const changed = new Map<number, GlossaryQaTerm>();
  for (const found of findTerms(source, sourceLang, terms)) {
    const term = byId.get(found.termId)!;
    if (term.doNotTranslate) {
      if (!containsTerm(target, targetLang, term.term, term.caseSensitive)) changed.set(term.id, term);
    } else if (term.translations.length && !term.translations.some((t) => containsTerm(target, targetLang, t))) {
      missing.set(term.id, term);
    }
  }
  const out: Warn[] = [];
  if (missing.size) {
    const list = [...missing.values()];
    out.push({
      code: 'glossary_term_missing',
      message: `The translation does not use the glossary's translation of ${list.map((t) => `"${t.term}" (${t.translations.join(' / ')})`).join(', ')}.`,
      details: { terms: list.map((t) => ({ id: t.id, term: t.term, translations: t.translations })) },
    });
  }
  if (changed.size) {
    const list = [...changed.values()];
    out.push({
      code: 'glossary_do_not_translate',
      message: `The glossary keeps ${list.map((t) => `"${t.term}"`).join(', ')} as written, and the translation does not have it.`,
      details: { terms: list.map((t) => ({ id: t.id, term: t.term })) },
    });
  }
  return out;
}
