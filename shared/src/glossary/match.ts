/**
 * Finding glossary terms in a text, word by word (Intl.Segmenter's word boundaries for the
 * text's language), tolerant of inflection the way each script needs:
 *
 * - Latin, Cyrillic, Greek: a word matches a term word when they share a long enough prefix
 *   and differ only in a short ending ("operation" ~ "operations", "операция" ~ "операции",
 *   "nación" ~ "naciones", "επιχείρηση" ~ "επιχείρησης"); diacritics and letter case are
 *   ignored unless the term is case-sensitive (then only diacritics are).
 * - Hangul: particles attach to the noun, so a word that starts with the term word and adds
 *   at most a few syllables matches (`나토는`, `나토의`, `나토에서` contain `나토`).
 * - Devanagari: postpositions are separate words (`नाटो के`), so the term word must be whole;
 *   only a short oblique or plural ending may follow (`देश` ~ `देशों`).
 * - Anything else (digits, other scripts): the whole word.
 *
 * Multi-word terms match a run of consecutive words with only spaces, hyphens or
 * apostrophes between them. Pure and synchronous: the editor runs it on every segment shown.
 */
import { wordSegmenter } from '../align/wordDiff.js';

export interface MatchableTerm {
  id: number;
  term: string;
  caseSensitive: boolean;
}

/** Where a term occurs in a text: UTF-16 offsets, `end` exclusive. */
export interface TermOccurrence {
  termId: number;
  start: number;
  end: number;
}

interface Word {
  /** The word as compared (folded). */
  key: string;
  start: number;
  end: number;
}

type Script = 'inflecting' | 'hangul' | 'devanagari' | 'other';

function scriptOf(word: string): Script {
  if (/\p{Script=Hangul}/u.test(word)) return 'hangul';
  if (/\p{Script=Devanagari}/u.test(word)) return 'devanagari';
  if (/[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word)) return 'inflecting';
  return 'other';
}

/** The comparable form of a word: NFC, and for the inflecting scripts without diacritics (ё = е, ά = α); lower case unless asked not to. */
function fold(word: string, lang: string, caseSensitive: boolean): string {
  let w = word.normalize('NFC');
  if (scriptOf(w) === 'inflecting') w = w.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  if (!caseSensitive) w = w.toLocaleLowerCase(lang);
  // Greek final sigma is the same letter; typographic apostrophes are the ASCII one.
  return w.replace(/ς/g, 'σ').replace(/[’ʼ]/g, "'");
}

