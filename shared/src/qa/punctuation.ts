import { ENGLISH_MARKS, punctuationOf, type Terminal } from './punctuationData.js';
import type { QaWarning, SegmentQaCode } from './types.js';

type Warn = QaWarning<SegmentQaCode>;

/*
 * Sentence punctuation. The source's final mark says what kind of sentence it is (statement,
 * question, exclamation…); the translation should end the same way, written the way its
 * language writes it (punctuationData.ts: Greek asks with `;`, Hindi ends with `।`). French
 * puts a no-break space before `? ! : ;` and Spanish opens questions and exclamations with
 * `¿ ¡`: whole-text checks of their own (`LANGUAGE_CHECKS`).
 */

export type { Terminal };

const MARK_OF: Record<string, Terminal> = {
  '.': 'period',
  '。': 'period',
  '।': 'period',
  '|': 'period',
  '?': 'question',
  '？': 'question',
  '!': 'exclamation',
  '！': 'exclamation',
  '…': 'ellipsis',
  ':': 'colon',
  ';': 'semicolon',
  '·': 'semicolon',
};

// Closing quotes and brackets after the mark do not change the kind of sentence. Stripped
// with a loop: an end-anchored regex would be quadratic on a long run of them.
const CLOSER = /[\s)\]}"'”’»›」』]/u;
function withoutClosers(text: string): string {
  let end = text.length;
  while (end > 0 && CLOSER.test(text[end - 1])) end--;
  return text.slice(0, end);
}

