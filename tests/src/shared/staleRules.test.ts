import { describe, expect, test } from '@jest/globals';
import { applyStaleRule, newSegmentRow, suggestionFor, type ChangeKind, type TranslationRowState } from '@lockstep/shared';

const OLD = 'The failure of so many Marxist groups has been an historic failure.';
const NEW = 'The failure of so many Marxist groups has been a historic failure.';
const FAR = 'The failure of most Marxist groups since 2022 has been a historic failure.';

function row(state: TranslationRowState['state'], extra: Partial<TranslationRowState> = {}): TranslationRowState {
  return {
    text: state === 'untranslated' ? '' : 'El fracaso de tantos grupos marxistas ha sido un fracaso histórico.',
    state,
    version: 4,
    basedOnRevision: 2,
    previousSource: null,
    stateBeforeStale: null,
    changeClass: null,
    suggestion: null,
    ...extra,
  };
}
const change = (kind: ChangeKind, extra: { oldSource?: string; newSource?: string; sourceChanged?: boolean } = {}) => ({
  kind,
  oldSource: OLD,
  newSource: NEW,
  revision: 3,
  ...extra,
});

describe('what a source change does to a translation', () => {
  test.each<[string, TranslationRowState['state'], ChangeKind, Partial<TranslationRowState> | null]>([
    ['translated + modified → stale', 'translated', 'modified', { state: 'stale', stateBeforeStale: 'translated', changeClass: 'modified' }],
    ['approved + modified → stale, remembering approved', 'approved', 'modified', { state: 'stale', stateBeforeStale: 'approved', changeClass: 'modified' }],
    ['translated + minor → stale, class minor', 'translated', 'minor', { state: 'stale', stateBeforeStale: 'translated', changeClass: 'minor' }],
    ['approved + minor → stale, class minor', 'approved', 'minor', { state: 'stale', stateBeforeStale: 'approved', changeClass: 'minor' }],
    ['untranslated + modified → untranslated', 'untranslated', 'modified', null],
    ['translated + unchanged → untouched', 'translated', 'unchanged', null],
    ['approved + moved → untouched', 'approved', 'moved', null],
    ['translated + removed → untouched (the segment is retired)', 'translated', 'removed', null],
    ['stale + unchanged → untouched', 'stale', 'unchanged', null],
    ['approved + split → untouched (retired with its segment; the new segments get rows of their own)', 'approved', 'split', null],
    ['translated + merged → untouched (likewise)', 'translated', 'merged', null],
  ])('%s', (_name, state, kind, expected) => {
    const before = row(state, state === 'stale' ? { previousSource: 'Older.', stateBeforeStale: 'translated', changeClass: 'modified' } : {});
    const { row: after, changed } = applyStaleRule(before, change(kind));
    expect(changed).toBe(expected !== null);
    if (expected === null) return expect(after).toEqual(before);
    // Text, the revision it was based on and the source it was made against are kept; version +1.
    expect(after).toEqual({ ...before, ...expected, previousSource: OLD, version: before.version + 1 });
  });

  test('whitespace or typography only: translations stay current', () => {
    const before = row('approved');
    expect(applyStaleRule(before, change('unchanged', { newSource: OLD.replace("'", '\u2019'), sourceChanged: true }))).toEqual({ row: before, changed: false });
  });

  test('a stale translation keeps its ORIGINAL previous source through further edits', () => {
    const first = applyStaleRule(row('translated'), change('minor')).row;
    const second = applyStaleRule(first, change('minor', { oldSource: NEW, newSource: NEW.replace('failure.', 'failure!') }));
    expect(second.row.previousSource).toBe(OLD);
    expect(second.row.stateBeforeStale).toBe('translated');
    expect(second.row.text).toBe(first.text);
    // Two small edits that together are still minor: nothing to write.
    expect(second.changed).toBe(false);
  });

  test('two small edits that add up to a real one turn the class to modified (version bumped)', () => {
    const first = applyStaleRule(row('approved'), change('minor')).row;
    const second = applyStaleRule(first, change('minor', { oldSource: NEW, newSource: FAR }));
    expect(second).toEqual({ changed: true, row: { ...first, changeClass: 'modified', version: first.version + 1 } });
  });

  test('a source edited back to what was translated makes the translation current again', () => {
    const stale = applyStaleRule(row('approved'), change('modified')).row;
    const back = applyStaleRule(stale, change('modified', { oldSource: NEW, newSource: OLD }));
    expect(back).toEqual({ changed: true, row: { ...row('approved'), version: stale.version + 1 } });
  });

  test('every changed row bumps its version by exactly one', () => {
    for (const state of ['untranslated', 'translated', 'approved', 'stale'] as const) {
      for (const kind of ['unchanged', 'moved', 'modified', 'minor', 'added', 'removed'] as const) {
        const before = row(state, state === 'stale' ? { previousSource: 'Something else entirely.', stateBeforeStale: 'translated', changeClass: 'minor' } : {});
        const { row: after, changed } = applyStaleRule(before, change(kind));
        expect(after.version).toBe(changed ? before.version + 1 : before.version);
        expect(changed).toBe(JSON.stringify(after) !== JSON.stringify(before));
      }
    }
  });
});

