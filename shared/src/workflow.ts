import { LockstepError, unprocessable } from './errors.js';
import type { TranslationRowState } from './align/staleRules.js';

/**
 * The workflow's state rule (architecture.md "Translation states"), pure: what an action does
 * to a translation, as the complete row it leaves. One place for it (style.md, Tolgee): the
 * editor's save, approve, re-confirm and revert and the XLIFF import (`decideImport`) all ask
 * this function, and the repositories write the row it returns as it is. Edits, reverts and
 * imports need the text checked against the source first.
 */
export const TRANSLATION_STATES = ['untranslated', 'translated', 'stale', 'approved'] as const;
export type TranslationState = (typeof TRANSLATION_STATES)[number];

/**
 * Done: the work counts toward completion and the text may be used (translated Markdown, the
 * memory, QA, the timeline). The one definition; SQL asks `lockstep_is_done(state)`
 * (migration 012), which says the same.
 */
export const DONE_STATES = ['translated', 'approved'] as const satisfies readonly TranslationState[];

export function isDone(state: string): boolean {
  return (DONE_STATES as readonly string[]).includes(state);
}

/**
 * What a user sees changed in a segment since their last visit (repos/visits.ts, the editor's
 * badges, the dashboard's counts).
 */
export const VISIT_CHANGE_KINDS = ['stale', 'new', 'edited', 'approved', 'reconfirmed'] as const;
export type VisitChangeKind = (typeof VISIT_CHANGE_KINDS)[number];

export type EventKind = 'edit' | 'approve' | 'reconfirm' | 'revert' | 'import' | 'stale' | 'source' | 'suggestion' | 'aligned';

export type WorkflowAction =
  | { kind: 'edit'; text: string }
  | { kind: 'approve' }
  | { kind: 'reconfirm' }
  | { kind: 'revert'; text: string }
  /** A unit of an XLIFF file; `approve` when the file marks it approved (final, signed-off). */
  | { kind: 'import'; text: string; approve: boolean };

/** Either nothing to write, or the event and the whole row after it (version already bumped). */
export type Step = { write: false } | { write: true; kind: EventKind; row: TranslationRowState };

/**
 * The row as read. `stateBeforeStale` is only read by a re-confirm; a caller that cannot
 * re-confirm (the import) may leave it out.
 */
export type CurrentRow = Pick<TranslationRowState, 'text' | 'state' | 'version' | 'suggestion'> &
  Partial<Pick<TranslationRowState, 'stateBeforeStale'>>;

export interface StepContext {
  /** The actor may approve in this language. */
  mayApprove: boolean;
  /** The document's current revision: every write bases the text on its source. */
  revision: number;
}

function wrongState(message: string, state: string): LockstepError {
  return unprocessable('wrong_state', message, { state });
}

export function nextStep(current: CurrentRow, action: WorkflowAction, ctx: StepContext): Step {
  // Every write bases the text on the current source, which ends a stale episode. Writing a
  // text (edit, revert, import) settles whatever was suggested (split/merge, import conflict);
  // an approval or re-confirm leaves the suggestion for the translator.
  const write = (kind: EventKind, text: string, state: TranslationState): Step => ({
    write: true,
    kind,
    row: {
      text,
      state,
      version: current.version + 1,
      basedOnRevision: ctx.revision,
      previousSource: null,
      stateBeforeStale: null,
      changeClass: null,
      suggestion: kind === 'approve' || kind === 'reconfirm' ? current.suggestion : null,
    },
  });
  // A reviewer re-confirming what was approved before the source changed approves it again.
  const reconfirm = (): Step =>
    write('reconfirm', current.text, ctx.mayApprove && current.stateBeforeStale === 'approved' ? 'approved' : 'translated');
  switch (action.kind) {
    case 'edit':
      if (action.text !== current.text) return write('edit', action.text, 'translated');
      // api.md: saving the identical text on a stale translation is a re-confirm.
      return current.state === 'stale' ? reconfirm() : { write: false };
    case 'approve':
      if (current.state !== 'translated') {
        throw wrongState(`Only a translated segment can be approved; this one is ${current.state}.`, current.state);
      }
      return write('approve', current.text, 'approved');
    case 'reconfirm':
      if (current.state !== 'stale') {
        throw wrongState(`Only a stale translation can be re-confirmed; this one is ${current.state}.`, current.state);
      }
      return reconfirm();
    case 'revert':
      if (action.text === current.text && current.state === 'translated') return { write: false };
      return write('revert', action.text, 'translated');
    case 'import': {
      const approve = action.approve && ctx.mayApprove;
      if (action.text !== current.text) return write('import', action.text, approve ? 'approved' : 'translated');
      // Many CAT tools never touch the text of a unit they only reviewed: same text, raised state.
      return approve && current.state === 'translated' ? write('import', current.text, 'approved') : { write: false };
    }
  }
}
