/** Bringing a published translation in (issue 26): the proposal `POST …/translations/:lang/align` answers, and its apply. */
import type { ApplyOutcome, ApplyOutcomeKind, ApplyPair } from '../bitext/apply.js';
import type { BitextPair, BitextResult } from '../bitext/types.js';

/** A proposed pair with the versions of its segments' translations (what an apply starts from). */
export type AlignPair = BitextPair & { versions: number[] };
export type AlignProposal = Omit<BitextResult, 'pairs'> & { pairs: AlignPair[] };

/** The published translation: exactly one of Markdown or an HTML page. */
export type AlignRequest = { markdown: string; html?: never } | { html: string; markdown?: never };

export type AlignApplyPair = ApplyPair;

export interface AlignApplyRequest {
  pairs: AlignApplyPair[];
}

export type AlignApplyOutcome = ApplyOutcome;

export interface AlignApplyReport {
  dryRun: boolean;
  counts: Record<ApplyOutcomeKind, number>;
  /** One entry per segment named by the pairs, in the pairs' order. */
  segments: AlignApplyOutcome[];
}