describe('segments born of a split or a merge', () => {
  test('a split: the new segment is untranslated with the old translation as its suggestion', () => {
    const old = row('approved');
    expect(newSegmentRow(3, { kind: 'split', parts: [{ translation: old, source: OLD }] })).toEqual({
      text: '',
      state: 'untranslated',
      version: 1,
      basedOnRevision: 3,
      previousSource: OLD,
      stateBeforeStale: null,
      changeClass: 'split',
      suggestion: old.text,
    });
  });

  test('a merge joins the old translations in order with a space, renumbering their codes', () => {
    const parts = [
      { translation: row('translated', { text: '¡Victoria a la <1>resistencia</1>!' }), source: 'Victory to the <1>resistance</1>!' },
      { translation: row('approved', { text: '¡Ninguna <1>cooperación</1>!' }), source: 'No <1>cooperation</1>!' },
    ];
    expect(suggestionFor(parts)).toEqual({
      suggestion: '¡Victoria a la <1>resistencia</1>! ¡Ninguna <2>cooperación</2>!',
      previousSource: 'Victory to the <1>resistance</1>! No <1>cooperation</1>!',
    });
    expect(newSegmentRow(5, { kind: 'merged', parts })).toMatchObject({ state: 'untranslated', version: 1, basedOnRevision: 5, changeClass: 'merged' });
  });

  test('untranslated parts add no text; a stale part was made against its previous source', () => {
    const parts = [
      { translation: row('untranslated'), source: 'First.' },
      { translation: row('stale', { text: 'Segundo.', previousSource: 'Second, as translated.' }), source: 'Second.' },
      { translation: null, source: 'Third.' },
    ];
    expect(suggestionFor(parts)).toEqual({ suggestion: 'Segundo.', previousSource: 'First. Second, as translated. Third.' });
  });

  test('a segment handed the translation of one removed in its hunk says so; a plain new segment starts empty', () => {
    expect(newSegmentRow(4, { kind: 'removed', parts: [{ translation: row('translated'), source: OLD }] })).toMatchObject({
      state: 'untranslated',
      changeClass: 'removed',
      suggestion: row('translated').text,
      previousSource: OLD,
    });
    expect(newSegmentRow(4)).toEqual({
      text: '',
      state: 'untranslated',
      version: 1,
      basedOnRevision: 4,
      previousSource: null,
      stateBeforeStale: null,
      changeClass: null,
      suggestion: null,
    });
  });

  test('nothing translated: no suggestion', () => {
    expect(suggestionFor([{ translation: row('untranslated'), source: 'Only.' }])).toEqual({ suggestion: null, previousSource: 'Only.' });
  });
});
