import { describe, expect, test } from '@jest/globals';
import { nextStep, type TranslationRowState, type TranslationState, type WorkflowAction } from '@lockstep/shared';

// The workflow rule (shared/src/workflow.ts): what each action leaves in the row. The
// repositories write that row as it is, so these are the rows a user finds after the action.

describe('the state rule, as a table', () => {
  const edit = (text: string): WorkflowAction => ({ kind: 'edit', text });
  const importing = (text: string, approve: boolean): WorkflowAction => ({ kind: 'import', text, approve });
  // [state, state before stale, action, may approve] → [event kind, new state] | 'no-op' | 422
  const cases: [TranslationState, string | null, WorkflowAction, boolean, [string, TranslationState] | 'no-op' | 422][] = [
    ['untranslated', null, edit('new'), false, ['edit', 'translated']],
    ['translated', null, edit('new'), false, ['edit', 'translated']],
    ['approved', null, edit('new'), true, ['edit', 'translated']],
    ['stale', 'approved', edit('new'), true, ['edit', 'translated']],
    ['translated', null, edit('old'), false, 'no-op'],
    ['approved', null, edit('old'), true, 'no-op'],
    ['stale', 'translated', edit('old'), true, ['reconfirm', 'translated']],
    ['stale', 'approved', edit('old'), true, ['reconfirm', 'approved']],
    ['stale', 'approved', edit('old'), false, ['reconfirm', 'translated']],
    ['translated', null, { kind: 'approve' }, true, ['approve', 'approved']],
    ['untranslated', null, { kind: 'approve' }, true, 422],
    ['approved', null, { kind: 'approve' }, true, 422],
    ['stale', 'translated', { kind: 'approve' }, true, 422],
    ['stale', 'approved', { kind: 'reconfirm' }, true, ['reconfirm', 'approved']],
    ['stale', 'approved', { kind: 'reconfirm' }, false, ['reconfirm', 'translated']],
    ['stale', null, { kind: 'reconfirm' }, true, ['reconfirm', 'translated']],
    ['translated', null, { kind: 'reconfirm' }, true, 422],
    ['untranslated', null, { kind: 'reconfirm' }, true, 422],
    ['approved', null, { kind: 'revert', text: 'old' }, true, ['revert', 'translated']],
    ['stale', 'approved', { kind: 'revert', text: 'older' }, true, ['revert', 'translated']],
    ['translated', null, { kind: 'revert', text: 'old' }, true, 'no-op'],
    ['untranslated', null, importing('new', false), true, ['import', 'translated']],
    ['approved', null, importing('new', false), true, ['import', 'translated']],
    ['translated', null, importing('new', true), true, ['import', 'approved']],
    ['translated', null, importing('new', true), false, ['import', 'translated']],
    ['translated', null, importing('old', true), true, ['import', 'approved']],
    ['translated', null, importing('old', true), false, 'no-op'],
    ['translated', null, importing('old', false), true, 'no-op'],
    ['stale', 'approved', importing('old', true), true, 'no-op'],
    ['approved', null, importing('old', true), true, 'no-op'],
  ];
  test.each(cases)('%s (before stale: %s) + %j, may approve %s → %j', (state, before, action, mayApprove, expected) => {
    const current = { text: 'old', state, stateBeforeStale: before, version: 4, suggestion: null };
    const ctx = { mayApprove, revision: 2 };
    if (expected === 422) {
      expect(() => nextStep(current, action, ctx)).toThrow(expect.objectContaining({ kind: 'unprocessable', code: 'wrong_state' }));
      return;
    }
    const step = nextStep(current, action, ctx);
    expect(step.write ? [step.kind, step.row.state] : 'no-op').toEqual(expected);
  });
});

describe('the whole row a write leaves', () => {
  // A stale row from a split: a suggestion, the source it was made against, its old state.
  const stale: TranslationRowState = {
    text: 'Vieja.',
    state: 'stale',
    version: 7,
    basedOnRevision: 1,
    previousSource: 'Old.',
    stateBeforeStale: 'approved',
    changeClass: 'modified',
    suggestion: 'Sugerida.',
  };
  const ctx = { mayApprove: true, revision: 3 };
  const ended = { version: 8, basedOnRevision: 3, previousSource: null, stateBeforeStale: null, changeClass: null };

  test.each([
    ['edit', { kind: 'edit', text: 'Nueva.' }],
    ['revert', { kind: 'revert', text: 'Nueva.' }],
    ['import', { kind: 'import', text: 'Nueva.', approve: false }],
  ] as [string, WorkflowAction][])('%s: the new text, based on the current revision, the stale episode over, the suggestion settled', (kind, action) => {
    expect(nextStep(stale, action, ctx)).toEqual({
      write: true,
      kind,
      row: { ...ended, text: 'Nueva.', state: 'translated', suggestion: null },
    });
  });

  test('re-confirming keeps the text and the suggestion for the translator, and ends the stale episode', () => {
    expect(nextStep(stale, { kind: 'reconfirm' }, ctx)).toEqual({
      write: true,
      kind: 'reconfirm',
      row: { ...ended, text: 'Vieja.', state: 'approved', suggestion: 'Sugerida.' },
    });
  });

  test('approving keeps the text and the suggestion', () => {
    const translated = { ...stale, state: 'translated' as const, previousSource: null, stateBeforeStale: null, changeClass: null };
    expect(nextStep(translated, { kind: 'approve' }, ctx)).toEqual({
      write: true,
      kind: 'approve',
      row: { ...ended, text: 'Vieja.', state: 'approved', suggestion: 'Sugerida.' },
    });
  });
});
