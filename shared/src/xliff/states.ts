import type { XliffIntent, XliffUnitState } from './model.js';

/*
 * xliff.md "State mapping", as data: the writer reads the export columns, the reader the
 * import rules below. A stale segment is never exported as translated: a CAT tool would take
 * it for done.
 */

export const LOCKSTEP_SUBSTATE_STALE = 'lockstep:stale';
export const LOCKSTEP_QUALIFIER_STALE = 'x-source-changed';

export interface Export12 {
  /** Whether a `<target>` is written at all. */
  target: boolean;
  state?: string;
  stateQualifier?: string;
  approved?: boolean;
  translate?: false;
}

export interface Export20 {
  /** Whether a `<target>` is written; `state` goes on `<segment>`. */
  target: boolean;
  state?: 'initial' | 'translated' | 'reviewed' | 'final';
  subState?: string;
  translate?: false;
}

export const EXPORT_STATES: Readonly<Record<XliffUnitState, { '1.2': Export12; '2.0': Export20 }>> = {
  untranslated: { '1.2': { target: false }, '2.0': { target: false, state: 'initial' } },
  translated: { '1.2': { target: true, state: 'translated' }, '2.0': { target: true, state: 'translated' } },
  stale: {
    '1.2': { target: true, state: 'needs-review-translation', stateQualifier: LOCKSTEP_QUALIFIER_STALE },
    '2.0': { target: true, state: 'initial', subState: LOCKSTEP_SUBSTATE_STALE },
  },
  approved: { '1.2': { target: true, state: 'signed-off', approved: true }, '2.0': { target: true, state: 'reviewed' } },
  locked: { '1.2': { target: false, translate: false }, '2.0': { target: false, translate: false } },
};

/** XLIFF 1.2 `state` values (the strict schema's list; `x-*` is the extension form). */
const STATES_12: Readonly<Record<string, 'low' | 'translated' | 'review' | 'final'>> = {
  new: 'low',
  'needs-translation': 'low',
  'needs-adaptation': 'review',
  'needs-l10n': 'review',
  'needs-review-adaptation': 'review',
  'needs-review-l10n': 'review',
  'needs-review-translation': 'review',
  translated: 'translated',
  'signed-off': 'final',
  final: 'final',
};

export const STATES_20 = ['initial', 'translated', 'reviewed', 'final'] as const;
export type State20 = (typeof STATES_20)[number];

export interface IntentResult {
  intent: XliffIntent;
  warning?: string;
}

const hasText = (target: string | null) => target !== null && target.trim() !== '';

/**
 * 1.2: the target's state, its qualifier and the unit's `approved`. A target without a state
 * counts as translated (many tools never set one; api.md applies any changed text); an empty
 * target is untranslated whatever its state says.
 */
export function intentOf12(
  target: string | null,
  state: string | null,
  qualifier: string | null,
  approved: boolean,
  translate: boolean,
): IntentResult {
  if (!translate) return { intent: 'locked' };
  if (!hasText(target)) return { intent: 'untranslated' };
  if (state === null) return { intent: approved ? 'approved' : 'translated' };
  const level = Object.hasOwn(STATES_12, state) ? STATES_12[state] : undefined;
  if (level === undefined) {
    const why = state.startsWith('x-') ? 'an extension state' : 'not an XLIFF 1.2 state';
    return { intent: 'needs-review', warning: `state "${state}" is ${why}; read as needing review.` };
  }
  if (level === 'review' && qualifier === LOCKSTEP_QUALIFIER_STALE && state === 'needs-review-translation') return { intent: 'stale' };
  if (level === 'low' || level === 'review') return { intent: 'needs-review' };
  if (level === 'final') return { intent: 'approved' };
  return { intent: approved ? 'approved' : 'translated' };
}

/**
 * 2.x: the least advanced segment's state. `initial` written out with a non-empty target says
 * the text is not done (needs review); an absent state (the schema default) with a target is
 * a tool that never sets states, so the text counts as translated.
 */
export function intentOf20(
  target: string | null,
  state: State20 | null,
  subState: string | null,
  translate: boolean,
): IntentResult {
  if (!translate) return { intent: 'locked' };
  if (!hasText(target)) return { intent: 'untranslated' };
  switch (state) {
    case null:
      return { intent: 'translated' };
    case 'initial':
      return { intent: subState === LOCKSTEP_SUBSTATE_STALE ? 'stale' : 'needs-review' };
    case 'translated':
      return { intent: 'translated' };
    case 'reviewed':
    case 'final':
      return { intent: 'approved' };
  }
}

/** The least advanced of two 2.x states (null = not written, which the schema reads as initial). */
export function lowerState20(a: State20 | null, b: State20 | null): State20 | null {
  const rank = (s: State20 | null) => (s === null ? 0 : STATES_20.indexOf(s));
  return rank(b) < rank(a) ? b : a;
}
