import type { LanguageData } from '../rules.js';

/** Tagalog sentence exceptions (field meanings: LanguageData in rules.ts). */
export const tl: LanguageData = {
  terminators: '.!?…',
  initial: '^\\p{Lu}$',
  singleLetterWords: [],
  titles: ['G', 'Gng', 'Bb', 'Dr', 'Dra', 'Atty', 'Engr', 'Arch', 'Sen', 'Rep', 'Kgg', 'Kag', 'Pang', 'Gob', 'Hen', 'Kap', 'Sto', 'Sta', 'Fr', 'Msgr', 'Mr', 'Mrs', 'Ms', 'Prop', 'Gat', 'Konsehal', 'Kon'],
  nonFinal: ['hal', 'Hal', 'pah', 'e.g', 'i.e', 'vs', 'cf', 'p', 'pp', 'Art', 'art', 'Sek', 'Sec', 'Kab'],
  abbreviations: ['Jr', 'Sr', 'Inc', 'Corp', 'Co', 'Bgy', 'Brgy', 'St', 'Ave'],
  afterNumber: [],
  months: ['Ene', 'Peb', 'Abr', 'Hun', 'Hul', 'Ago', 'Set', 'Okt', 'Nob', 'Dis', 'Jan', 'Feb', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'],
  numberAbbreviations: ['Blg', 'blg', 'No'],
  sentenceFinal: ['atbp', 'etc'],
  starters: ['Ang', 'Si', 'Sina', 'Ito', 'Iyon', 'Iyan', 'Ngunit', 'Pero', 'Subalit', 'At', 'Sa', 'Noong', 'Kung', 'Dahil', 'Kaya', 'Siya', 'Sila', 'Kami', 'Tayo', 'Ako', 'Ikaw', 'Hindi', 'May', 'Mayroon', 'Nang', 'Para', 'Pagkatapos', 'Ngayon', 'Dito', 'Doon', 'Mga', 'Bukod', 'Gayunman', 'The', 'This', 'It', 'Bakit', 'Paano', 'Saan', 'Sino', 'Kailan', 'Ano', 'Walang', 'Lahat', 'Oo', 'Ayon', 'Habang', 'Bawat'],
};
