import { describe, expect, test } from '@jest/globals';
import { nextWork, type WorkItem } from '@lockstep/shared';

const item = (documentId: string, lang: 'ko' | 'hi', toTranslate: number, toReview = 0): WorkItem => ({
  documentId,
  title: documentId,
  sourceLang: 'en',
  lang,
  revision: 1,
  revisedAt: '2026-01-01T00:00:00.000Z',
  toTranslate: { segments: toTranslate, words: toTranslate * 5 },
  toReview: { segments: toReview, words: toReview * 5 },
  openQuestions: 0,
});

describe('nextWork: where "All done" sends the translator next', () => {
  const items = [item('a', 'ko', 2), item('b', 'ko', 0), item('c', 'ko', 0, 3), item('d', 'hi', 1)];

  test('the next item with work after the current one, skipping finished ones', () => {
    expect(nextWork(items, { documentId: 'a', lang: 'ko' })?.documentId).toBe('c');
    expect(nextWork(items, { documentId: 'c', lang: 'ko' })?.documentId).toBe('d');
  });

  test('wraps around to the top; a document not in the list starts from the top', () => {
    expect(nextWork(items, { documentId: 'd', lang: 'hi' })?.documentId).toBe('a');
    expect(nextWork(items, { documentId: 'zzz', lang: 'ko' })?.documentId).toBe('a');
  });

  test('nothing when only the current item (or nothing) has work', () => {
    expect(nextWork([item('a', 'ko', 2), item('b', 'ko', 0)], { documentId: 'a', lang: 'ko' })).toBeUndefined();
    expect(nextWork([], { documentId: 'a', lang: 'ko' })).toBeUndefined();
  });
});