const JOINER = /^[\s\u00a0\u202f\-‐‑–'’]*$/u;

/** The text's words, with whether only joiners (space, hyphen, apostrophe) separate each from the previous one. */
function wordsOf(text: string, lang: string, caseSensitive: boolean): { words: Word[]; joined: boolean[] } {
  const words: Word[] = [];
  const joined: boolean[] = [];
  let gap = '';
  for (const s of wordSegmenter(lang).segment(text)) {
    if (!s.isWordLike) {
      gap += s.segment;
      continue;
    }
    // Apostrophes inside a word part it: French and Italian elide ("l’OTAN" is "l’" + "OTAN"),
    // English adds possessives ("NATO's" is the term "NATO" and an ending).
    let at = s.index;
    for (const piece of s.segment.split(/(?<=['’ʼ])/u)) {
      const bare = piece.replace(/['’ʼ]$/u, '');
      if (bare) {
        joined.push(words.length > 0 && JOINER.test(gap) && gap !== '');
        words.push({ key: fold(bare, lang, caseSensitive), start: at, end: at + bare.length });
      }
      gap = piece.slice(bare.length);
      at += piece.length;
    }
  }
  return { words, joined };
}

function commonPrefix(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

/** Whether a word of the text is a form of a word of the term (both folded alike). */
export function wordMatches(textWord: string, termWord: string): boolean {
  if (textWord === termWord) return true;
  const t = [...termWord].length;
  const w = [...textWord].length;
  const shared = commonPrefix(textWord, termWord);
  switch (scriptOf(termWord)) {
    case 'inflecting': {
      // How much of the term's own ending may change: none for short words (acronyms, "war").
      const changes = t >= 8 ? 3 : t >= 5 ? 2 : t >= 4 ? 1 : 0;
      return shared >= t - changes && shared >= Math.min(t, 3) && w - t <= 3 && w - shared <= 4;
    }
    case 'hangul':
      return shared === t && w - t <= 4;
    case 'devanagari':
      return shared === t && w - t <= 2;
    default:
      return false;
  }
}

const termWordCache = new Map<string, string[]>();
function termWords(term: string, lang: string, caseSensitive: boolean): string[] {
  const key = `${lang}\u0000${caseSensitive}\u0000${term}`;
  let words = termWordCache.get(key);
  if (!words) {
    words = wordsOf(term, lang, caseSensitive).words.map((w) => w.key);
    if (termWordCache.size > 5_000) termWordCache.clear();
    termWordCache.set(key, words);
  }
  return words;
}

function occurrencesIn(text: { words: Word[]; joined: boolean[] }, want: string[]): [number, number][] {
  const out: [number, number][] = [];
  if (!want.length) return out;
  for (let i = 0; i + want.length <= text.words.length; i++) {
    let ok = true;
    for (let k = 0; k < want.length && ok; k++) {
      if (k > 0 && !text.joined[i + k]) ok = false;
      else if (!wordMatches(text.words[i + k].key, want[k])) ok = false;
    }
    if (ok) out.push([text.words[i].start, text.words[i + want.length - 1].end]);
  }
  return out;
}

/** The first letters (up to three) that every form of a word starts with: a match shares them. */
function headOf(word: string): string {
  return [...word].slice(0, 3).join('');
}

interface TermIndex {
  /** Terms by the head of their first word, folded for case-insensitive terms. */
  byHead: Map<string, { term: MatchableTerm; words: string[] }[]>;
}

// Built once per glossary array and language: the editor matches every row against the same one.
const indexes = new WeakMap<readonly MatchableTerm[], Map<string, TermIndex>>();

function indexOf(terms: readonly MatchableTerm[], lang: string): TermIndex {
  let byLang = indexes.get(terms);
  if (!byLang) indexes.set(terms, (byLang = new Map()));
  let index = byLang.get(lang);
  if (!index) {
    index = { byHead: new Map() };
    for (const term of terms) {
      const words = wordsOf(term.term, lang, term.caseSensitive).words.map((w) => w.key);
      if (!words.length) continue;
      const head = headOf(words[0].toLocaleLowerCase(lang));
      const list = index.byHead.get(head) ?? [];
      list.push({ term, words });
      index.byHead.set(head, list);
    }
    byLang.set(lang, index);
  }
  return index;
}

/**
 * Every occurrence of the terms in a text of language `lang`, without overlaps: where two
 * terms overlap, the longer (then the earlier) wins ("Special Military Operation" over
 * "Operation"). Sorted by position. Only terms whose first word starts like a word of the
 * text are compared (an index per glossary array), so a large glossary costs little per text.
 */
export function findTerms(text: string, lang: string, terms: readonly MatchableTerm[]): TermOccurrence[] {
  const insensitive = wordsOf(text, lang, false);
  let sensitive: ReturnType<typeof wordsOf> | undefined;
  const index = indexOf(terms, lang);
  const candidates = new Set<{ term: MatchableTerm; words: string[] }>();
  for (const w of insensitive.words) {
    const letters = [...w.key];
    for (let n = 1; n <= Math.min(3, letters.length); n++) for (const c of index.byHead.get(letters.slice(0, n).join('')) ?? []) candidates.add(c);
  }
  const found: TermOccurrence[] = [];
  for (const { term, words: want } of candidates) {
    const words = term.caseSensitive ? (sensitive ??= wordsOf(text, lang, true)) : insensitive;
    for (const [start, end] of occurrencesIn(words, want)) found.push({ termId: term.id, start, end });
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: TermOccurrence[] = [];
  for (const f of found) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

/** Whether `rendering` (a term or its translation) occurs in `text`, inflected as `lang` allows. */
export function containsTerm(text: string, lang: string, rendering: string, caseSensitive = false): boolean {
  return occurrencesIn(wordsOf(text, lang, caseSensitive), termWords(rendering, lang, caseSensitive)).length > 0;
}
