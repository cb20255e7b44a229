import { describe, expect, test } from '@jest/globals';
import { wordDiff, type DiffPart, type LanguageCode } from '@lockstep/shared';

const side = (parts: DiffPart[], skip: DiffPart['op']) => parts.filter((p) => p.op !== skip).map((p) => p.text).join('');
const ops = (parts: DiffPart[], op: DiffPart['op']) => parts.filter((p) => p.op === op).map((p) => p.text.trim());

describe('word diff of a changed source, in every script', () => {
  test.each<[string, LanguageCode, string, string, string[], string[]]>([
    ['Latin (en)', 'en', 'The quick brown fox jumps.', 'The slow brown fox leaps high.', ['quick', 'jumps'], ['slow', 'leaps high']],
    ['Latin with accents (es)', 'es', 'Fábio Sobral vive en Brasil.', 'Fábio Sobral vivía en São Paulo.', ['vive', 'Brasil'], ['vivía', 'São Paulo']],
    ['Hangul (ko)', 'ko', '한국어 문장을 여기서 바꿉니다.', '한국어 문단을 여기서 크게 바꿉니다.', ['문장을'], ['문단을', '크게']],
    ['Devanagari (hi)', 'hi', 'नेशनल डेमोक्रेटिक पीपुल्स फ्रंट भारत में है।', 'नेशनल पीपुल्स फ्रंट अब भारत में है।', ['डेमोक्रेटिक'], ['अब']],
    ['Greek (el)', 'el', 'Η γρήγορη καφέ αλεπού πηδά.', 'Η αργή καφέ αλεπού πηδά ψηλά.', ['γρήγορη'], ['αργή', 'ψηλά']],
    ['Cyrillic (ru)', 'ru', 'Быстрая коричневая лиса прыгает.', 'Медленная коричневая лиса не прыгает.', ['Быстрая'], ['Медленная', 'не']],
    ['Tagalog (tl)', 'tl', 'Ang mabilis na aso ay tumakbo.', 'Ang mabagal na aso ay tumakbo.', ['mabilis'], ['mabagal']],
  ])('%s: removed and added words are whole words, and each side reads back', (_name, lang, before, after, removed, added) => {
    const parts = wordDiff(before, after, lang);
    expect(ops(parts, 'removed')).toEqual(removed);
    expect(ops(parts, 'added')).toEqual(added);
    expect(side(parts, 'added')).toBe(before);
    expect(side(parts, 'removed')).toBe(after);
  });

  test('a Devanagari vowel sign is never cut from its consonant', () => {
    const parts = wordDiff('वह किताब पढ़ता है।', 'वह किताबें पढ़ता है।', 'hi');
    expect(parts).toEqual([
      { op: 'equal', text: 'वह ' },
      { op: 'removed', text: 'किताब' },
      { op: 'added', text: 'किताबें' },
      { op: 'equal', text: ' पढ़ता है।' },
    ]);
  });

  test('a number change is its own word', () => {
    expect(wordDiff('For 30 years, NATO has lied.', 'For 31 years, NATO has lied.', 'en')).toEqual([
      { op: 'equal', text: 'For ' },
      { op: 'removed', text: '30' },
      { op: 'added', text: '31' },
      { op: 'equal', text: ' years, NATO has lied.' },
    ]);
  });

  test('inline codes are removed before diffing', () => {
    expect(wordDiff('See <1>the site</1> now.', 'See <1>our site</1> now.', 'en')).toEqual([
      { op: 'equal', text: 'See ' },
      { op: 'removed', text: 'the' },
      { op: 'added', text: 'our' },
      { op: 'equal', text: ' site now.' },
    ]);
  });

  test('identical texts are one equal part; adjacent parts never share an op', () => {
    expect(wordDiff('Victory to the resistance!', 'Victory to the resistance!', 'en')).toEqual([{ op: 'equal', text: 'Victory to the resistance!' }]);
    const parts = wordDiff('a b c d e f', 'a x y d z f', 'en');
    expect(parts.every((p, i) => i === 0 || parts[i - 1].op !== p.op)).toBe(true);
  });

  test('random word edits read back on both sides (jsdiff moves a space next to quotes in rare cases)', () => {
    let seed = 5;
    const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const vocabulary: Partial<Record<LanguageCode, string[]>> = {
      en: "the quick brown fox jumps over lazy dog NATO U.S. 2023 24, (Britain) people's".split(' '),
      ko: '한국어 문장을 여기서 바꿉니다 크게 작게 그리고 사람들 2023년'.split(' '),
      hi: 'नेशनल डेमोक्रेटिक पीपुल्स फ्रंट भारत में है अब और २०२३'.split(' '),
      el: 'Η γρήγορη καφέ αλεπού πηδά ψηλά και ΝΑΤΟ 2023'.split(' '),
      ru: 'Быстрая коричневая лиса прыгает не через собаку 2023'.split(' '),
    };
    let wrong = 0;
    let total = 0;
    for (const [lang, words] of Object.entries(vocabulary) as [LanguageCode, string[]][]) {
      for (let k = 0; k < 200; k++, total++) {
        const pick = () => words[Math.floor(r() * words.length)];
        const a = Array.from({ length: 3 + Math.floor(r() * 10) }, pick);
        const b = a.slice();
        b[Math.floor(r() * b.length)] = pick();
        if (r() < 0.5) b.splice(Math.floor(r() * b.length), r() < 0.5 ? 1 : 0, pick());
        const parts = wordDiff(`${a.join(' ')}.`, `${b.join(' ')}.`, lang);
        if (side(parts, 'added') !== `${a.join(' ')}.` || side(parts, 'removed') !== `${b.join(' ')}.`) wrong++;
      }
    }
    expect(wrong / total).toBeLessThan(0.01);
  });
});
