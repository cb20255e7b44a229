import { describe, expect, test } from '@jest/globals';
import { codesToText, segmentMarkdown, type SourceRun } from '@lockstep/shared';
import { clientModule } from './clientModule.js';

interface Compact {
  id: string;
  index: number;
  blockIndex: number;
  kind: string;
  sourceRuns: SourceRun[];
  translatable: boolean;
  lockReason?: string;
  hoisted?: string;
  derivedFrom?: string[];
  openQuestions?: number;
  translation?: { text: string; state: string; version: number; previousSource?: string; suggestion?: string };
}

const { fromCompact } = await clientModule<{ fromCompact(segment: Compact): Record<string, unknown> }>('editor/compactSegments.ts');

describe('fromCompact: a compact segment as the editor holds it', () => {
  test('the fields left out get their empty values, and source is the runs written with codes', () => {
    const [segment] = segmentMarkdown('See [the *list*](https://example.org/a) of `x < y` \\<1> items.\n', 'en').segments;
    const compact: Compact = { id: 's1', index: 0, blockIndex: 0, kind: 'paragraph', sourceRuns: segment.runs, translatable: true, translation: { text: '', state: 'untranslated', version: 1 } };
    expect(fromCompact(compact)).toEqual({
      id: 's1',
      index: 0,
      blockIndex: 0,
      kind: 'paragraph',
      source: segment.text,
      sourceRuns: segment.runs,
      translatable: true,
      lockReason: null,
      hoisted: null,
      derivedFrom: [],
      openQuestions: 0,
      translation: { text: '', state: 'untranslated', version: 1, previousSource: null, suggestion: null },
    });
    expect(segment.text).toBe(codesToText(segment.runs));
    expect(segment.text).toContain('<1>');
  });

  test('what is sent is kept; no translation is a locked segment', () => {
    const sent: Compact = {
      id: 's2', index: 3, blockIndex: 1, kind: 'list-item', sourceRuns: [{ type: 'text', text: 'info@example.org' }], translatable: false,
      lockReason: 'email', hoisted: 'strong', derivedFrom: ['s8', 's9'], openQuestions: 2,
    };
    expect(fromCompact(sent)).toMatchObject({ ...sent, source: 'info@example.org', translation: null });
    const stale = fromCompact({ ...sent, translatable: true, lockReason: undefined, translation: { text: 'x', state: 'stale', version: 4, previousSource: 'Old.', suggestion: 'y' } });
    expect(stale.translation).toEqual({ text: 'x', state: 'stale', version: 4, previousSource: 'Old.', suggestion: 'y' });
    expect(stale.lockReason).toBeNull();
  });
});
