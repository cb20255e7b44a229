import type { SegmentQaCode } from './types.js';

/** The kinds of sentence a final mark says a sentence is. */
export type Terminal = 'period' | 'question' | 'exclamation' | 'ellipsis' | 'colon' | 'semicolon' | 'none';

/**
 * How one language writes its sentence marks, where it differs from English (which the other
 * target languages follow: Korean, Russian, Tagalog, Portuguese; French and Spanish differ
 * only in their whole-text checks, `LANGUAGE_CHECKS` in punctuation.ts). Data, as the
 * segmenter's per-language exceptions are (segment/lang/*.ts): a language added here needs
 * no change to the checks.
 */
export interface LanguagePunctuation {
  /** A final mark read as another kind of sentence than English reads it. */
  readAs?: Record<string, Terminal>;
  /** The marks that end a sentence of a kind, where they are not English's. */
  marks?: Partial<Record<Terminal, string[]>>;
  /** Marks a translator types by habit for this language's own: a warning that names the slip. */
  slips?: { kind: Terminal; marks: string[]; code: SegmentQaCode; message: (mark: string) => string }[];
}

export const ENGLISH_MARKS: Record<Terminal, string[]> = {
  period: ['.'],
  question: ['?'],
  exclamation: ['!'],
  ellipsis: ['…', '...'],
  colon: [':'],
  semicolon: [';'],
  none: [],
};

export const PUNCTUATION: Readonly<Record<string, LanguagePunctuation>> = {
  // Greek asks with `;` (U+037E, which NFC makes U+003B) and pauses with `·`.
  el: {
    readAs: { ';': 'question' },
    marks: { question: [';'], semicolon: ['·'] },
    slips: [
      {
        kind: 'question',
        marks: ['?'],
        code: 'greek_question_mark',
        message: () => 'Greek ends a question with ";" (the Greek question mark), not "?".',
      },
    ],
  },
  // Hindi ends statements with the danda `।` (a vertical bar is its look-alike).
  hi: {
    marks: { period: ['।'] },
    slips: [{ kind: 'period', marks: ['.', '|'], code: 'hindi_danda', message: (mark) => `Hindi ends a sentence with the danda "।", not "${mark}".` }],
  },
};

export function punctuationOf(lang: string): LanguagePunctuation {
  return PUNCTUATION[lang] ?? {};
}
