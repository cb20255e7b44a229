import type { LanguageData } from '../rules.js';

/** Portuguese sentence exceptions (field meanings: LanguageData in rules.ts). */
export const pt: LanguageData = {
  terminators: '.!?…',
  initial: '^\\p{Lu}$',
  singleLetterWords: [],
  titles: ['Sr', 'Sra', 'Srta', 'Srs', 'Sras', 'Dr', 'Dra', 'Drs', 'Dras', 'Prof', 'Profa', 'Exmo', 'Exma', 'Ilmo', 'Ilma', 'Eng', 'Arq', 'Des', 'Min', 'Pe', 'Fr', 'Mons', 'Gen', 'Cel', 'Cap', 'Ten', 'Sto', 'Sta', 'Vv', 'Exa'],
  nonFinal: ['ex', 'p.ex', 'pág', 'págs', 'aprox', 'cf', 'vs', 'art', 'arts', 'cap', 'vol', 'fig', 'tel', 'Av', 'av', 'Pça', 'Rod', 'Núm'],
  abbreviations: ['Ltda', 'Cia', 'séc', 'Jr', 'Ed', 'ed'],
  afterNumber: ['a.C', 'd.C'],
  months: ['jan', 'fev', 'abr', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez', 'Jan', 'Fev', 'Abr', 'Jun', 'Jul', 'Ago', 'Set', 'Out', 'Nov', 'Dez'],
  numberAbbreviations: ['Nº', 'nº'],
  sentenceFinal: ['etc'],
  starters: ['O', 'A', 'Os', 'As', 'Um', 'Uma', 'Este', 'Esta', 'Isso', 'Isto', 'Esse', 'Essa', 'Em', 'No', 'Na', 'Nos', 'Nas', 'Mas', 'E', 'Se', 'Para', 'Por', 'Com', 'É', 'Há', 'Quando', 'Também', 'Além', 'Depois', 'Hoje', 'Eu', 'Ele', 'Ela', 'Nós', 'Eles', 'Elas', 'Não', 'Seu', 'Sua', 'Assim', 'Então', 'Que', 'Como', 'Onde', 'Quem', 'Ninguém', 'Todos', 'Tudo', 'Sim', 'Segundo', 'Após', 'Durante', 'Desde', 'Cada', 'Outro', 'Outra', 'Nesta', 'Neste', 'Nessa', 'Nesse'],
};
