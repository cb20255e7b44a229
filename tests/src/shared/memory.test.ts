import { describe, expect, test } from '@jest/globals';
import { matchTokens, memoryMatch, MIN_MEMORY_MATCH, rankSuggestions, tokenMatch, tokenMatcher, type MemoryCandidate } from '@lockstep/shared';

describe('match percentage of a translation-memory suggestion', () => {
  test('the same source is 100, also when only whitespace differs', () => {
    expect(memoryMatch('The cat sat on the mat.', 'The cat sat on the mat.', 'en')).toBe(100);
    expect(memoryMatch('The cat  sat on\nthe mat. ', 'The cat sat on the mat.', 'en')).toBe(100);
    expect(memoryMatch('We <1>stand</1> here.', 'We <1>stand</1> here.', 'en')).toBe(100);
  });

  test('the same words with other inline codes are 99: the codes need moving', () => {
    expect(memoryMatch('We <1>stand</1> here.', 'We stand <1>here</1>.', 'en')).toBe(99);
    expect(memoryMatch('We stand here.', 'We <1>stand</1> here.', 'en')).toBe(99);
  });

  test('one word in ten replaced is 90, two are 80: words, not characters, count', () => {
    const source = 'one two three four five six seven eight nine ten';
    expect(memoryMatch(source, 'one two three four five six seven eight nine eleven', 'en')).toBe(90);
    expect(memoryMatch(source, 'one two three four five six seven eighty nine eleven', 'en')).toBe(80);
    // A long word changed costs as much as a short one.
    expect(memoryMatch(source, 'one two three four five six seven eight nine extraordinarily', 'en')).toBe(90);
  });

  test('punctuation is a token; letter case alone costs half a word', () => {
    expect(memoryMatch('one two three four five six seven eight nine ten.', 'one two three four five six seven eight nine ten!', 'en')).toBe(90);
    expect(memoryMatch('one two three four five six seven eight nine Ten', 'one two three four five six seven eight nine ten', 'en')).toBe(95);
  });

  test('words are cut per script: Hangul, Devanagari and Cyrillic words count as words', () => {
    expect(memoryMatch('고양이가 매트 위에 앉았다', '고양이가 의자 위에 앉았다', 'ko')).toBe(75);
    expect(memoryMatch('वह किताब पढ़ता है', 'वह किताबें पढ़ता है', 'hi')).toBe(75);
    expect(memoryMatch('Быстрая коричневая лиса прыгает', 'Медленная коричневая лиса прыгает', 'ru')).toBe(75);
  });

  test('a different sentence scores low, and nothing but the same text reaches 100', () => {
    expect(memoryMatch('The cat sat on the mat.', 'Submissions are judged on identical hardware.', 'en')).toBeLessThan(MIN_MEMORY_MATCH);
    expect(memoryMatch('', 'Anything at all.', 'en')).toBe(0);
    // Near-identical long text is capped below the two exact grades.
    const long = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');
    expect(memoryMatch(long, `${long} extra`, 'en')).toBe(98);
  });

  test('more edits never score higher (monotonic in the number of replaced words)', () => {
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu'.split(' ');
    let last = 101;
    for (let changed = 0; changed <= words.length; changed++) {
      const edited = words.map((w, i) => (i < changed ? `${w}x` : w)).join(' ');
      const m = memoryMatch(words.join(' '), edited, 'en');
      expect(m).toBeLessThan(last);
      last = m;
    }
  });
});

const candidate = (over: Partial<MemoryCandidate>): MemoryCandidate => ({
  text: 'T',
  source: 'The cat sat on the mat.',
  earlierSource: false,
  origin: 'other-segment',
  documentId: 'd',
  segmentId: 's',
  state: 'translated',
  updatedAt: new Date('2025-01-01T00:00:00Z'),
  ...over,
});

