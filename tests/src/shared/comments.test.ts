import { describe, expect, test } from '@jest/globals';
import { mayComment, mayDeleteComment, mayEditComment, mayResolveQuestion, mentionedHandles, type Actor } from '@lockstep/shared';

describe('mentionedHandles', () => {
  test('names and e-mail addresses after @, lower-cased, once each, without trailing punctuation', () => {
    expect(mentionedHandles('Ask @Ko, then @ana.silva. Or @ko again; cc @Rev@Example.org!')).toEqual(['ko', 'ana.silva', 'rev@example.org']);
  });

  test('names in any script; an address inside a word or an e-mail written plainly is no mention', () => {
    expect(mentionedHandles('Спросите @Ирина и @प्रिया (हिंदी)')).toEqual(['ирина', 'प्रिया']);
    expect(mentionedHandles('Write to ko@example.org or a@b')).toEqual([]);
    expect(mentionedHandles('@ alone, @@double, and @-dash')).toEqual([]);
  });
});

describe('who may do what to a comment', () => {
  const translatorKo: Actor = { id: 1, role: 'translator', languages: ['ko'] };
  const reviewerKo: Actor = { id: 2, role: 'reviewer', languages: ['ko'] };
  const reviewerRu: Actor = { id: 3, role: 'reviewer', languages: ['ru'] };
  const coordinator: Actor = { id: 4, role: 'coordinator', languages: [] };
  const question = { authorId: 1, lang: 'ko', kind: 'question' as const };

  test('writing: in one’s languages and for all languages', () => {
    expect([mayComment(translatorKo, 'ko'), mayComment(translatorKo, 'ru'), mayComment(translatorKo, null), mayComment(coordinator, 'ru')]).toEqual([true, false, true, true]);
  });

  test('editing is the author’s; deleting the author’s or a coordinator’s', () => {
    expect([mayEditComment(translatorKo, question), mayEditComment(coordinator, question)]).toEqual([true, false]);
    expect([mayDeleteComment(reviewerKo, question), mayDeleteComment(coordinator, question)]).toEqual([false, true]);
  });

  test('resolving: the author, a reviewer of the language (any reviewer for all languages), a coordinator', () => {
    expect([translatorKo, reviewerKo, reviewerRu, coordinator].map((a) => mayResolveQuestion(a, question))).toEqual([true, true, false, true]);
    const other = { ...question, authorId: 9 };
    expect([translatorKo, reviewerKo, reviewerRu].map((a) => mayResolveQuestion(a, other))).toEqual([false, true, false]);
    expect(mayResolveQuestion(reviewerRu, { ...other, lang: null })).toBe(true);
  });
});
