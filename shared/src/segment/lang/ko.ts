import type { LanguageData } from '../rules.js';

/**
 * Korean sentence exceptions (field meanings: LanguageData in rules.ts). Decision: a `.`, `?`
 * or `!` between two Hangul syllables ends a sentence even without a space (`합니다.그리고`,
 * a common typing slip); Latin and digits around it (`3.14`, `U.S.`) still need the space.
 */
export const ko: LanguageData = {
  terminators: '.!?…。',
  initial: '^\\p{Lu}$',
  spacelessBreak: '(?<=\\p{Script=Hangul}[.?!])(?=\\p{Script=Hangul})',
  singleLetterWords: [],
  titles: ['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'St'],
  nonFinal: ['e.g', 'i.e', 'vs', 'cf', 'p', 'pp', 'Vol', 'vol', 'Fig', '약'],
  abbreviations: ['Jr', 'Sr', 'Inc', 'Co', 'Ltd', 'Corp'],
  afterNumber: [],
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'],
  numberAbbreviations: ['No'],
  sentenceFinal: ['etc'],
  starters: ['그리고', '그러나', '하지만', '그래서', '따라서', '또한', '이', '그', '저', '이것은', '그것은', '이는', '우리는', '우리', '나는', '저는', '그는', '그녀는', '이제', '오늘', '한편', '결국', '특히', '게다가', '즉', '왜냐하면', '그런데', '그러므로', '왜', '어떻게', '어디', '누가', '아무도', '모두', '네', '아니요', '예'],
};
