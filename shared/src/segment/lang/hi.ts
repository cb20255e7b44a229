import type { LanguageData } from '../rules.js';

/**
 * Hindi sentence exceptions (field meanings: LanguageData in rules.ts). The danda `।` and
 * double danda `॥` end sentences, with or without a following space; the full stop is kept
 * for abbreviations (`डॉ.`) and for texts that use it as a full stop.
 */
export const hi: LanguageData = {
  terminators: '।॥.!?…',
  initial: null,
  spacelessBreak: '(?<=[।॥])(?=[\\p{L}\\p{N}])',
  singleLetterWords: [],
  titles: ['डॉ', 'डा', 'श्री', 'श्रीमती', 'सुश्री', 'प्रो', 'स्व', 'कु', 'मो', 'पं', 'मि', 'ले', 'जन', 'कैप्टन', 'Dr', 'Mr', 'Mrs', 'Ms', 'Prof'],
  nonFinal: ['पृ', 'सं', 'क्र', 'उदा', 'कृ', 'रु', 'ई.पू', 'वि.सं', 'प्र', 'ज़ि', 'जि', 'e.g', 'i.e', 'vs'],
  abbreviations: ['ई', 'लि', 'प्रा', 'कि.मी', 'कि.ग्रा', 'से.मी', 'मि.ली', 'ए', 'बी', 'सी', 'डी', 'एफ', 'जी', 'एच', 'आई', 'जे', 'के', 'एल', 'एम', 'एन', 'ओ', 'पी', 'क्यू', 'आर', 'एस', 'टी', 'यू', 'वी', 'डब्ल्यू', 'एक्स', 'वाई', 'जेड', 'ज़ेड'],
  afterNumber: [],
  months: ['जन', 'फ़र', 'फर', 'अग', 'सित', 'अक्टू', 'नव', 'दिस'],
  numberAbbreviations: [],
  sentenceFinal: ['आदि', 'etc'],
  starters: ['यह', 'वह', 'ये', 'वे', 'इस', 'उस', 'इसके', 'उसके', 'इसी', 'हम', 'मैं', 'आप', 'लेकिन', 'परंतु', 'परन्तु', 'किंतु', 'और', 'फिर', 'तब', 'आज', 'क्या', 'जब', 'अगर', 'यदि', 'इसलिए', 'अब', 'हालांकि', 'उन्होंने', 'उनके', 'भारत', 'क्यों', 'कैसे', 'कहाँ', 'कौन', 'कोई', 'किसी', 'सब', 'हाँ', 'नहीं', 'वहाँ', 'यहाँ'],
};
