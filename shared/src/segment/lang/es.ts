import type { LanguageData } from '../rules.js';

/** Spanish sentence exceptions (field meanings: LanguageData in rules.ts). */
export const es: LanguageData = {
  terminators: '.!?…',
  initial: '^\\p{Lu}$',
  singleLetterWords: [],
  titles: ['Sr', 'Sra', 'Srta', 'Sres', 'Sras', 'Dr', 'Dra', 'Dres', 'Dña', 'Dª', 'Lic', 'Lcda', 'Lcdo', 'Ing', 'Arq', 'Prof', 'Profa', 'Mtro', 'Mtra', 'Excmo', 'Excma', 'Ilmo', 'Ilma', 'Rvdo', 'Sto', 'Sta', 'Gral', 'Cnel', 'Tte', 'Pdte', 'Ud', 'Uds', 'Vd', 'Vds', 'Fr', 'Mons'],
  nonFinal: ['ej', 'p.ej', 'vs', 'cf', 'aprox', 'pág', 'págs', 'núm', 'art', 'cap', 'vol', 'fig', 'tel', 'avda', 'Avda', 'av', 'Av', 'Vid', 'a', 'd'],
  abbreviations: ['EE', 'UU', 'EE.UU', 'Cía', 'Ltda', 'Hnos', 'ed', 'Jr'],
  afterNumber: ['a.C', 'd.C'],
  months: ['ene', 'feb', 'abr', 'jun', 'jul', 'ago', 'sept', 'sep', 'oct', 'nov', 'dic', 'Ene', 'Feb', 'Abr', 'Jun', 'Jul', 'Ago', 'Sept', 'Sep', 'Oct', 'Nov', 'Dic'],
  numberAbbreviations: ['No'],
  sentenceFinal: ['etc'],
  starters: ['El', 'La', 'Los', 'Las', 'Lo', 'Un', 'Una', 'Unos', 'Unas', 'Este', 'Esta', 'Estos', 'Estas', 'Esto', 'Ese', 'Esa', 'Eso', 'En', 'Pero', 'Y', 'Sin', 'Por', 'Para', 'Con', 'Se', 'Es', 'Hay', 'Cuando', 'Si', 'También', 'Además', 'Así', 'Ahora', 'Luego', 'Entonces', 'Yo', 'Él', 'Ella', 'Nosotros', 'Ellos', 'Su', 'Sus', 'No', 'Mi', 'Hoy', 'Qué', 'Cómo', 'Dónde', 'Cuándo', 'Quién', 'Nadie', 'Todos', 'Todo', 'Sí', 'Según', 'Tras', 'Durante', 'Desde', 'Mientras', 'Cada', 'Otro', 'Otra'],
};
