import { describe, expect, test } from '@jest/globals';
import { indexTermHashes, indexTerms, indexWords, MAX_INDEXED_WORDS, pickLookupTerms, termHash } from '@lockstep/shared';

// The translation memory's candidate index cuts texts into words with Intl.Segmenter, so every
// statement language is indexed by its words, not only space-separated Latin (issue 19).
describe('the memory index’s words, in all nine languages', () => {
  const cases: [string, string, string[]][] = [
    ['en', 'The array contains 57 numbers.', ['the', 'array', 'contains', '57', 'numbers']],
    ['es', '¿El arreglo contiene 57 números?', ['el', 'arreglo', 'contiene', '57', 'números']],
    ['ko', '배열에는 숫자 57개가 있습니다.', ['배열에는', '숫자', '57', '개가', '있습니다']],
    ['pt', 'O vetor contém 57 números.', ['o', 'vetor', 'contém', '57', 'números']],
    ['el', 'Ο πίνακας περιέχει 57 αριθμούς.', ['ο', 'πίνακας', 'περιέχει', '57', 'αριθμούς']],
    ['hi', 'सरणी में 57 संख्याएँ हैं।', ['सरणी', 'में', '57', 'संख्याएँ', 'हैं']],
    ['fr', 'L’entrée contient 57 nombres.', ['l’entrée', 'contient', '57', 'nombres']],
    ['tl', 'Ang hanay ay naglalaman ng 57 numero.', ['ang', 'hanay', 'ay', 'naglalaman', 'ng', '57', 'numero']],
    ['ru', 'Массив содержит 57 чисел.', ['массив', 'содержит', '57', 'чисел']],
  ];
  test.each(cases)('%s: words folded to lower case; punctuation and spaces are not words', (lang, text, words) => {
    expect(indexWords(text, lang)).toEqual(words);
  });

  test('Greek final sigma and Devanagari vowel signs stay inside their words', () => {
    expect(indexWords('Ο ΛΟΓΟΣ και ο λόγος', 'el')).toEqual(['ο', 'λογος', 'και', 'ο', 'λόγος']);
    // A matra (vowel sign) or virama never starts a word of its own.
    expect(indexWords('हिन्दी में क्षमता', 'hi')).toEqual(['हिन्दी', 'में', 'क्षमता']);
  });

  test('compatibility forms fold together (NFKC): full-width digits and letters are the plain ones', () => {
    expect(indexWords('ＡＢＣ １２３', 'en')).toEqual(indexWords('abc 123', 'en'));
  });
});

