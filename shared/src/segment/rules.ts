import type { LanguageCode } from '../languages.js';
import { el } from './lang/el.js';
import { en } from './lang/en.js';
import { es } from './lang/es.js';
import { fr } from './lang/fr.js';
import { hi } from './lang/hi.js';
import { ko } from './lang/ko.js';
import { pt } from './lang/pt.js';
import { ru } from './lang/ru.js';
import { tl } from './lang/tl.js';
import { COMMON_BREAK_RULES } from './lang/common.js';

/**
 * One language's sentence exceptions, as written in `lang/<code>.ts` (data only; plain modules
 * rather than JSON because Jest's transform drops import attributes). Languages differ only by
 * this data: the pipeline in sentences.ts has no per-language branches.
 *
 * An abbreviation is matched on the "word" before a full stop: letters, digits, inner dots and
 * hyphens back to the previous space or punctuation (`U.S`, `т.е`, `c.-à-d`, `Dña`), also with
 * the word before it when written with a space (`т. д` → `т.д`) and without an elided article
 * (`l’art` → `art`). Words not listed are judged by shape: one-letter initials, dotted
 * initialisms (`U.S`) and vowelless contractions (`Sgt`; after a number, units such as `6 h`)
 * are `abbreviations`.
 */
export interface LanguageData {
  /** Characters that can end a sentence here (Greek `;`, Hindi `।` `॥`). A break elsewhere is refused. */
  terminators: string;
  /** Pattern of a one-letter initial (`A. S. Pushkin`); null where the script has none. */
  initial: string | null;
  /** Where a break needs no space after the terminator (Korean `합니다.그리고`), as a regex at the break. */
  spacelessBreak?: string;
  /** One-letter words that are not initials (English `I`). */
  singleLetterWords: string[];
  /** Titles before a name: never a sentence end (`Mr.`, `Sra.`, `κ.`). */
  titles: string[];
  /** Other abbreviations that do not end sentences (`e.g.`, `p. ej.`, `т.е.`). */
  nonFinal: string[];
  /** Abbreviations that may end a sentence: a break only before a starter word, never before a digit. */
  abbreviations: string[];
  /**
   * Abbreviations that end a sentence as often as not right after a number (`в 2014 г.`,
   * `500 π.Χ.`): there a break stands unless a lower-case word follows; elsewhere (`г. Москва`)
   * they are `abbreviations`.
   */
  afterNumber: string[];
  /** Month abbreviations: no break before a number (`Feb. 24`); elsewhere a full stop like any other. */
  months: string[];
  /** Abbreviations that stand before a number, like months (`No. 5`, `Blg. 3`), but are also words (`No.`). */
  numberAbbreviations: string[];
  /** Abbreviations that usually end the sentence they are in (`etc.`, `и т.д.`). */
  sentenceFinal: string[];
  /** Words that open a sentence even right after an abbreviation or initial. */
  starters: string[];
  /**
   * Exceptions in the manner of SRX (Segmentation Rules eXchange 2.0, LISA/GALA): ordered
   * rules, each a `before` and an `after` regular expression (Unicode mode) meeting at a break
   * candidate; the first rule that matches decides (`break` true or false), before the general
   * filters. A language's rules come before the common ones (lang/common.ts).
   */
  breakRules?: BreakRule[];
}

export interface BreakRule {
  break: boolean;
  /** Matches the text that ends at the candidate (the terminator, closers and spaces included). */
  before: string;
  /** Matches the text that starts at the candidate. */
  after: string;
}

export interface CompiledBreakRule {
  break: boolean;
  /** Sticky and zero-width: `test` with `lastIndex` at the candidate. */
  at: RegExp;
}

export interface SentenceRules {
  lang: LanguageCode;
  segmenter: Intl.Segmenter;
  terminators: ReadonlySet<string>;
  /** Finds any terminator: a text without one is a single sentence, no ICU call needed. */
  anyTerminator: RegExp;
  /**
   * Terminator + spaces before a capital or digit: breaks ICU does not make (`…`, a dialogue
   * dash `он. — Как`, and `ended. 2022 was` where ICU looks ahead to the lower-case `was`);
   * after a Hangul or Devanagari word also before a lower-case one (`주십시오. www…`).
   */
  addedBreak: RegExp;
  never: ReadonlySet<string>;
  ambiguous: ReadonlySet<string>;
  afterNumber: ReadonlySet<string>;
  beforeNumber: ReadonlySet<string>;
  final: ReadonlySet<string>;
  starters: ReadonlySet<string>;
  singleLetterWords: ReadonlySet<string>;
  initial: RegExp | null;
  spacelessBreak: RegExp | null;
  breakRules: CompiledBreakRule[];
}

const DATA: Record<LanguageCode, LanguageData> = { en, es, ko, pt, el, hi, fr, tl, ru };

/** Closing quotes and brackets: a sentence ends after them. Straight quotes close and open. */
export const CLOSERS = new Set([...'"\'”’»)]}›」』〉》】']);
/** Opening punctuation before a sentence's first word (Spanish `¿¡`, dialogue dashes). */
export const OPENERS = new Set([...'"\'“‘„‚«‹([{¿¡—–-']);

const escapeClass = (chars: Iterable<string>) => [...chars].map((c) => (/[\\\]^-]/.test(c) ? '\\' + c : c)).join('');

function compile(lang: LanguageCode, d: LanguageData): SentenceRules {
  const terms = escapeClass(d.terminators);
  const closers = escapeClass(CLOSERS);
  const openers = escapeClass(OPENERS);
  return {
    lang,
    // Intl maps `tl` to `fil` (stack.md G21): same rules, so the real tag is passed through.
    segmenter: new Intl.Segmenter(lang, { granularity: 'sentence' }),
    terminators: new Set(d.terminators),
    anyTerminator: new RegExp(`[${terms}]`, 'u'),
    addedBreak: new RegExp(
      `(?<=[\\p{Lo}\\p{M}])[${terms}]+[${closers}]*\\s+(?=(?:[${openers}]\\s*)*\\p{Ll})|[${terms}]+[${closers}]*\\s+(?=(?:[${openers}]\\s*)*[\\p{Lu}\\p{N}])`,
      'gu',
    ),
    never: new Set([...d.titles, ...d.nonFinal]),
    ambiguous: new Set(d.abbreviations),
    beforeNumber: new Set([...d.months, ...d.numberAbbreviations]),
    afterNumber: new Set(d.afterNumber),
    final: new Set(d.sentenceFinal),
    starters: new Set(d.starters),
    singleLetterWords: new Set(d.singleLetterWords),
    initial: d.initial ? new RegExp(d.initial, 'u') : null,
    spacelessBreak: d.spacelessBreak ? new RegExp(d.spacelessBreak, 'uy') : null,
    breakRules: [...(d.breakRules ?? []), ...COMMON_BREAK_RULES].map((r) => ({
      break: r.break,
      at: new RegExp(`(?<=${r.before})(?=${r.after})`, 'uy'),
    })),
  };
}

const cache = new Map<LanguageCode, SentenceRules>();

/** The compiled rules of a language; each Intl.Segmenter is created once per language. */
export function rulesFor(lang: LanguageCode): SentenceRules {
  let rules = cache.get(lang);
  if (!rules) {
    const data = DATA[lang];
    if (!data) throw new TypeError(`No sentence rules for the language "${String(lang)}"`);
    rules = compile(lang, data);
    cache.set(lang, rules);
  }
  return rules;
}

/** The raw exception data of a language, for tests and documentation. */
export function languageData(lang: LanguageCode): Readonly<LanguageData> {
  return DATA[lang];
}
