/**
 * The translation memory's candidate index (server/migrations/017_memory_index.sql): which
 * terms of a source text are indexed, their hashes, and which of a query's terms a lookup reads.
 *
 * A text's terms are its words (`Intl.Segmenter` word granularity for the source language, so
 * Hangul, Devanagari, Greek and Cyrillic words count like Latin ones; punctuation and spaces
 * are not terms), folded (NFKC, lower case), and the pairs of words one and two apart (word
 * bigrams and skip-bigrams). A stored text one word away from the query shares every term
 * not touching that word, including the skip-bigram across it; so even when the query's
 * rarest word is the one that differs (a number in a templated sentence), the neighbours are
 * found through the rare pairs around it.
 */
import { wordSegmenter } from '../align/wordDiff.js';

/** Words of a text indexed at most: a longer text is found by its beginning (and exactly, by its hash). */
export const MAX_INDEXED_WORDS = 256;

/** The folded words of a text, in order (word-like segments only). */
export function indexWords(plain: string, lang: string): string[] {
  const words: string[] = [];
  for (const s of wordSegmenter(lang).segment(plain.normalize('NFKC'))) {
    if (!s.isWordLike) continue;
    words.push(s.segment.toLowerCase());
    if (words.length >= MAX_INDEXED_WORDS) break;
  }
  return words;
}

/** The distinct terms of a text: words, word pairs and words two apart. */
export function indexTerms(plain: string, lang: string): string[] {
  const words = indexWords(plain, lang);
  const terms = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    terms.add(words[i]);
    if (i + 1 < words.length) terms.add(`${words[i]}\u0001${words[i + 1]}`);
    if (i + 2 < words.length) terms.add(`${words[i]}\u0002${words[i + 2]}`);
  }
  return [...terms];
}

/**
 * A term's key in the index: a 48-bit hash of the language and the term (two FNV-1a hashes of
 * the UTF-16 code units), a safe integer stored as bigint. A collision merges two posting
 * lists; every candidate is scored on its text afterwards, so it can cost time, never a wrong
 * answer.
 */
export function termHash(lang: string, term: string): number {
  const s = `${lang}\u0000${term}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x10000 + ((b >>> 0) & 0xffff);
}

/** The distinct term hashes of a text, as the index stores them. */
export function indexTermHashes(plain: string, lang: string): number[] {
  return [...new Set(indexTerms(plain, lang).map((t) => termHash(lang, t)))];
}

export interface CandidateBounds {
  /** A term in more stored texts than this is never read (it would name most of the memory). */
  maxTermFrequency: number;
  /** Posting-list entries one lookup reads at most, summed over the terms it picks. */
  maxPostings: number;
}

/**
 * The bounds every lookup keeps, whatever the sentence. Measured on the tm-1m bench (1,000,000
 * translations of 219,000 distinct templated English texts; README "Decisions"): the rare terms
 * of a sentence add up to a few thousand postings. 6,000 postings find the same top three as
 * 12,000 did (recall@3 over 500 queries 0.985 at 1M, 0.999 at 100k, both unchanged; 4,000
 * lost some: 0.982 and 0.996) at about half the candidate search's time.
 */
export const MEMORY_CANDIDATE_BOUNDS: CandidateBounds = { maxTermFrequency: 4_000, maxPostings: 6_000 };

/** Stored texts scored per lookup at most: those sharing the most picked terms. */
export const MAX_MEMORY_CANDIDATES = 200;

/**
 * The terms a lookup reads: rarest first (`frequencies`: stored texts per term hash; a term no
 * stored text has costs nothing and finds nothing), skipping those above the frequency cap,
 * until the next would take the postings read past the budget.
 */
export function pickLookupTerms(frequencies: ReadonlyMap<number, number>, bounds: CandidateBounds = MEMORY_CANDIDATE_BOUNDS): number[] {
  const usable = [...frequencies].filter(([, df]) => df > 0 && df <= bounds.maxTermFrequency).sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  const picked: number[] = [];
  let postings = 0;
  for (const [hash, df] of usable) {
    if (postings + df > bounds.maxPostings) break;
    postings += df;
    picked.push(hash);
  }
  return picked;
}
