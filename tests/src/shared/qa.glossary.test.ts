import { describe, expect, test } from '@jest/globals';
import { checkSegment, glossaryForQa } from '@lockstep/shared';
import type { GlossaryEntry } from '@lockstep/shared/api';

/** The glossary QA warnings (docs/qa-checks.md): an approved translation missing, a do-not-translate term changed. */

const GLOSSARY: Pick<GlossaryEntry, 'id' | 'term' | 'caseSensitive' | 'doNotTranslate' | 'translations'>[] = [
  { id: 1, term: 'special military operation', caseSensitive: false, doNotTranslate: false, translations: { ko: ['특별 군사 작전'], ru: ['специальная военная операция'], hi: ['विशेष सैन्य अभियान'] } },
  { id: 2, term: 'NATO', caseSensitive: true, doNotTranslate: true, translations: {} },
  { id: 3, term: 'peace', caseSensitive: false, doNotTranslate: false, translations: { es: ['paz'] } },
];
const codes = (source: string, target: string, lang: string) =>
  checkSegment({ sourceCoded: source, targetCoded: target, sourceLang: 'en', targetLang: lang, glossary: glossaryForQa(GLOSSARY, lang) })
    .filter((w) => w.code.startsWith('glossary_'))
    .map((w) => [w.code, (w.details!.terms as { term: string }[]).map((t) => t.term)]);

describe('glossary QA', () => {
  test('an approved translation in the target, inflected or with a particle, is clean', () => {
    expect(codes('The special military operation began.', '특별 군사 작전은 시작되었다.', 'ko')).toEqual([]);
    expect(codes('The special military operation began.', 'Началась специальная военная операция.', 'ru')).toEqual([]);
    expect(codes('During the special military operation.', 'В ходе специальной военной операции.', 'ru')).toEqual([]);
    expect(codes('The <1>special military operation</1> began.', 'विशेष सैन्य अभियान <1>शुरू</1> हुआ।', 'hi')).toEqual([]);
  });

  test('a missing approved translation is flagged with the term and its translations', () => {
    expect(codes('The special military operation began.', 'Началась война.', 'ru')).toEqual([['glossary_term_missing', ['special military operation']]]);
    const [w] = checkSegment({ sourceCoded: 'We want peace.', targetCoded: 'Queremos calma.', sourceLang: 'en', targetLang: 'es', glossary: glossaryForQa(GLOSSARY, 'es') });
    expect(w.code).toBe('glossary_term_missing');
    expect(w.message).toContain('"peace" (paz)');
  });

  test('a do-not-translate term must stay as written (particles may attach)', () => {
    expect(codes('NATO lied for 30 years.', '나토는 30년 동안 거짓말을 했다.', 'ko')).toEqual([['glossary_do_not_translate', ['NATO']]]);
    expect(codes('NATO lied for 30 years.', 'NATO는 30년 동안 거짓말을 했다.', 'ko')).toEqual([]);
    expect(codes('NATO lied for 30 years.', 'Nato mintió durante 30 años.', 'es')).toEqual([['glossary_do_not_translate', ['NATO']]]);
  });

  test('terms without a translation into the target language, and texts without terms, are not checked', () => {
    expect(codes('We want peace.', 'Мы хотим покоя.', 'ru')).toEqual([]);
    expect(codes('Nothing here.', 'Nada aquí.', 'es')).toEqual([]);
    // Without a glossary the check does not run.
    expect(checkSegment({ sourceCoded: 'NATO.', targetCoded: 'OTAN.', sourceLang: 'en', targetLang: 'es' }).map((w) => w.code)).not.toContain('glossary_do_not_translate');
  });
});
