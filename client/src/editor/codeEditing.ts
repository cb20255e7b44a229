import { validateCodedText, type CodeProblem } from '@lockstep/shared';
import type { SourceRun } from '../types';
import { chipSpans } from './chipText';

/**
 * Placement of inline codes in the translation field (by key or by click): a code is
 * inserted at the cursor, wraps the selection, or — when the text has it already — is moved
 * there, so a translator never ends up with a code twice.
 */

/** One code of the source segment, in source order. */
export interface SourceCode {
  id: number;
  /** `<n>…</n>` (true) or `<n/>` (false). */
  paired: boolean;
  kind: string;
  url?: string;
}

export function sourceCodesOf(runs: readonly SourceRun[] | undefined): SourceCode[] {
  const codes: SourceCode[] = [];
  for (const run of runs ?? []) {
    if (run.type === 'open' || run.type === 'standalone') {
      codes.push({ id: run.id, paired: run.type === 'open', kind: run.kind, url: run.url });
    }
  }
  return codes;
}

/** Text with a selection, as a textarea holds it (UTF-16 offsets). */
export interface TextSelection {
  text: string;
  start: number;
  end: number;
}

/** Removes every tag of code `id`, keeping the selection on the same characters. */
export function removeCode(sel: TextSelection, id: number): TextSelection {
  let { text, start, end } = sel;
  const spans = chipSpans(text).filter((s) => s.id === id);
  for (const span of spans.reverse()) {
    const width = span.to - span.from;
    text = text.slice(0, span.from) + text.slice(span.to);
    const shift = (offset: number) => (offset >= span.to ? offset - width : offset > span.from ? span.from : offset);
    start = shift(start);
    end = shift(end);
  }
  return { text, start, end };
}

/**
 * Places `code` at the selection: a paired code wraps the selected text (or opens and closes
 * around the cursor, leaving the cursor inside to type); a standalone code goes after the
 * selection. The cursor ends up where typing naturally continues.
 */
export function placeCode(sel: TextSelection, code: SourceCode): TextSelection {
  const { text, start, end } = removeCode(sel, code.id);
  if (!code.paired) {
    const tag = `<${code.id}/>`;
    const at = end + tag.length;
    return { text: text.slice(0, end) + tag + text.slice(end), start: at, end: at };
  }
  const open = `<${code.id}>`;
  const close = `</${code.id}>`;
  const inner = text.slice(start, end);
  const next = text.slice(0, start) + open + inner + close + text.slice(end);
  const cursor = inner ? start + open.length + inner.length + close.length : start + open.length;
  return { text: next, start: cursor, end: cursor };
}

export type CodeStatus = 'placed' | 'missing' | 'problem';

export interface CodeCheck {
  ok: boolean;
  problems: CodeProblem[];
  /** Per source code: placed correctly, not there yet, or there but wrong. */
  status: ReadonlyMap<number, CodeStatus>;
}

/** Validates a translation against its source's codes, as the server will before saving. */
export function checkCodes(text: string, runs: readonly SourceRun[] | undefined, codes: readonly SourceCode[]): CodeCheck {
  const result = validateCodedText(text, runs ?? []);
  const problems = result.ok ? [] : result.problems;
  const status = new Map<number, CodeStatus>();
  for (const code of codes) {
    const mine = problems.filter((p) => p.id === code.id);
    status.set(code.id, mine.length === 0 ? 'placed' : mine.every((p) => p.kind === 'missing') ? 'missing' : 'problem');
  }
  return { ok: result.ok, problems, status };
}
