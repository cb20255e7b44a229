import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { completeFraction, languageProgressJson, type LanguageProgress, type StateCounts } from '@lockstep/shared';

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

const progress = fc
  .record({
    segments: counts,
    words: counts,
    completeAgainstRevision: fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 })),
    lastActivity: fc.option(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
  })
  .map(
    (p): LanguageProgress => ({
      // The order the server builds them in (services/documents.ts), which is the API's.
      segments: p.segments,
      words: p.words,
      complete: completeFraction(p.segments),
      completeAgainstRevision: p.completeAgainstRevision,
      lastActivity: p.lastActivity,
    }),
  );

describe('languageProgressJson', () => {
  it('writes exactly what JSON.stringify writes, key for key', () => {
    fc.assert(fc.property(progress, (p) => expect(languageProgressJson(p)).toBe(JSON.stringify(p))), { numRuns: 500 });
  });

  it('writes fractions, nulls and times as JSON values a client reads back unchanged', () => {
    const p: LanguageProgress = {
      segments: { total: 3, untranslated: 1, translated: 1, stale: 0, approved: 1, locked: 0 },
      words: { total: 12, untranslated: 4, translated: 5, stale: 0, approved: 3, locked: 0 },
      complete: 2 / 3,
      completeAgainstRevision: null,
      lastActivity: '2026-11-27T17:50:01.123Z',
    };
    expect(JSON.parse(languageProgressJson(p))).toEqual(p);
    expect(JSON.parse(languageProgressJson({ ...p, lastActivity: null, completeAgainstRevision: 4 }))).toMatchObject({ lastActivity: null, completeAgainstRevision: 4 });
  });
});
