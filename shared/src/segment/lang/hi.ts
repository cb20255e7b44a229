import type { LanguageData } from '../rules.js';

/**
 * Hindi sentence exceptions (field meanings: LanguageData in rules.ts). The danda `।` and
 * double danda `॥` end sentences, with or without a following space; the full stop is kept
 * for abbreviations (`डॉ.`) and for texts that use it as a full stop.
 *
 * Sources: केंद्रीय हिंदी निदेशालय, «देवनागरी लिपि तथा हिंदी वर्तनी का मानकीकरण» (2016): the
 * abbreviation mark (लाघव चिह्न, written `॰` or `.`) after a shortened word such as `डॉ.`,
 * `पृ.`, `सं.`, and the danda as the full stop; titles and abbreviations below as used by Hindi
 * news agencies and official letters (`मा.` माननीय, `दि.` दिनांक, `नं.` नंबर).
 *
 * Hindi has no letter case to tell whether a closing `?”`/`!”` ends the sentence, so the break
 * rules read the words around it: a postposition, `कि` or a conjunction after the quote
 * continues the sentence (`“युद्ध रोको!” के नारे`), as does an attribution after a quotation
 * that opened the sentence (`“हम जीतेंगे!” उन्होंने कहा।`); a quotation after `कहा,` ends it.
 */
const CONTINUATIONS = [
  'कि', 'और', 'तथा', 'एवं', 'व', 'या', 'अथवा', 'लेकिन', 'परंतु', 'परन्तु', 'किंतु', 'किन्तु', 'मगर', 'पर', 'तो', 'जबकि',
  'के', 'की', 'का', 'को', 'में', 'से', 'ने', 'तक', 'वाले', 'वाली', 'वाला', 'जैसे', 'जैसी', 'जैसा', 'सहित', 'द्वारा',
];
/** A closing quote after `?`, `!` or `…`, and the spaces before the next word. */
const QUOTE_END = '[?!…][”"’]\\s+';

export const hi: LanguageData = {
  terminators: '।॥.!?…',
  initial: null,
  spacelessBreak: '(?<=[।॥])(?=[\\p{L}\\p{N}])',
  singleLetterWords: [],
  titles: ['डॉ', 'डा', 'श्री', 'श्रीमती', 'सुश्री', 'प्रो', 'स्व', 'कु', 'मो', 'पं', 'मि', 'ले', 'जन', 'कैप्टन', 'मा', 'इं', 'एड', 'अधि', 'न्या', 'Dr', 'Mr', 'Mrs', 'Ms', 'Prof'],
  nonFinal: ['पृ', 'सं', 'क्र', 'उदा', 'कृ', 'रु', 'ई.पू', 'वि.सं', 'प्र', 'ज़ि', 'जि', 'दि', 'नं', 'अनु', 'ग्रा', 'पो', 'तह', 'e.g', 'i.e', 'vs'],
  abbreviations: ['ई', 'लि', 'प्रा', 'कि.मी', 'कि.ग्रा', 'से.मी', 'मि.ली', 'ए', 'बी', 'सी', 'डी', 'एफ', 'जी', 'एच', 'आई', 'जे', 'के', 'एल', 'एम', 'एन', 'ओ', 'पी', 'क्यू', 'आर', 'एस', 'टी', 'यू', 'वी', 'डब्ल्यू', 'एक्स', 'वाई', 'जेड', 'ज़ेड'],
  afterNumber: [],
  months: ['जन', 'फ़र', 'फर', 'अग', 'सित', 'अक्टू', 'नव', 'दिस'],
  numberAbbreviations: [],
  sentenceFinal: ['आदि', 'etc'],
  starters: ['यह', 'वह', 'ये', 'वे', 'इस', 'उस', 'इसके', 'उसके', 'इसी', 'हम', 'मैं', 'आप', 'लेकिन', 'परंतु', 'परन्तु', 'किंतु', 'और', 'फिर', 'तब', 'आज', 'क्या', 'जब', 'अगर', 'यदि', 'इसलिए', 'अब', 'हालांकि', 'उन्होंने', 'उनके', 'भारत', 'क्यों', 'कैसे', 'कहाँ', 'कौन', 'कोई', 'किसी', 'सब', 'हाँ', 'नहीं', 'वहाँ', 'यहाँ'],
  breakRules: [
    { break: false, before: QUOTE_END, after: `(?:${CONTINUATIONS.join('|')})(?![\\p{L}\\p{M}])` },
    // The quotation opened its sentence: what follows is its attribution, unless another quotation.
    { break: false, before: `(?:^|[।॥.!?]\\s+)[“"‘][^“”"‘’]*${QUOTE_END}`, after: '(?![“"‘])' },
    { break: true, before: QUOTE_END, after: '[“"‘]?[\\p{L}\\p{N}]' },
  ],
};
