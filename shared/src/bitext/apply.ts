import type { TranslationRowState } from '../align/staleRules.js';
import { validateCodedText } from '../segment/codes.js';
import type { SourceRun } from '../segment/types.js';
import { describeTextProblem, findTextProblem } from '../text.js';
import { nextStep, type CurrentRow } from '../workflow.js';

/*
 * What applying reviewed pairs does, segment by segment (issue 26), pure so the dry run and
 * the apply share it. A pair's text is stored on its first segment as `translated`, only
 * where that segment has no translation yet: an existing translation is never overwritten —
 * a different text becomes the segment's suggestion. The other segments of a pair (a
 * translator's merge) keep their state and get the text as a suggestion: Lockstep has no
 * "covered" state, and counting them done would call the language complete while the
 * translated document still shows their source; the suggestion is the split/merge path
 * translators already know from revisions.
 */

export interface ApplyPair {
  segmentIds: string[];
  text: string;
  /** The translation versions the reviewer saw, one per segment id. */
  versions: number[];
}

export interface ApplySegment {
  id: string;
  translatable: boolean;
  sourceRuns: readonly SourceRun[];
  translation: (CurrentRow & { text: string }) | null;
}

export type ApplyOutcomeKind = 'translated' | 'suggested' | 'unchanged' | 'conflict' | 'rejected';

export interface ApplyOutcome {
  segmentId: string;
  outcome: ApplyOutcomeKind;
  reason?: string;
}

export interface ApplyPlan {
  outcomes: ApplyOutcome[];
  writes: { segmentId: string; expectedVersion: number; row: TranslationRowState }[];
  suggestions: { segmentId: string; suggestion: string; expectedVersion: number }[];
}

function pairProblem(pair: ApplyPair, segments: ReadonlyMap<string, ApplySegment>, seen: ReadonlySet<string>): string | undefined {
  if (pair.segmentIds.length === 0) return 'The pair names no segment.';
  if (pair.versions.length !== pair.segmentIds.length) return 'Give one version per segment id.';
  for (const id of pair.segmentIds) {
    const s = segments.get(id);
    if (!s) return `The document has no current segment "${id}".`;
    if (!s.translatable || !s.translation) return `The segment "${id}" is locked: it has no translation to write.`;
    if (seen.has(id)) return `The segment "${id}" is in more than one pair.`;
  }
  if (pair.text.trim() === '') return 'The pair has no text.';
  const problem = findTextProblem(pair.text);
  return problem ? describeTextProblem(problem) : undefined;
}

export function planAlignApply(pairs: readonly ApplyPair[], segments: ReadonlyMap<string, ApplySegment>, revision: number): ApplyPlan {
  const plan: ApplyPlan = { outcomes: [], writes: [], suggestions: [] };
  const seen = new Set<string>();
  const all = (ids: readonly string[], outcome: ApplyOutcomeKind, reason: string) => {
    for (const segmentId of ids) plan.outcomes.push({ segmentId, outcome, reason });
  };
  for (const raw of pairs) {
    const pair = { ...raw, text: raw.text.normalize('NFC').trim() };
    const problem = pairProblem(pair, segments, seen);
    if (problem) {
      all(pair.segmentIds, 'rejected', problem);
      continue;
    }
    for (const id of pair.segmentIds) seen.add(id);
    const moved = pair.segmentIds.find((id, k) => segments.get(id)!.translation!.version !== pair.versions[k]);
    if (moved) {
      all(pair.segmentIds, 'conflict', `The translation of "${moved}" changed since the alignment was proposed; align again.`);
      continue;
    }
    const [headId, ...covered] = pair.segmentIds;
    const head = segments.get(headId)!;
    const current = head.translation!;
    const codes = validateCodedText(pair.text, head.sourceRuns);
    const suggest = (segmentId: string, version: number, reason: string, existing: string | null) => {
      if (existing === pair.text) plan.outcomes.push({ segmentId, outcome: 'unchanged', reason: 'Already suggested.' });
      else {
        plan.suggestions.push({ segmentId, suggestion: pair.text, expectedVersion: version });
        plan.outcomes.push({ segmentId, outcome: 'suggested', reason });
      }
    };
    if (current.text === pair.text) plan.outcomes.push({ segmentId: headId, outcome: 'unchanged' });
    else if (current.text !== '') suggest(headId, current.version, 'It has a translation, which is kept; the aligned text is its suggestion.', current.suggestion);
    else if (!codes.ok) suggest(headId, current.version, `The inline codes do not match the source (${codes.problems[0].message}); kept as a suggestion.`, current.suggestion);
    else {
      const step = nextStep(current, { kind: 'edit', text: pair.text }, { mayApprove: false, revision });
      if (step.write) {
        plan.writes.push({ segmentId: headId, expectedVersion: current.version, row: step.row });
        plan.outcomes.push({ segmentId: headId, outcome: 'translated' });
      } else plan.outcomes.push({ segmentId: headId, outcome: 'unchanged' });
    }
    for (const id of covered) {
      const t = segments.get(id)!.translation!;
      if (t.text !== '') plan.outcomes.push({ segmentId: id, outcome: 'unchanged', reason: `Covered by "${headId}"; it keeps its own translation.` });
      else suggest(id, t.version, `Covered by "${headId}": the pair's text is its suggestion until it is split.`, t.suggestion);
    }
  }
  return plan;
}