describe('terms: words, neighbouring pairs and words one apart', () => {
  // Readable terms: a pair as 'a b', words one apart as 'a _ c'.
  const shown = (text: string, lang: string) => indexTerms(text, lang).map((t) => t.replace('\u0001', ' ').replace('\u0002', ' _ '));
  const termCases: [string, string, string[]][] = [
    ['en', 'The array contains 57 numbers.', ['the', 'the array', 'the _ contains', 'array', 'array contains', 'array _ 57', 'contains', 'contains 57', 'contains _ numbers', '57', '57 numbers', 'numbers']],
    ['es', '¿El arreglo contiene 57 números?', ['el', 'el arreglo', 'el _ contiene', 'arreglo', 'arreglo contiene', 'arreglo _ 57', 'contiene', 'contiene 57', 'contiene _ números', '57', '57 números', 'números']],
    ['ko', '배열에는 숫자 57개가 있습니다.', ['배열에는', '배열에는 숫자', '배열에는 _ 57', '숫자', '숫자 57', '숫자 _ 개가', '57', '57 개가', '57 _ 있습니다', '개가', '개가 있습니다', '있습니다']],
    ['pt', 'O vetor contém 57 números.', ['o', 'o vetor', 'o _ contém', 'vetor', 'vetor contém', 'vetor _ 57', 'contém', 'contém 57', 'contém _ números', '57', '57 números', 'números']],
    ['el', 'Ο πίνακας περιέχει 57 αριθμούς.', ['ο', 'ο πίνακας', 'ο _ περιέχει', 'πίνακας', 'πίνακας περιέχει', 'πίνακας _ 57', 'περιέχει', 'περιέχει 57', 'περιέχει _ αριθμούς', '57', '57 αριθμούς', 'αριθμούς']],
    ['hi', 'सरणी में 57 संख्याएँ हैं।', ['सरणी', 'सरणी में', 'सरणी _ 57', 'में', 'में 57', 'में _ संख्याएँ', '57', '57 संख्याएँ', '57 _ हैं', 'संख्याएँ', 'संख्याएँ हैं', 'हैं']],
    ['fr', 'L’entrée contient 57 nombres.', ['l’entrée', 'l’entrée contient', 'l’entrée _ 57', 'contient', 'contient 57', 'contient _ nombres', '57', '57 nombres', 'nombres']],
    ['tl', 'Ang hanay ay naglalaman ng 57 numero.', ['ang', 'ang hanay', 'ang _ ay', 'hanay', 'hanay ay', 'hanay _ naglalaman', 'ay', 'ay naglalaman', 'ay _ ng', 'naglalaman', 'naglalaman ng', 'naglalaman _ 57', 'ng', 'ng 57', 'ng _ numero', '57', '57 numero', 'numero']],
    ['ru', 'Массив содержит 57 чисел.', ['массив', 'массив содержит', 'массив _ 57', 'содержит', 'содержит 57', 'содержит _ чисел', '57', '57 чисел', 'чисел']],
  ];
  test.each(termCases)('%s: every word, every neighbouring pair and every pair one apart, in text order', (lang, text, terms) => {
    expect(shown(text, lang)).toEqual(terms);
  });

  test('a sentence’s terms', () => {
    expect(indexTerms('A b c', 'en').sort()).toEqual(['a', 'a\u0001b', 'a\u0002c', 'b', 'b\u0001c', 'c'].sort());
  });

  test('one word changed leaves the pair across it: a neighbour shares a rare term with the query', () => {
    const query = new Set(indexTerms('The array contains 57 numbers.', 'en'));
    const stored = indexTerms('The array contains 1234 numbers.', 'en');
    expect(stored.filter((t) => query.has(t))).toContain('contains\u0002numbers');
  });

  test('each term once; a very long text is indexed by its first words', () => {
    expect(indexTerms('go go go go', 'en').sort()).toEqual(['go', 'go\u0001go', 'go\u0002go']);
    const long = Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' ');
    expect(indexWords(long, 'en')).toHaveLength(MAX_INDEXED_WORDS);
  });

  test('hashes are pinned: the stored index is keyed by them, so a changed hash function would orphan every stored posting', () => {
    expect(termHash('en', 'array')).toBe(18823961346414);
    expect(termHash('ko', '숫자')).toBe(181821088643529);
    expect(termHash('en', 'contains\u0002numbers')).toBe(24007294036808);
    expect(indexTermHashes('The array contains 57 numbers.', 'en')).toEqual(indexTerms('The array contains 57 numbers.', 'en').map((t) => termHash('en', t)));
  });

  test('hashes are stable safe integers, and the language is part of them', () => {
    const h = termHash('en', 'array');
    expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
    expect(termHash('en', 'array')).toBe(h);
    expect(termHash('fr', 'array')).not.toBe(h);
    expect(new Set(indexTermHashes('the cat and the dog', 'en')).size).toBe(indexTermHashes('the cat and the dog', 'en').length);
  });
});

describe('which terms a lookup reads', () => {
  test('rarest first, never one above the frequency cap, none stored texts lack, within the postings budget', () => {
    const frequencies = new Map([
      [1, 5_000], // over the cap
      [2, 3],
      [3, 0], // in no stored text
      [4, 40],
      [5, 900],
      [6, 700],
    ]);
    expect(pickLookupTerms(frequencies, { maxTermFrequency: 1_000, maxPostings: 800 })).toEqual([2, 4, 6]);
    expect(pickLookupTerms(frequencies, { maxTermFrequency: 1_000, maxPostings: 10_000 })).toEqual([2, 4, 6, 5]);
    expect(pickLookupTerms(new Map([[1, 5_000]]), { maxTermFrequency: 1_000, maxPostings: 10_000 })).toEqual([]);
  });
});
