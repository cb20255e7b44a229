import { describe, expect, test } from '@jest/globals';
import { checkSegment, findHiddenCharacters } from '@lockstep/shared';

/** Issue #18, finding 10: invisible and bidirectional control characters. */

const RLO = '\u202e';
const ZWSP = '\u200b';
const ZWJ = '\u200d';
const ZWNJ = '\u200c';

const hidden = (source: string, target: string, targetLang = 'ko') =>
  checkSegment({ sourceCoded: source, targetCoded: target, sourceLang: 'en', targetLang }).filter((w) => w.code === 'hidden_characters');

describe('findHiddenCharacters', () => {
  test('names each bidi control and invisible character with its position', () => {
    expect(findHiddenCharacters(`ab${RLO}cd${ZWSP}`)).toEqual([
      { index: 2, codePoint: 0x202e, name: 'RIGHT-TO-LEFT OVERRIDE', kind: 'bidi' },
      { index: 5, codePoint: 0x200b, name: 'ZERO WIDTH SPACE', kind: 'invisible' },
    ]);
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c']) {
      expect(findHiddenCharacters(`a${c}b`).map((h) => h.kind)).toEqual(['bidi']);
    }
    for (const c of ['\u2060', '\ufeff', '\u00ad', '\u3164', '\u115f', '\u2800', '\u180e', '\u{e0041}']) {
      expect(findHiddenCharacters(`a${c}b`).map((h) => h.kind)).toEqual(['invisible']);
    }
  });

  test('joiners between letters (Hindi conjuncts, emoji sequences) are text, not hidden', () => {
    expect(findHiddenCharacters(`क्${ZWJ}ष`)).toEqual([]);
    expect(findHiddenCharacters(`क्${ZWNJ}ष`)).toEqual([]);
    expect(findHiddenCharacters(`👨${ZWJ}👩${ZWJ}👧`)).toEqual([]);
    expect(findHiddenCharacters(`${ZWJ}abc`).map((h) => h.codePoint)).toEqual([0x200d]);
    expect(findHiddenCharacters(`abc${ZWNJ}`).map((h) => h.codePoint)).toEqual([0x200c]);
    expect(findHiddenCharacters(`a ${ZWJ} b`).map((h) => h.codePoint)).toEqual([0x200d]);
  });

  test('ordinary text of every supported language has none', () => {
    for (const text of ['Hello, world.', '¿Qué tal?', '안녕하세요.', 'नमस्ते दुनिया।', 'Γειά σου;', 'Привет, мир!', 'Je suis là\u202f!', 'Kumusta?', 'Olá, mundo.']) {
      expect(findHiddenCharacters(text)).toEqual([]);
    }
  });
});

describe('QA: hidden_characters', () => {
  test('a right-to-left override in a translation is a warning naming it', () => {
    const [w] = hidden('Pay 100 dollars.', `100달러를 ${RLO}지불하세요.`);
    expect(w).toMatchObject({ code: 'hidden_characters', details: { characters: [{ index: 7, codePoint: 0x202e, name: 'RIGHT-TO-LEFT OVERRIDE', kind: 'bidi' }] } });
    expect(w.message).toMatch(/U\+202E RIGHT-TO-LEFT OVERRIDE/);
    expect(w.details!.missing).toEqual(['U+202E RIGHT-TO-LEFT OVERRIDE']);
  });

  test('a zero-width space is a warning; the same characters in the source are not', () => {
    expect(hidden('Hello world.', `안녕 ${ZWSP}세상.`)).toHaveLength(1);
    expect(hidden(`Hello ${ZWSP}world.`, `안녕 ${ZWSP}세상.`)).toEqual([]);
    expect(hidden(`Hello ${RLO}world.`, `안녕 ${RLO}세상 ${RLO}.`)).toHaveLength(1);
  });

  test('Hindi joiners are not flagged', () => {
    expect(hidden('Exam.', `परी${'क्'}${ZWJ}षा।`, 'hi')).toEqual([]);
  });
});
