import { describe, expect, test } from '@jest/globals';
import type { LanguageCode } from '@lockstep/shared';
import { clientModule } from './clientModule.js';

const { offeredLanguages } = await clientModule<{
  offeredLanguages(documents: { targetLangs: LanguageCode[] }[] | undefined, current: LanguageCode[]): LanguageCode[];
}>('pages/users/offeredLanguages.ts');

describe('languages offered to a new translator', () => {
  test("a document's source language is not offered: only languages documents are translated into", () => {
    const statement = { targetLangs: ['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'] as LanguageCode[] };
    expect(offeredLanguages([statement], [])).toEqual(['es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru']);
  });

  test('a language the person already has stays offered (so it can be taken away)', () => {
    expect(offeredLanguages([{ targetLangs: ['ko'] }], ['en'])).toEqual(['en', 'ko']);
  });

  test('a source language that another document translates into is offered', () => {
    expect(offeredLanguages([{ targetLangs: ['ko'] }, { targetLangs: ['en'] }], [])).toEqual(['en', 'ko']);
  });

  test('with no documents yet (or while they load), every language', () => {
    expect(offeredLanguages([], [])).toHaveLength(9);
    expect(offeredLanguages(undefined, [])).toHaveLength(9);
  });
});
