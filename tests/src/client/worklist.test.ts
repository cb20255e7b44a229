import { describe, expect, test } from '@jest/globals';
import { clientModule } from './clientModule.js';

interface Segment {
  id: string;
  translatable: boolean;
  translation: { state: string; text?: string } | null;
  source?: string;
  openQuestions?: number;
}

const { nextToWorkOn, neighbour, matchingIds } = await clientModule<{
  nextToWorkOn(segments: Segment[], current: string | undefined): string | undefined;
  neighbour(segments: Segment[], current: string | undefined, delta: 1 | -1): string | undefined;
  matchingIds(segments: Segment[], filter: string, search: string): Set<string>;
}>('editor/worklist.ts');

const seg = (id: string, state: string | null): Segment => ({ id, translatable: state !== null, translation: state ? { state } : null });
const list = [seg('a', 'translated'), seg('b', 'untranslated'), seg('c', null), seg('d', 'approved'), seg('e', 'stale')];

describe('the order of work in the editor', () => {
  test.each([
    ['the next untranslated or stale segment after the current one', 'b', 'e'],
    ['wraps around to the top', 'e', 'b'],
    ['from no segment, the first that needs work', undefined, 'b'],
  ])('Ctrl+Enter goes to %s', (_name, current, expected) => {
    expect(nextToWorkOn(list, current)).toBe(expected);
  });

  test('nothing left to do: stays put', () => {
    expect(nextToWorkOn([seg('a', 'translated'), seg('b', 'stale')], 'b')).toBeUndefined();
  });

  test('Alt+arrows step over locked segments and stop at the ends', () => {
    expect(neighbour(list, 'b', 1)).toBe('d');
    expect(neighbour(list, 'd', -1)).toBe('b');
    expect(neighbour(list, 'e', 1)).toBeUndefined();
  });

  test('filters keep what the API\'s state filters keep', () => {
    const kept = (filter: string) => [...matchingIds(list, filter, '')];
    expect(kept('all')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(kept('needs-work')).toEqual(['b', 'e']);
    expect(kept('translated')).toEqual(['a']);
    expect(kept('stale')).toEqual(['e']);
    const asked = [{ ...seg('a', 'translated'), openQuestions: 0 }, { ...seg('b', 'translated'), openQuestions: 2 }];
    expect([...matchingIds(asked, 'open-questions', '')]).toEqual(['b']);
  });

  test('search finds a piece of the source as read, of the translation, or a segment id, in any case', () => {
    const texts = [
      { id: 's1', translatable: true, source: 'Read the <1>NATO</1> report.', translation: { state: 'translated', text: '보고서를 읽으세요.' } },
      { id: 's2', translatable: true, source: 'The Café opens.', translation: { state: 'untranslated', text: '' } },
      { id: 's3', translatable: true, source: 'Nothing here.', translation: { state: 'untranslated', text: '' } },
    ];
    const found = (filter: string, q: string) => [...matchingIds(texts, filter, q)];
    // The codes are not part of what is read: "the NATO" is one piece of it.
    expect(found('all', ' the nato ')).toEqual(['s1']);
    expect(found('all', '보고서')).toEqual(['s1']);
    // A query typed decomposed finds the composed text.
    expect(found('all', 'cafe\u0301')).toEqual(['s2']);
    expect(found('all', 'S3')).toEqual(['s3']);
    expect(found('needs-work', 'the')).toEqual(['s2']);
    expect(found('all', '<1>')).toEqual([]);
  });
});
