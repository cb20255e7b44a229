import type { LanguageData } from '../rules.js';

/**
 * Korean sentence exceptions (field meanings: LanguageData in rules.ts). Decision: a `.`, `?`
 * or `!` between two Hangul syllables ends a sentence even without a space (`합니다.그리고`,
 * a common typing slip); Latin and digits around it (`3.14`, `U.S.`) still need the space.
 *
 * Sources for the break rules: 국립국어원, 한글 맞춤법 부록 「문장 부호」 (2015), 마침표 (1)
 * 아라비아 숫자만으로 연월일을 표시할 때 쓴다 (`1919. 3. 1.`), and 장·절·항을 표시하는 숫자
 * 다음에 쓴다 (`1. 서론`); 표준국어대사전: 「라고」, 「하고」 are quoting particles written
 * right after the closing quote, so `"…!"라고 외쳤다` is one sentence (no space, no candidate).
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
  breakRules: [
    // The year of a dotted date before its month: `2023. 3. 4.`.
    { break: false, before: '(?:^|[\\s(~])\\p{N}{4}\\.\\s+', after: '\\p{N}{1,2}\\.' },
    // A month, day or item number before more of the sentence (`3. 4.(토)`, `요구는 1. 즉각 휴전, 2. …`):
    // a Korean sentence ends in a predicate, not in a bare number.
    { break: false, before: '(?:^|[\\s(~])\\p{N}{1,2}\\.\\s+', after: '[\\p{Script=Hangul}\\p{N}]' },
  ],
};
