import { describe, expect, test } from '@jest/globals';
import { clientModule } from './clientModule.js';

type Part = { type: 'text'; text: string } | { type: 'hidden'; label: string; title: string };
const { splitHiddenCharacters } = await clientModule<{ splitHiddenCharacters: (text: string) => Part[] }>('hiddenText.ts');

describe('hidden characters shown as marks in segment text (issue #18, finding 10)', () => {
  test('a right-to-left override and a tag character become visible marks; the text around them stays', () => {
    expect(splitHiddenCharacters('100달러를 \u202e지불\u{e0041}하세요.')).toEqual([
      { type: 'text', text: '100달러를 ' },
      { type: 'hidden', label: 'U+202E', title: 'U+202E RIGHT-TO-LEFT OVERRIDE' },
      { type: 'text', text: '지불' },
      { type: 'hidden', label: 'U+E0041', title: 'U+E0041 TAG CHARACTER' },
      { type: 'text', text: '하세요.' },
    ]);
  });
  test('plain text and Hindi joiners are one text part', () => {
    expect(splitHiddenCharacters('क्\u200dष')).toEqual([{ type: 'text', text: 'क्\u200dष' }]);
    expect(splitHiddenCharacters('')).toEqual([{ type: 'text', text: '' }]);
    expect(splitHiddenCharacters('\u200b')).toEqual([{ type: 'hidden', label: 'U+200B', title: 'U+200B ZERO WIDTH SPACE' }]);
  });
});