// Abbreviations whose period may or may not also end the sentence: an initial ("U.S.", "г."),
// or a listed one.
const ABBREVIATION = /(?:^|[\s(])(?:\p{L}\.)*\p{L}\.$|(?:^|[\s(])(?:etc|Inc|Ltd|Jr|Sr|Co|vs|гг|др|тт|κ\.λπ|π\.χ)\.$/iu;

interface Ending {
  kind: Terminal;
  /** The mark(s) as written, "" for none. */
  mark: string;
  /** A period that may belong to an abbreviation rather than end the sentence. */
  abbreviation: boolean;
}

export function endingOf(text: string, lang: string): Ending {
  const t = withoutClosers(text);
  if (/(?:\.\.\.|…)$/.test(t)) return { kind: 'ellipsis', mark: t.endsWith('…') ? '…' : '...', abbreviation: false };
  // U+037E and U+0387 are canonically ";" and "·" (NFC makes them so); read them as such unnormalised too.
  const last = t.slice(-1).replace('\u037e', ';').replace('\u0387', '·');
  const kind = punctuationOf(lang).readAs?.[last] ?? MARK_OF[last] ?? 'none';
  return { kind, mark: kind === 'none' ? '' : last, abbreviation: last === '.' && ABBREVIATION.test(t.slice(-24)) };
}

/** The marks a language ends a sentence of this kind with. */
function expectedMarks(kind: Terminal, lang: string): string[] {
  return punctuationOf(lang).marks?.[kind] ?? ENGLISH_MARKS[kind];
}

const describe = (mark: string) => (mark ? `"${mark}"` : 'no final punctuation');

/** The translation ends with the same kind of sentence mark as the source, in its language's form. */
export function checkTerminal(source: string, target: string, sourceLang: string, targetLang: string): Warn[] {
  const from = endingOf(source, sourceLang);
  const to = endingOf(target, targetLang);
  // An abbreviation's period on either side may also be the sentence's: "2023" ↔ "2023 г.".
  if (from.abbreviation && (to.kind === 'none' || to.kind === 'period')) return [];
  if (to.abbreviation && (from.kind === 'none' || from.kind === 'period')) return [];
  const expected = expectedMarks(from.kind, targetLang);
  if (from.kind === 'none' ? to.kind === 'none' : expected.includes(to.mark)) return [];
  const details = { source: from.mark, target: to.mark, expected };
  const slip = punctuationOf(targetLang).slips?.find((s) => s.kind === from.kind && s.marks.includes(to.mark));
  if (slip) return [{ code: slip.code, message: slip.message(to.mark), details }];
  return [
    {
      code: 'terminal_punctuation',
      message: `The source ends with ${describe(from.mark)}; the translation ends with ${describe(to.mark)}${expected.length ? ` (expected ${expected.map((e) => `"${e}"`).join(' or ')})` : ''}.`,
      details,
    },
  ];
}

/** Greek has no "?": a Latin question mark anywhere in Greek text is a slip. */
export function checkGreekQuestionMarks(target: string): Warn[] {
  const at = target.indexOf('?');
  if (at < 0) return [];
  return [{ code: 'greek_question_mark', message: 'Greek writes the question mark as ";", not "?".', details: { index: at } }];
}

const NO_BREAK = /[\u00a0\u202f]/;

/**
 * French: a no-break space (U+00A0, or the narrow U+202F) before `? ! : ;`. Not between digits
 * (10:30), not in `://`, not after another such mark (`?!`), and not where the source has the
 * same capitalised word and mark (a name or an acronym quoted as it is).
 */
export function checkFrenchSpacing(source: string, target: string): Warn[] {
  const found: { mark: string; index: number; problem: 'missing' | 'breaking' }[] = [];
  for (const m of target.matchAll(/[?!:;]/g)) {
    const i = m.index;
    const before = target[i - 1];
    if (i === 0 || before === undefined || /[?!:;]/.test(before)) continue;
    if (m[0] === ':' && (/\d/.test(before) && /\d/.test(target[i + 1] ?? '') || target.startsWith('//', i + 1))) continue;
    if (NO_BREAK.test(before)) continue;
    const problem = /\s/.test(before) ? 'breaking' : 'missing';
    if (problem === 'missing') {
      let from = i;
      while (from > 0 && i - from < 64 && !/\s/.test(target[from - 1])) from--;
      const word = target.slice(from, i);
      // A name or acronym quoted as it is ("PCPB;"), not a word French shares with English ("possible?").
      if (/[\p{Lu}\d]/u.test(word) && source.includes(word + m[0])) continue;
    }
    found.push({ mark: m[0], index: i, problem });
  }
  if (!found.length) return [];
  const missing = found.some((f) => f.problem === 'missing');
  return [
    {
      code: 'french_spacing',
      message: missing
        ? `French puts a no-break space before ${[...new Set(found.map((f) => `"${f.mark}"`))].join(', ')}.`
        : `French puts a no-break space (not an ordinary one, which lets the line break) before ${[...new Set(found.map((f) => `"${f.mark}"`))].join(', ')}.`,
      details: { marks: found },
    },
  ];
}

/** Spanish opens every question with "¿" and every exclamation with "¡", in the same sentence. */
export function checkSpanishOpening(target: string): Warn[] {
  const missing: { mark: string; index: number }[] = [];
  let questions = 0;
  let exclamations = 0;
  for (let i = 0; i < target.length; i++) {
    const c = target[i];
    if (c === '¿') questions++;
    else if (c === '¡') exclamations++;
    else if (c === '?') {
      if (questions > 0) questions--;
      else missing.push({ mark: '¿', index: i });
    } else if (c === '!') {
      if (exclamations > 0) exclamations--;
      else missing.push({ mark: '¡', index: i });
    } else if (c === '.' && !/\d/.test(target[i + 1] ?? '')) {
      questions = 0;
      exclamations = 0;
    }
  }
  if (!missing.length) return [];
  const marks = [...new Set(missing.map((m) => m.mark))];
  return [
    {
      code: 'spanish_opening_mark',
      message: `Spanish opens ${marks.map((m) => (m === '¿' ? 'a question with "¿"' : 'an exclamation with "¡"')).join(' and ')}.`,
      details: { missing },
    },
  ];
}

/**
 * Whole-text checks only some languages have, by target language. One that reports a code the
 * other checks already reported (a Greek "?" at the end, found by `checkTerminal`) is skipped.
 */
export const LANGUAGE_CHECKS: Readonly<Record<string, readonly { code: SegmentQaCode; check: (source: string, target: string) => Warn[] }[]>> = {
  el: [{ code: 'greek_question_mark', check: (_source, target) => checkGreekQuestionMarks(target) }],
  fr: [{ code: 'french_spacing', check: checkFrenchSpacing }],
  es: [{ code: 'spanish_opening_mark', check: (_source, target) => checkSpanishOpening(target) }],
};
