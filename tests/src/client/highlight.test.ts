import { describe, expect, test } from '@jest/globals';
import { clientModule } from './clientModule.js';

const { highlightParts } = await clientModule<{
  highlightParts(text: string, words: string): { text: string; match: boolean }[];
}>('editor/highlight.ts');

const marked = (text: string, words: string) => highlightParts(text, words).filter((p) => p.match).map((p) => p.text);

describe('concordance hits mark the searched words', () => {
  test('every occurrence, letter case aside, and the text stays whole', () => {
    const parts = highlightParts('The Array and the array.', 'array');
    expect(parts.map((p) => p.text).join('')).toBe('The Array and the array.');
    expect(marked('The Array and the array.', 'array')).toEqual(['Array', 'array']);
  });

  test('a phrase matches across any whitespace; regular-expression characters are plain', () => {
    expect(marked('read  the\nmanual', 'the manual')).toEqual(['the\nmanual']);
    expect(marked('costs 5$ (or more).', '5$ (or')).toEqual(['5$ (or']);
    expect(marked('a.b axb', 'a.b')).toEqual(['a.b']);
  });

  test('markup in a stored text is text: it comes back as a part, never parsed', () => {
    expect(highlightParts('<img src=x onerror=alert(1)> array', 'array')).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: 'array', match: true },
    ]);
  });

  test('Korean inside a longer word, and Greek letter case', () => {
    expect(marked('안내 데스크에 반납하세요', '데스크')).toEqual(['데스크']);
    expect(marked('Ο ΠΙΝΑΚΑΣ και ο πίνακας', 'πίνακας')).toEqual(['πίνακας']);
    expect(highlightParts('nothing here', '  ')).toEqual([{ text: 'nothing here', match: false }]);
  });
});
