import { LockstepError, unprocessable } from './errors.js';

/**
 * The workflow's state rule (architecture.md "Translation states"), pure: what an action does
 * to a translation. One place for it (style.md, Tolgee): the API, the editor and XLIFF import
 * all ask this function. Edits and reverts need the text checked against the source first.
 */
export type TranslationState = 'untranslated' | 'translated' | 'stale' | 'approved';
export type EventKind = 'edit' | 'approve' | 'reconfirm' | 'revert' | 'import' | 'stale' | 'source' | 'suggestion';

export type WorkflowAction =
  | { kind: 'edit'; text: string }
  | { kind: 'approve' }
  | { kind: 'reconfirm' }
  | { kind: 'revert'; text: string };

export type Step = { write: false } | { write: true; kind: EventKind; text: string; state: TranslationState };

interface Current {
  text: string;
  state: TranslationState;
  stateBeforeStale: string | null;
}

function wrongState(message: string, state: string): LockstepError {
  return unprocessable('wrong_state', message, { state });
}

export function nextStep(current: Current, action: WorkflowAction, mayApprove: boolean): Step {
  const reconfirm = (): Step => ({
    write: true,
    kind: 'reconfirm',
    text: current.text,
    // A reviewer re-confirming what was approved before the source changed approves it again.
    state: mayApprove && current.stateBeforeStale === 'approved' ? 'approved' : 'translated',
  });
  switch (action.kind) {
    case 'edit':
      if (action.text !== current.text) return { write: true, kind: 'edit', text: action.text, state: 'translated' };
      // api.md: saving the identical text on a stale translation is a re-confirm.
      return current.state === 'stale' ? reconfirm() : { write: false };
    case 'approve':
      if (current.state !== 'translated') {
        throw wrongState(`Only a translated segment can be approved; this one is ${current.state}.`, current.state);
      }
      return { write: true, kind: 'approve', text: current.text, state: 'approved' };
    case 'reconfirm':
      if (current.state !== 'stale') {
        throw wrongState(`Only a stale translation can be re-confirmed; this one is ${current.state}.`, current.state);
      }
      return reconfirm();
    case 'revert':
      if (action.text === current.text && current.state === 'translated') return { write: false };
      return { write: true, kind: 'revert', text: action.text, state: 'translated' };
  }
}

