import { describe, expect, test } from '@jest/globals';
import type { GlossaryEntry } from '@lockstep/shared/api';
import { clientModule } from './clientModule.js';

const { nextTermToInsert } = await clientModule<{
  nextTermToInsert(terms: readonly GlossaryEntry[], translation: string, targetLang: string): string | undefined;
}>('glossary/insertTerm.ts');

const entry = (id: number, term: string, translations: Record<string, string[]>, doNotTranslate = false): GlossaryEntry => ({
  id, sourceLang: 'en', term, note: '', doNotTranslate, caseSensitive: false, translations, proposals: [], version: 1, updatedAt: '2026-01-01T00:00:00Z',
});

describe('glossary insertion (Alt+T)', () => {
  test('inserts the first term the translation lacks (a form with a particle counts as present), else the first', () => {
    const terms = [entry(1, 'NATO', { ko: ['나토'] }), entry(2, 'Lockstep', {}, true), entry(3, 'peace', { ko: ['평화'] })];
    expect(nextTermToInsert(terms, '', 'ko')).toBe('나토');
    expect(nextTermToInsert(terms, '나토는 ', 'ko')).toBe('Lockstep');
    expect(nextTermToInsert(terms, '나토는 Lockstep의 ', 'ko')).toBe('평화');
    expect(nextTermToInsert(terms, '나토는 Lockstep의 평화를', 'ko')).toBe('나토');
    // No rendering in the language: nothing to insert.
    expect(nextTermToInsert([entry(4, 'war', { ru: ['война'] })], '', 'ko')).toBeUndefined();
  });
});
