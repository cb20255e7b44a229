import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { completeFraction, type StateCounts } from '@lockstep/shared';

const counts = fc
  .tuple(...Array.from({ length: 5 }, () => fc.integer({ min: 0, max: 2 ** 31 - 1 })))
  .map(([untranslated, translated, stale, approved, locked]): StateCounts => ({
    total: untranslated + translated + stale + approved + locked,
    untranslated,
    translated,
    stale,
    approved,
    locked,
  }));

const of = (c: Omit<StateCounts, 'total'>): StateCounts => ({ ...c, total: c.untranslated + c.translated + c.stale + c.approved + c.locked });

describe('completeFraction: done work over translatable work (api.md "Progress")', () => {
  test('an untouched language is at 0, however many locked segments the document has', () => {
    expect(completeFraction(of({ untranslated: 61, translated: 0, stale: 0, approved: 0, locked: 3 }))).toBe(0);
    // The same rule over source words: the locked lines' words are not work either.
    expect(completeFraction(of({ untranslated: 1480, translated: 0, stale: 0, approved: 0, locked: 12 }))).toBe(0);
  });

  test('every translatable segment done is 100% with locked segments present; stale work is not done', () => {
    expect(completeFraction(of({ untranslated: 0, translated: 40, stale: 0, approved: 21, locked: 3 }))).toBe(1);
    expect(completeFraction(of({ untranslated: 0, translated: 2, stale: 1, approved: 1, locked: 3 }))).toBe(3 / 4);
    expect(completeFraction(of({ untranslated: 3, translated: 1, stale: 0, approved: 0, locked: 5 }))).toBe(1 / 4);
  });

  test('a document with nothing to translate (empty, or locked lines only) has no work left: 1', () => {
    expect(completeFraction(of({ untranslated: 0, translated: 0, stale: 0, approved: 0, locked: 0 }))).toBe(1);
    expect(completeFraction(of({ untranslated: 0, translated: 0, stale: 0, approved: 0, locked: 2 }))).toBe(1);
  });

  test('is 1 exactly when nothing is untranslated or stale (what completeAgainstRevision records)', () => {
    fc.assert(
      fc.property(counts, (c) => {
        expect(completeFraction(c) === 1).toBe(c.untranslated === 0 && c.stale === 0);
        expect(completeFraction(c)).toBeGreaterThanOrEqual(0);
        expect(completeFraction(c)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
