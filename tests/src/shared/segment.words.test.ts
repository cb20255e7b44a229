import { describe, expect, test } from '@jest/globals';
import { countWords, segmentMarkdown, type LanguageCode } from '@lockstep/shared';

describe('source word counts', () => {
  test.each<[LanguageCode, string, number]>([
    ['en', 'The quick brown fox jumps over the lazy dog.', 9],
    ['en', "NATO's Russian-speaking e-mail don't", 4],
    ['en', 'The U.S./EU/NATO bloc spent $100 billion, or 3.14% of 1,000,000.', 12],
    ['en', '— / … !!', 0],
    ['en', 'nowaronrussiaandchina@proton.me', 1],
    ['es', '¿Qué hora es? ¡Son las tres!', 6],
    ['pt', 'Ele disse: "Pare!" e parou.', 5],
    ['fr', "L'ONU a voté « non » aujourd'hui.", 5],
    ['ru', 'А. С. Пушкин родился в 1799 г.', 7],
    ['el', 'Τι κάνεις; Καλά είμαι.', 4],
    // Devanagari vowel signs and viramas stay inside their words.
    ['hi', 'नेशनल डेमोक्रेटिक पीपुल्स फ्रंट।', 4],
    ['hi', 'क्या तुम आओगे? हाँ!', 4],
    // Korean counts eojeol: a noun with its particle is one word.
    ['ko', '나는 학교에 갑니다. 친구를 만납니다.', 5],
    ['ko', '합니다.그리고', 1],
    ['tl', 'Si G. Santos ay dumating.', 5],
    // Scripts without spaces fall back to the ICU dictionary: words, not characters.
    ['ko', '日本語のテキストです', 4],
  ])('%s: %s → %i', (lang, text, n) => {
    expect(countWords(text, lang)).toBe(n);
  });

  test('segments count their plain text, not their codes', () => {
    const [s] = segmentMarkdown('Read **the** [full report](http://example.org/a/b/c).', 'en').segments;
    expect(s.words).toBe(4);
  });
});
