import type { SourceRun } from './types.js';

/*
 * The inline-code grammar of text fields (api.md "Inline codes in text fields"): `<n>` opens,
 * `</n>` closes, `<n/>` stands alone; every other `<` is literal. A literal `<` that would read
 * as a code is written `\<`. Generally: k backslashes right before a `<` stand for ⌊k/2⌋
 * literal backslashes, and an odd k makes that `<` literal. Backslashes anywhere else are
 * literal as they are, so `C:\dir` and `\_` need no escaping.
 */

/** A code tag at a position: `<n>`, `</n>` or `<n/>`. */
const TAG = /<(?:(\d+)|\/(\d+)|(\d+)\/)>/y;

function tagAt(text: string, i: number): RegExpExecArray | null {
  TAG.lastIndex = i;
  return TAG.exec(text);
}

function escapeText(text: string, codeFollows: boolean): string {
  return text.replace(/(\\*)(<|$)/g, (_m, slashes: string, lt: string, offset: number) => {
    if (lt === '<') return slashes + slashes + (tagAt(text, offset + slashes.length) ? '\\<' : '<');
    return codeFollows ? slashes + slashes : slashes;
  });
}

/** Runs → text with numbered codes (`<1>…</1>`, `<2/>`), escaping literal text as needed. */
export function codesToText(runs: readonly SourceRun[]): string {
  let out = '';
  let pending = '';
  for (const run of runs) {
    if (run.type === 'text') {
      pending += run.text;
      continue;
    }
    if (pending) out += escapeText(pending, true);
    pending = '';
    if (run.type === 'open') out += `<${run.id}>`;
    else if (run.type === 'close') out += `</${run.id}>`;
    else out += `<${run.id}/>`;
  }
  return pending ? out + escapeText(pending, false) : out;
}

/** Runs as parsed from text alone: codes carry only their number. */
export type CodedRun =
  | { type: 'text'; text: string }
  | { type: 'open'; id: number }
  | { type: 'close'; id: number }
  | { type: 'standalone'; id: number };

export type CodeProblemKind =
  | 'invalid-id' // `<0>`, `<01>`
  | 'duplicate' // the same number opened or used twice
  | 'unbalanced' // opened and never closed, or closed without being opened
  | 'badly-nested' // `<1><2></1></2>`
  | 'unknown' // a number the source does not have
  | 'missing' // a source code the text leaves out
  | 'wrong-type'; // `<1/>` for a paired code or `<1>…</1>` for a standalone one

export interface CodeProblem {
  kind: CodeProblemKind;
  id?: number;
  /** UTF-16 offset of the tag in the text. */
  index?: number;
  message: string;
}

export type ParsedCodedText = { ok: true; runs: CodedRun[] } | { ok: false; problems: CodeProblem[]; runs: CodedRun[] };

const problem = (kind: CodeProblemKind, message: string, id?: number, index?: number): CodeProblem => ({
  kind,
  message,
  ...(id !== undefined ? { id } : {}),
  ...(index !== undefined ? { index } : {}),
});

/** Whether a text has no tag and no escape: then it is one text run (most translations are). */
function isPlainText(text: string): boolean {
  return !text.includes('<') && !text.includes('\\');
}

/** Each run of a coded text, and for a tag where it starts and ends in the text (-1 for text runs). */
function tokenize(text: string): { runs: CodedRun[]; at: number[]; end: number[] } {
  // The loop below gives the same for a plain text, a character at a time (an import reads
  // 10,000 of them).
  if (isPlainText(text)) return text ? { runs: [{ type: 'text', text }], at: [-1], end: [-1] } : { runs: [], at: [], end: [] };
  const runs: CodedRun[] = [];
  const at: number[] = [];
  const end: number[] = [];
  let buf = '';
  const flush = () => {
    if (!buf) return;
    runs.push({ type: 'text', text: buf });
    at.push(-1);
    end.push(-1);
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      let j = i;
      while (text[j] === '\\') j++;
      if (text[j] !== '<') {
        buf += text.slice(i, j);
        i = j;
        continue;
      }
      const k = j - i;
      buf += '\\'.repeat(k >> 1);
      if (k & 1) {
        buf += '<';
        i = j + 1;
      } else i = j;
      continue;
    }
    if (c === '<') {
      const m = tagAt(text, i);
      if (m) {
        flush();
        const [, open, close, alone] = m;
        const digits = open ?? close ?? alone;
        const id = /^0/.test(digits) ? 0 : Number(digits);
        runs.push({ type: open ? 'open' : close ? 'close' : 'standalone', id });
        at.push(i);
        end.push(TAG.lastIndex);
        i = TAG.lastIndex;
        continue;
      }
      buf += '<';
      i++;
      continue;
    }
    let next = i + 1;
    while (next < text.length && text[next] !== '\\' && text[next] !== '<') next++;
    buf += text.slice(i, next);
    i = next;
  }
  flush();
  return { runs, at, end };
}

