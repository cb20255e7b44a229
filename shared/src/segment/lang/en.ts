import type { LanguageData } from '../rules.js';

/** English sentence exceptions (field meanings: LanguageData in rules.ts). */
export const en: LanguageData = {
  terminators: '.!?…‼⁇⁈⁉',
  initial: '^\\p{Lu}$',
  singleLetterWords: ['I'],
  titles: ['Mr', 'Mrs', 'Ms', 'Messrs', 'Mmes', 'Dr', 'Drs', 'Prof', 'Rev', 'Revd', 'Hon', 'Mt', 'Ft', 'Gen', 'Col', 'Lt', 'Capt', 'Cmdr', 'Sgt', 'Maj', 'Adm', 'Gov', 'Sen', 'Rep', 'Pres', 'Supt', 'Fr', 'Msgr'],
  nonFinal: ['e.g', 'i.e', 'E.g', 'I.e', 'vs', 'cf', 'Cf', 'viz', 'approx', 'Approx', 'ca', 'resp', 'incl', 'esp', 'Fig', 'fig', 'Figs', 'Eq', 'Eqs', 'Vol', 'vol', 'Vols', 'pp', 'Ch', 'Sec', 'Art', 'est', 'Est'],
  abbreviations: ['Jr', 'Sr', 'Inc', 'Ltd', 'Co', 'Corp', 'Bros', 'Dept', 'Univ', 'Assn', 'Ave', 'Blvd', 'Rd', 'St', 'al', 'Ph.D'],
  afterNumber: ['B.C', 'A.D', 'a.m', 'p.m'],
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'],
  numberAbbreviations: ['No', 'Nos', 'p'],
  sentenceFinal: ['etc'],
  starters: ['The', 'This', 'That', 'These', 'Those', 'There', 'Then', 'It', 'Its', 'He', 'She', 'We', 'They', 'I', 'You', 'But', 'And', 'So', 'Yet', 'In', 'On', 'At', 'For', 'If', 'When', 'While', 'After', 'Before', 'As', 'A', 'An', 'However', 'Thus', 'Therefore', 'Meanwhile', 'What', 'Why', 'How', 'Who', 'Our', 'My', 'His', 'Her', 'Their', 'Some', 'Many', 'Most', 'All', 'Now', 'Today', 'Where', 'Which', 'Please', 'Thank', 'Thanks', 'No', 'Yes', 'One', 'Two', 'Three', 'Each', 'Every', 'Both', 'Such', 'Nobody', 'Everyone', 'Also', 'Last', 'Next', 'First'],
};
