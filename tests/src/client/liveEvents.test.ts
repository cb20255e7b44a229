import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { clientModule } from './clientModule.js';

interface LiveEvent {
  kind: string;
  lang?: string;
  by?: string | null;
  userId?: number | null;
}
interface ChangedRow {
  id: string;
  version: number;
  by: string | null;
  userId: number | null;
}

const { parseLiveEvent, changedRows } = await clientModule<{
  parseLiveEvent(name: string, raw: string): LiveEvent | undefined;
  changedRows(event: LiveEvent, lang: string, versionOf: (id: string) => number | undefined): ChangedRow[];
}>('editor/liveEvents.ts');

const shown = new Map([
  ['s1', 3],
  ['s2', 5],
]);
const versionOf = (id: string) => shown.get(id);
const translation = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ seq: 9, kind: 'translation', segment: 's1', lang: 'ko', version: 4, state: 'translated', action: 'edit', historyId: 1, userId: 7, by: 'Cora', at: '2026-01-01T00:00:00Z', ...over });

describe('live events in the editor', () => {
  test('a newer version of a row on screen is a row to refresh, with who changed it', () => {
    const event = parseLiveEvent('translation', translation())!;
    expect(changedRows(event, 'ko', versionOf)).toEqual([{ id: 's1', version: 4, by: 'Cora', userId: 7 }]);
  });

  test.each([
    ['our own save coming back (same version)', translation({ version: 3 }), 'ko'],
    ['an older event replayed after a reconnect', translation({ version: 2 }), 'ko'],
    ['another language', translation(), 'es'],
    ['a row the filter hides', translation({ segment: 'elsewhere' }), 'ko'],
  ])('nothing to refresh for %s', (_, raw, lang) => {
    expect(changedRows(parseLiveEvent('translation', raw)!, lang, versionOf)).toEqual([]);
  });

  test('an import refreshes its applied and suggested units on screen, once each, at the newest version', () => {
    const raw = JSON.stringify({
      seq: 10,
      kind: 'import',
      lang: 'ko',
      units: [{ segment: 's1', version: 4, state: 'translated' }, { segment: 'gone', version: 2, state: 'translated' }],
      suggested: [{ segment: 's2', version: 6 }, { segment: 's1', version: 5 }],
      userId: 3,
      by: 'Min',
    });
    const rows = changedRows(parseLiveEvent('import', raw)!, 'ko', versionOf);
    expect(rows.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 's1', version: 5, by: 'Min', userId: 3 },
      { id: 's2', version: 6, by: 'Min', userId: 3 },
    ]);
  });

  test('revision and reset events are read; malformed or unknown ones are ignored', () => {
    expect(parseLiveEvent('revision', JSON.stringify({ seq: 11, kind: 'revision', revision: 2, stale: { ko: 3 }, userId: 1, by: 'Cora' }))).toMatchObject({
      kind: 'revision',
      revision: 2,
      stale: { ko: 3 },
      by: 'Cora',
    });
    expect(parseLiveEvent('reset', JSON.stringify({ seq: 12, reason: 'too_far_behind' }))).toMatchObject({ kind: 'reset', reason: 'too_far_behind' });
    expect(parseLiveEvent('translation', '{not json')).toBeUndefined();
    expect(parseLiveEvent('translation', JSON.stringify({ seq: 1, segment: 's1' }))).toBeUndefined();
    expect(parseLiveEvent('mystery', JSON.stringify({ seq: 1 }))).toBeUndefined();
    // A revision changes no row by itself: the editor offers a reload instead.
    expect(changedRows(parseLiveEvent('revision', JSON.stringify({ seq: 11, revision: 2 }))!, 'ko', versionOf)).toEqual([]);
  });

  test('comment events name the comment, its segment and its thread (null: all languages); they change no translation', () => {
    const comment = (over: Record<string, unknown> = {}) =>
      JSON.stringify({ seq: 13, kind: 'comment', comment: 5, segment: 's1', lang: null, commentKind: 'question', action: 'created', userId: 2, by: 'Ko', ...over });
    expect(parseLiveEvent('comment', comment())).toMatchObject({ kind: 'comment', comment: 5, segment: 's1', lang: null, action: 'created', by: 'Ko' });
    expect(parseLiveEvent('comment', comment({ lang: 'ko' }))).toMatchObject({ lang: 'ko' });
    expect(parseLiveEvent('comment', comment({ comment: 'x' }))).toBeUndefined();
    expect(parseLiveEvent('comment', comment({ lang: 7 }))).toBeUndefined();
    expect(changedRows(parseLiveEvent('comment', comment({ lang: 'ko' }))!, 'ko', versionOf)).toEqual([]);
  });
});

describe('QA findings in the UI language', () => {
  test('every QA code of shared/src/qa/types.ts has an editor.warnings.<code> message (glossary codes: glossary.warnings.<code>)', () => {
    const types = readFileSync(new URL('../../../shared/src/qa/types.ts', import.meta.url), 'utf8');
    const unions = [...types.matchAll(/export type (?:Segment|Document)QaCode =([^;]+);/g)].map((m) => m[1]).join('|');
    const codes = [...unions.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(15);
    const en = JSON.parse(readFileSync(new URL('../../../client/src/locales/en.json', import.meta.url), 'utf8')) as {
      editor: { warnings: Record<string, string> };
      glossary: { warnings: Record<string, string> };
    };
    const messageOf = (code: string) => (code.startsWith('glossary_') ? en.glossary.warnings : en.editor.warnings)[code];
    expect(codes.filter((code) => typeof messageOf(code) !== 'string')).toEqual([]);
  });
});
