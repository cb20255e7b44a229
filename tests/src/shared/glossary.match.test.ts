import { describe, expect, test } from '@jest/globals';
import { containsTerm, findTerms, type MatchableTerm } from '@lockstep/shared';

/** Term matching in the nine languages (issue 21): word boundaries per script, inflection by prefix. */

const term = (id: number, text: string, caseSensitive = false): MatchableTerm => ({ id, term: text, caseSensitive });
/** The texts of the terms found, in order. */
const found = (text: string, lang: string, terms: MatchableTerm[]) => findTerms(text, lang, terms).map((o) => text.slice(o.start, o.end));

describe('source terms, by language', () => {
  test('en: whole words, plurals, the term before a possessive; not inside another word', () => {
    const terms = [term(1, 'operation'), term(2, 'NATO'), term(3, 'war')];
    expect(found("NATO's operations began; the war went on.", 'en', terms)).toEqual(['NATO', 'operations', 'war']);
    expect(found('A cooperation of warriors and a software award.', 'en', terms)).toEqual([]);
  });

  test('en: a multi-word term wins over its part; case-sensitive terms keep their case', () => {
    const terms = [term(1, 'Special Military Operation'), term(2, 'operation'), term(3, 'US', true)];
    expect(found('The special military operation is not an operation. Tell us, US.', 'en', terms)).toEqual([
      'special military operation',
      'operation',
      'US',
    ]);
    // A sentence break between the words is not the term.
    expect(found('It was special. Military operation followed.', 'en', [term(1, 'Special Military Operation')])).toEqual([]);
  });

  test('es: accents and endings ("nación" ~ "naciones")', () => {
    expect(found('Las Naciones Unidas y la nacion.', 'es', [term(1, 'nación')])).toEqual(['Naciones', 'nacion']);
    expect(found('Una nacionalidad distinta.', 'es', [term(1, 'nación')])).toEqual([]);
  });

  test('pt: plural of "-ção" ("operação" ~ "operações")', () => {
    expect(found('As operações militares e a operação especial.', 'pt', [term(1, 'operação')])).toEqual(['operações', 'operação']);
  });

  test('fr: elision before the term ("l’OTAN")', () => {
    expect(found('Depuis 30 ans, l’OTAN ment.', 'fr', [term(1, 'OTAN')])).toEqual(['OTAN']);
  });

  test('tl: Tagalog words and affixed forms by prefix', () => {
    expect(found('Ang digmaan at mga digmaang ito.', 'tl', [term(1, 'digmaan')])).toEqual(['digmaan', 'digmaang']);
  });

  test('ru: cases of each word of a multi-word term', () => {
    const smo = [term(1, 'специальная военная операция')];
    expect(found('В ходе специальной военной операции армия', 'ru', smo)).toEqual(['специальной военной операции']);
    expect(found('Ёлка и елка', 'ru', [term(2, 'ёлка')])).toEqual(['Ёлка', 'елка']);
  });

  test('el: accents move and the final sigma changes ("επιχείρηση" ~ "επιχείρησης")', () => {
    expect(found('Της ειδικής στρατιωτικής επιχείρησης.', 'el', [term(1, 'επιχείρηση')])).toEqual(['επιχείρησης']);
    expect(found('Ο ΝΑΤΟ είπε', 'el', [term(2, 'νατο')])).toEqual(['ΝΑΤΟ']);
  });

  test('ko: particles attach to the noun', () => {
    const nato = [term(1, '나토')];
    expect(found('나토는 30년 동안 나토의 약속을 어겼다.', 'ko', nato)).toEqual(['나토는', '나토의']);
    // The term in the middle of a longer word is not the term.
    expect(found('가나토는', 'ko', nato)).toEqual([]);
  });

  test('hi: postpositions are separate words; oblique plural endings', () => {
    expect(found('नाटो के देशों ने कहा', 'hi', [term(1, 'नाटो'), term(2, 'देश')])).toEqual(['नाटो', 'देशों']);
    expect(found('विदेश नीति', 'hi', [term(2, 'देश')])).toEqual([]);
  });
});

describe('translations in the target', () => {
  test('Korean: a term with a particle counts as present', () => {
    expect(containsTerm('나토는 약속을 어겼다.', 'ko', '나토')).toBe(true);
    expect(containsTerm('북대서양 조약 기구는', 'ko', '나토')).toBe(false);
  });

  test('Hindi, Russian, Spanish, Portuguese, French, Greek, Tagalog: inflected forms count', () => {
    expect(containsTerm('नाटो के सदस्य', 'hi', 'नाटो')).toBe(true);
    expect(containsTerm('против НАТО и специальной военной операции', 'ru', 'специальная военная операция')).toBe(true);
    expect(containsTerm('las operaciones militares especiales', 'es', 'operación militar especial')).toBe(true);
    expect(containsTerm('das operações', 'pt', 'operação')).toBe(true);
    expect(containsTerm('des opérations', 'fr', 'opération')).toBe(true);
    expect(containsTerm('της επιχείρησης', 'el', 'επιχείρηση')).toBe(true);
    expect(containsTerm('ang mga digmaang', 'tl', 'digmaan')).toBe(true);
    expect(containsTerm('the war', 'en', 'warfare')).toBe(false);
  });

  test('case-sensitive renderings need their case', () => {
    expect(containsTerm('the us and them', 'en', 'US', true)).toBe(false);
    expect(containsTerm('the US and them', 'en', 'US', true)).toBe(true);
  });
});
