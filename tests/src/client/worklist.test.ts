import { describe, expect, test } from '@jest/globals';
import { clientModule } from './clientModule.js';

interface Segment {
  id: string;
  translatable: boolean;
  translation: { state: string } | null;
}

const { nextToWorkOn, neighbour, segmentQuery } = await clientModule<{
  nextToWorkOn(segments: Segment[], current: string | undefined): string | undefined;
  neighbour(segments: Segment[], current: string | undefined, delta: 1 | -1): string | undefined;
  segmentQuery(lang: string, filter: string, search: string): Record<string, string>;
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

  test('filters and search become the segments query of the API', () => {
    expect(segmentQuery('ko', 'all', '  ')).toEqual({ lang: 'ko' });
    expect(segmentQuery('ko', 'needs-work', ' NATO ')).toEqual({ lang: 'ko', state: 'needs-work', q: 'NATO' });
  });
});
