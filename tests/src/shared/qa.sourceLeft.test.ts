import { describe, expect, test } from '@jest/globals';
import { checkSegment, checkSourceTextLeft } from '@lockstep/shared';

const check = (source: string, target: string, targetLang: string) =>
  checkSegment({ sourceCoded: source, targetCoded: target, sourceLang: 'en', targetLang }).filter((w) => w.code === 'source_text_left');

describe('source_text_left: a translation that still carries the source', () => {
  test('a half-translated Korean unit names the English words left in it', () => {
    expect(check('Protests in the (United States and Australia)', '시위 (미국 and Australia)', 'ko')).toEqual([
      expect.objectContaining({ code: 'source_text_left', details: { text: 'and Australia', words: 2 } }),
    ]);
    expect(check('The first sentence of the statement.', '성명의 first sentence of the statement.', 'ko')[0]?.details).toMatchObject({ text: 'first sentence of the statement' });
  });

  test('names kept as they are are not flagged', () => {
    expect(check('Gaukhar Datkhabayeva (Kazakhstan)', 'Gaukhar Datkhabayeva (카자흐스탄)', 'ko')).toEqual([]);
    expect(check('Read <1>Marxists Speak Out</1> today.', '오늘 <1>Marxists Speak Out</1>을 읽으세요.', 'ko')).toEqual([]);
    expect(check('The Anti-War West Sydney group met.', 'El grupo Anti-War West Sydney se reunió.', 'es')).toEqual([]);
  });

  test('in a Latin-script target, only four shared words or more count', () => {
    expect(check('The first sentence of the text here.', 'La primera frase of the text here.', 'es')).toHaveLength(1);
    expect(check('The cause of the war.', 'La causa de la guerra.', 'es')).toEqual([]);
    expect(check('Peace and bread for all.', 'Paz y pan para todos, and bread.', 'es')).toEqual([]);
  });

  test('a translation that is the whole source is same_as_source only', () => {
    const all = checkSegment({ sourceCoded: 'First item of the list.', targetCoded: 'First item of the list.', sourceLang: 'en', targetLang: 'ko' }).map((w) => w.code);
    expect(all).toContain('same_as_source');
    expect(all).not.toContain('source_text_left');
  });

  test('the import\'s finding alone (checkSourceTextLeft) is what the whole check says', () => {
    const cases: [string, string, string][] = [
      ['Protests in the (United States and Australia)', '시위 (미국 and Australia)', 'ko'],
      ['The first sentence of the text here.', 'La primera frase of the text here.', 'es'],
      ['Visit https://example.org/the/first/sentence/of today.', 'Visita https://example.org/the/first/sentence/of hoy.', 'es'],
      ['First item of the list.', 'First item of the list.', 'ko'],
      ['Read <1>the whole of the text</1> now.', '<1>the whole of the text</1>', 'ko'],
      ['Some text.', '   ', 'es'],
      ['Peace and bread for all.', 'Paz y pan para todos, and bread.', 'es'],
    ];
    for (const [source, target, targetLang] of cases) {
      const input = { sourceCoded: source, targetCoded: target, sourceLang: 'en', targetLang };
      expect(checkSourceTextLeft(input)).toEqual(checkSegment(input).filter((w) => w.code === 'source_text_left'));
    }
    expect(checkSourceTextLeft({ sourceCoded: 'The first sentence of the text here.', targetCoded: 'La primera frase of the text here.', sourceLang: 'en', targetLang: 'es-MX' })).toHaveLength(1);
  });
});
