/** Bringing a published translation in (issue 26): the proposal `POST …/translations/:lang/align` answers. */
export type { BitextPair as AlignPair, BitextResult as AlignResult } from '../bitext/types.js';

export interface AlignRequest {
  markdown: string;
}