describe('one sentence scored against many texts (a lookup’s 200 candidates)', () => {
  /** The word-level similarity as defined: Levenshtein over tokens, a case-only difference half a substitution. */
  function reference(a: readonly string[], b: readonly string[]): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const sub = a[i - 1] === b[j - 1] ? 0 : a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0.5 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + sub);
      }
    }
    const longer = Math.max(a.length, b.length);
    return longer === 0 ? 0 : Math.max(0, Math.min(98, Math.floor((1 - d[a.length][b.length] / longer) * 100 + 1e-9)));
  }

  test('the reusable matcher gives the defined similarity for every text, one after another (random token lists)', () => {
    let seed = 12345;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const vocabulary = ['the', 'The', 'array', 'ARRAY', 'of', 'n', 'numbers', '.', ',', '57', 'grid'];
    const list = () => Array.from({ length: next(14) }, () => vocabulary[next(vocabulary.length)]);
    for (let q = 0; q < 30; q++) {
      const query = list();
      const score = tokenMatcher(query);
      for (let t = 0; t < 30; t++) {
        const tokens = list();
        expect([score(tokens), tokenMatch(tokens, query)]).toEqual([reference(tokens, query), reference(tokens, query)]);
      }
    }
  });

  test('given a floor, the matcher gives the same match for every text that reaches it and less than it for every other (random token lists)', () => {
    let seed = 777;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const vocabulary = ['the', 'The', 'array', 'of', 'n', 'numbers', '.', '57'];
    const list = () => Array.from({ length: next(16) }, () => vocabulary[next(vocabulary.length)]);
    for (let q = 0; q < 30; q++) {
      const query = list();
      const score = tokenMatcher(query);
      for (let t = 0; t < 30; t++) {
        const tokens = list();
        const exact = reference(tokens, query);
        const floored = score(tokens, MIN_MEMORY_MATCH);
        if (exact >= MIN_MEMORY_MATCH) expect(floored).toBe(exact);
        else expect(floored).toBeLessThan(MIN_MEMORY_MATCH);
      }
    }
  });
});

describe('ranking suggestions', () => {
  const currentSource = 'The cat sat on the mat.';

  test('own earlier texts come first (newest first), then others best match first', () => {
    const out = rankSuggestions({
      own: [candidate({ text: 'own new', origin: 'this-segment' }), candidate({ text: 'own old', origin: 'this-segment' })],
      others: [
        candidate({ text: 'close', source: 'The cat sat on the red mat.' }),
        candidate({ text: 'exact', source: 'The cat sat on the mat.' }),
        candidate({ text: 'far', source: 'The dog sat on a red mat today.' }),
      ],
      currentSource,
      currentText: '',
      sourceLang: 'en',
      limit: 10,
    });
    expect(out.map((s) => s.text)).toEqual(['own new', 'own old', 'exact', 'close', 'far']);
    expect(out.slice(2).map((s) => s.match)).toEqual([100, 87, 55]) // 1 − 1/8 and 1 − 4/9 word edits;
    expect(out[0].origin).toBe('this-segment');
  });

  test('each text once, the current text never, and weak matches left out', () => {
    const out = rankSuggestions({
      own: [candidate({ text: 'current', origin: 'this-segment' }), candidate({ text: 'A', origin: 'this-segment' })],
      others: [
        candidate({ text: 'A' }),
        candidate({ text: 'B', source: 'The cat sat on the red mat.' }),
        candidate({ text: 'B', source: 'The cat sat on the mat.' }),
        candidate({ text: 'unrelated', source: 'Submissions are judged on identical hardware.' }),
        candidate({ text: '   ' }),
      ],
      currentSource,
      currentText: 'current',
      sourceLang: 'en',
      limit: 10,
    });
    expect(out.map((s) => [s.text, s.match])).toEqual([
      ['A', 100],
      ['B', 100],
    ]);
  });

  test('a candidate given its source’s match tokens scores as without them, and the tokens are not part of the suggestion', () => {
    const source = 'The cat sat on the red mat.';
    const [given, cut] = [true, false].map((withTokens) =>
      rankSuggestions({
        own: [],
        others: [candidate({ text: 'close', source, ...(withTokens ? { sourceTokens: matchTokens(source, 'en') } : {}) })],
        currentSource,
        currentText: '',
        sourceLang: 'en',
        limit: 5,
      }),
    );
    expect(given).toEqual(cut);
    expect(given[0].match).toBe(87);
    expect(Object.keys(given[0])).not.toContain('sourceTokens');
  });

  test('on equal match an approved translation, then the newer one, goes first; the limit holds', () => {
    const others = [
      candidate({ text: 'old translated', updatedAt: new Date('2024-01-01') }),
      candidate({ text: 'new translated', updatedAt: new Date('2025-06-01') }),
      candidate({ text: 'old approved', state: 'approved', updatedAt: new Date('2023-01-01') }),
    ];
    const out = rankSuggestions({ own: [], others, currentSource, currentText: '', sourceLang: 'en', limit: 2 });
    expect(out.map((s) => s.text)).toEqual(['old approved', 'new translated']);
  });

  test('the diff goes from the suggestion’s source to the current source', () => {
    const [s] = rankSuggestions({
      own: [],
      others: [candidate({ source: 'The cat sat on the red mat.' })],
      currentSource: 'The cat sat on the <1>mat</1>.',
      currentText: '',
      sourceLang: 'en',
      limit: 5,
    });
    expect(s.diff.filter((p) => p.op === 'removed').map((p) => p.text.trim())).toEqual(['red']);
    expect(s.diff.filter((p) => p.op === 'added')).toEqual([]);
    expect(s.diff.filter((p) => p.op !== 'removed').map((p) => p.text).join('')).toBe('The cat sat on the mat.');
  });
});
