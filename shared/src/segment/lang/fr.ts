import type { LanguageData } from '../rules.js';

/** French sentence exceptions (field meanings: LanguageData in rules.ts). */
export const fr: LanguageData = {
  terminators: '.!?…',
  initial: '^\\p{Lu}$',
  singleLetterWords: [],
  titles: ['M', 'MM', 'Mme', 'Mmes', 'Mlle', 'Mlles', 'Me', 'Mes', 'Mgr', 'Dr', 'Pr', 'St', 'Ste', 'Vve', 'Sr', 'Gal', 'Cdt', 'Lt', 'Cne'],
  nonFinal: ['ex', 'p.ex', 'cf', 'vs', 'env', 'apr', 'c.-à-d', 'c-à-d', 'vol', 'chap', 'fig', 'éd', 'réf', 'tél', 'boul', 'bd', 'av', 'art', 'p', 'pp', 'al', 'Vol', 'Art'],
  abbreviations: ['Cie', 'Sté', 'Éts', 'hab', 'min'],
  afterNumber: ['J.-C'],
  months: ['janv', 'févr', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc', 'Janv', 'Févr', 'Avr', 'Juil', 'Sept', 'Oct', 'Nov', 'Déc'],
  numberAbbreviations: ['No', 'no'],
  sentenceFinal: ['etc'],
  starters: ['Le', 'La', 'Les', 'L', 'Un', 'Une', 'Des', 'Ce', 'Cet', 'Cette', 'Ces', 'C', 'Il', 'Elle', 'Ils', 'Elles', 'On', 'Nous', 'Vous', 'Je', 'J', 'Mais', 'Et', 'En', 'Dans', 'Pour', 'Par', 'Sur', 'Avec', 'Depuis', 'Cependant', 'Ainsi', 'Puis', 'Alors', 'Quand', 'Si', 'Aujourd', 'Après', 'Avant', 'Au', 'Aux', 'Du', 'Ne', 'Son', 'Sa', 'Ses', 'Leur', 'Notre', 'Pourquoi', 'Comment', 'Où', 'Qui', 'Que', 'Personne', 'Tous', 'Tout', 'Oui', 'Non', 'Selon', 'Chaque', 'Lors', 'Ensuite', 'Enfin'],
};
