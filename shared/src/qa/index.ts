/** QA checks on translations: pure, synchronous and fast enough to run on every keystroke. */
export type * from './types.js';
export { checkSegment, checkSourceTextLeft } from './segmentChecks.js';
export { checkDocument } from './documentChecks.js';
export { PUNCTUATION, type LanguagePunctuation, type Terminal } from './punctuationData.js';
export { numbersIn, type NumberToken } from './numbers.js';
export { datesIn } from './dates.js';
export { findAddresses } from './addresses.js';
