import type { QaWarning, SegmentQaCode } from './types.js';

/**
 * `source_text_left`: a translation that still carries a run of the source's words — a
 * half-translated sentence (`(미국 and Australia)`), typically a CAT tool's pre-filled source
 * that was only partly overwritten. Names stay the same in many translations, so a run counts
 * only with a lowercase word outside a name (`and`, `the`), and in a target of the source's own
 * script only from four words on (shared words such as "la", "de" are common in es/fr/pt/tl).
 * Read with addresses blanked out (a kept URL is no untranslated text).
 */
/** Words, split where the script changes too (`Australia에서의` is `Australia` + `에서의`). */
const WORD = /\p{Script=Latin}(?:[\p{Script=Latin}\p{M}'’-]*[\p{Script=Latin}\p{M}])?|(?:(?!\p{Script=Latin})[\p{L}\p{M}])+/gu;

function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

const isLatin = (word: string) => /^[\p{Script=Latin}'’-]+$/u.test(word);
const capitalised = (word: string) => word[0] !== word[0].toLocaleLowerCase() && word[0] === word[0].toLocaleUpperCase();

/** The longest run of consecutive target words that also stands consecutively in the source (case-insensitive). */
function longestSharedRun(source: readonly string[], target: readonly string[]): string[] {
  const src = source.map((w) => w.toLocaleLowerCase());
  const trg = target.map((w) => w.toLocaleLowerCase());
  let best: [number, number] = [0, 0];
  // Dynamic programming over suffix lengths; sentences are short, so O(n·m) is nothing.
  let prev = new Array<number>(src.length + 1).fill(0);
  for (let i = 1; i <= trg.length; i++) {
    const row = new Array<number>(src.length + 1).fill(0);
    for (let j = 1; j <= src.length; j++) {
      if (trg[i - 1] === src[j - 1]) {
        row[j] = prev[j - 1] + 1;
        if (row[j] > best[1]) best = [i - row[j], row[j]];
      }
    }
    prev = row;
  }
  return target.slice(best[0], best[0] + best[1]);
}

/**
 * Whether the run has a lowercase word of the source's script that is not inside a name: a
 * lowercase word between two capitalised ones (`Committee for the Fourth International`)
 * belongs to the name, one at either end of the run (`and Australia`) does not. Words in
 * another script (a Greek organisation's own name quoted in an English source) do not count.
 */
function outsideNames(run: readonly string[], latinSource: boolean): boolean {
  const caps = run.map(capitalised);
  const first = caps.indexOf(true);
  const last = caps.lastIndexOf(true);
  return run.some((word, i) => !caps[i] && (!latinSource || isLatin(word)) && !(first !== -1 && first < i && i < last));
}

export function checkSourceLeft(source: string, target: string, sourceLang: string, targetLang: string): QaWarning<SegmentQaCode>[] {
  if (sourceLang === targetLang) return [];
  const sourceWords = wordsOf(source);
  const targetWords = wordsOf(target);
  // The source's script is its majority's: an English source may quote a name in Greek or Devanagari.
  const latinSource = sourceWords.filter(isLatin).length > sourceWords.length / 2;
  // A target in another script (Hangul, Cyrillic, Greek, Devanagari) has almost no business with the source's words.
  const sameScript = !latinSource || targetWords.filter(isLatin).length > targetWords.length / 2;
  const run = longestSharedRun(sourceWords, targetWords);
  // The whole translation being the source is same_as_source's finding, not this one's.
  if (run.length === targetWords.length && run.length === sourceWords.length) return [];
  if (run.length < (sameScript ? 4 : 2) || !outsideNames(run, latinSource)) return [];
  const text = run.join(' ');
  return [{ code: 'source_text_left', message: `The translation still has text of the source: "${text}".`, details: { text, words: run.length } }];
}
