import type { BreakRule } from '../rules.js';

/**
 * Break rules every language shares (field meanings: BreakRule in rules.ts), tried after the
 * language's own.
 */
export const COMMON_BREAK_RULES: BreakRule[] = [
  // An enumeration run into a sentence after a colon, semicolon or comma
  // (`demands: 1. End the war, 2. Lift…`): the item number's full stop ends nothing.
  { break: false, before: '[:;,]\\s+\\p{N}{1,2}[.)]\\s+', after: '' },
];