/** One tag of a coded text: the UTF-16 range it takes, its number (0 for a malformed `<01>`) and kind. */
export interface CodeTagSpan {
  from: number;
  to: number;
  id: number;
  kind: 'open' | 'close' | 'standalone';
}

/**
 * Where the tags of a coded text are, as this grammar reads them (an escaped `\<` is text):
 * what the editor draws as chips, so a chip is exactly a code the server counts.
 */
export function codeTagSpans(text: string): CodeTagSpan[] {
  const { runs, at, end } = tokenize(text);
  const spans: CodeTagSpan[] = [];
  runs.forEach((run, r) => {
    if (run.type !== 'text') spans.push({ from: at[r], to: end[r], id: run.id, kind: run.type });
  });
  return spans;
}

/**
 * Parses text with inline codes and checks its structure: numbers ≥ 1 used once, every
 * opened code closed, properly nested. Used to validate translations (with
 * `validateCodedText`, which also compares against the source's codes).
 */
export function parseCodedText(text: string): ParsedCodedText {
  const { runs, problems } = analyse(text);
  return problems.length ? { ok: false, problems, runs } : { ok: true, runs };
}

function analyse(text: string): { runs: CodedRun[]; at: number[]; problems: CodeProblem[] } {
  const { runs, at } = tokenize(text);
  const problems: CodeProblem[] = [];
  const seen = new Set<number>();
  const stack: { id: number; index: number }[] = [];
  runs.forEach((run, r) => {
    if (run.type === 'text') return;
    const index = at[r];
    if (run.id < 1 || !Number.isSafeInteger(run.id)) {
      problems.push(problem('invalid-id', `Code tags are numbered from 1 without leading zeros (at ${index}).`, undefined, index));
      return;
    }
    if (run.type === 'close') {
      const pos = stack.map((s) => s.id).lastIndexOf(run.id);
      if (pos < 0) problems.push(problem('unbalanced', `</${run.id}> closes a code that is not open.`, run.id, index));
      else {
        if (pos !== stack.length - 1) {
          problems.push(problem('badly-nested', `</${run.id}> closes before the codes opened inside it are closed.`, run.id, index));
        }
        stack.splice(pos, 1);
      }
      return;
    }
    if (seen.has(run.id)) problems.push(problem('duplicate', `The code ${run.id} is used more than once.`, run.id, index));
    seen.add(run.id);
    if (run.type === 'open') stack.push({ id: run.id, index });
  });
  for (const open of stack) problems.push(problem('unbalanced', `<${open.id}> is never closed.`, open.id, open.index));
  return { runs, at, problems };
}

export type ValidatedCodedText = { ok: true; runs: SourceRun[] } | { ok: false; problems: CodeProblem[] };

/**
 * Checks a translation's codes against its source segment's: the same set, each used the same
 * way (paired or standalone), properly nested, none invented. On success the runs carry the
 * source's kinds and URLs.
 */
export function validateCodedText(text: string, source: readonly SourceRun[]): ValidatedCodedText {
  const parsed = analyse(text);
  const problems = parsed.problems;
  const sourceCodes = new Map<number, Exclude<SourceRun, { type: 'text' | 'close' }>>();
  for (const run of source) if (run.type === 'open' || run.type === 'standalone') sourceCodes.set(run.id, run);
  const used = new Set<number>();
  const at = parsed.at;
  parsed.runs.forEach((run, r) => {
    if (run.type === 'text' || run.id < 1) return;
    const src = sourceCodes.get(run.id);
    if (!src) {
      if (run.type !== 'close') problems.push(problem('unknown', `The source has no code ${run.id}.`, run.id, at[r]));
      return;
    }
    used.add(run.id);
    if (run.type !== 'close' && (src.type === 'standalone') !== (run.type === 'standalone')) {
      const want = src.type === 'standalone' ? `<${run.id}/>` : `<${run.id}>…</${run.id}>`;
      problems.push(problem('wrong-type', `The code ${run.id} must be written ${want}.`, run.id, at[r]));
    }
  });
  for (const id of sourceCodes.keys()) {
    if (!used.has(id)) problems.push(problem('missing', `The code ${id} of the source is missing.`, id));
  }
  if (problems.length) return { ok: false, problems };
  const runs = parsed.runs.map((run): SourceRun => {
    if (run.type === 'text' || run.type === 'close') return run;
    return { ...sourceCodes.get(run.id)!, id: run.id } as SourceRun;
  });
  return { ok: true, runs };
}

/** Text with inline codes → what a reader sees (codes removed, whitespace collapsed). */
export function plainOfCoded(text: string): string {
  return parseCodedText(text)
    .runs.map((r) => (r.type === 'text' ? r.text : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
