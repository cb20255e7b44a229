import { codesToText, parseCodedText, validateCodedText } from '../segment/codes.js';
import type { CodeKind, SourceRun } from '../segment/types.js';
import { UNKNOWN_KIND } from './inline.js';
import type { UnitProblem } from './model.js';

/*
 * Inline content as the reader collects it, whatever element wrote it: 2.0 `<pc>`, `<sc>/<ec>`
 * (also across the segments of a re-segmented unit), `<ph>`; 1.2 `<g>`, `<bx>/<ex>`,
 * `<bpt>/<ept>`, `<it>`, `<x/>`, `<ph>`. CAT tools rewrite our `<pc>`/`<g>` into the paired
 * forms and keep the ids, so mapping back by id gives the codes we wrote.
 */

export type Token =
  | { t: 'text'; text: string }
  | { t: 'open'; xid: string; kind?: CodeKind; sc?: boolean }
  | { t: 'close'; xid: string; startRef?: boolean }
  | { t: 'ph'; xid: string; kind?: CodeKind };

export class Collector {
  readonly tokens: Token[] = [];
  /** Ids of the elements enclosing the current position: a paired element's close carries its id; null for `<mrk>`. */
  private readonly open: (string | null)[] = [];

  text(text: string): void {
    // Not tokens[length - 1] on an empty list: index -1 is a named-property lookup through the
    // prototype chain, three times slower than this check (1.0 vs 0.3 ms per 20k).
    const n = this.tokens.length;
    const last = n ? this.tokens[n - 1] : undefined;
    if (last?.t === 'text') last.text += text;
    else if (text) this.tokens.push({ t: 'text', text });
  }

  /** A paired element (2.0 `<pc>`, 1.2 `<g>`), or a transparent one (`<mrk>`) when xid is null. */
  enter(xid: string | null, kind?: CodeKind): void {
    this.open.push(xid);
    if (xid !== null) this.tokens.push(kind ? { t: 'open', xid, kind } : { t: 'open', xid });
  }

  leave(): void {
    const xid = this.open.pop();
    if (xid !== null && xid !== undefined) this.tokens.push({ t: 'close', xid });
  }

  push(token: Token): void {
    this.tokens.push(token);
  }
}

const CANONICAL = /^[1-9][0-9]{0,8}$/;

/**
 * XLIFF code ids → our numbers. Ids that already are numbers keep them (our own files round-trip
 * unchanged); any other id gets the next number after the largest, in order of first use in
 * the source, then in the target.
 */
export function numberCodes(source: readonly Token[], target: readonly Token[] | null): ReadonlyMap<string, number> {
  // Most units have no codes: no Map or Set for them.
  if (!hasCodes(source) && (target === null || !hasCodes(target))) return NO_NUMBERS;
  const numbers = new Map<string, number>();
  const others = new Set<string>();
  let max = 0;
  for (const list of [source, target ?? []]) {
    for (const token of list) {
      if (token.t === 'text' || numbers.has(token.xid) || others.has(token.xid)) continue;
      if (CANONICAL.test(token.xid)) {
        const n = Number(token.xid);
        numbers.set(token.xid, n);
        max = Math.max(max, n);
      } else others.add(token.xid);
    }
  }
  for (const xid of others) numbers.set(xid, ++max);
  return numbers;
}

const NO_NUMBERS: ReadonlyMap<string, number> = new Map();

function hasCodes(tokens: readonly Token[]): boolean {
  for (const token of tokens) if (token.t !== 'text') return true;
  return false;
}

export function idsOf(tokens: readonly Token[]): string[] {
  if (!hasCodes(tokens)) return [];
  const ids = new Set<string>();
  for (const token of tokens) if (token.t !== 'text') ids.add(token.xid);
  return [...ids];
}

export function toRuns(tokens: readonly Token[], numbers: ReadonlyMap<string, number>): SourceRun[] {
  const runs: SourceRun[] = [];
  for (const token of tokens) {
    if (token.t === 'text') {
      const last = runs.length ? runs[runs.length - 1] : undefined; // not runs[-1]: see Collector.text
      if (last?.type === 'text') last.text += token.text;
      else runs.push({ type: 'text', text: token.text });
      continue;
    }
    const id = numbers.get(token.xid)!;
    if (token.t === 'close') runs.push({ type: 'close', id });
    else runs.push({ type: token.t === 'open' ? 'open' : 'standalone', id, kind: token.kind ?? UNKNOWN_KIND });
  }
  return runs;
}

/**
 * Whether the unit's codes can become a Lockstep translation (xliff.md "Inline codes"): the
 * source's must form our grammar (nested, each id once), and the target's must be a subset of
 * the source's, nested, each used the way the source uses it. A code the target leaves out is
 * fine here; whether that is acceptable is the importer's call.
 */
export function checkCodes(source: string, target: string | null, sourceRuns: readonly SourceRun[], targetRuns: readonly SourceRun[] | null): UnitProblem | undefined {
  if (wellFormed(sourceRuns, null) && (targetRuns === null || wellFormed(targetRuns, sourceRuns))) return undefined;
  const parsed = parseCodedText(source);
  if (!parsed.ok) return { code: 'codes', message: `The source's inline codes cannot be read as Lockstep codes: ${parsed.problems[0].message}` };
  if (target === null) return undefined;
  const checked = validateCodedText(target, sourceRuns);
  const problems = checked.ok ? [] : checked.problems.filter((p) => p.kind !== 'missing');
  if (problems.length) return { code: 'codes', message: `The target's inline codes do not match the source's: ${problems[0].message}` };
  return undefined;
}

/**
 * The same verdict as parsing the texts (ids once, nested, the target's a subset of the
 * source's and used the same way), read off the runs: re-parsing every text cost a tenth of
 * the reading time. Only when this says no are the texts parsed, for the message.
 */
function wellFormed(runs: readonly SourceRun[], source: readonly SourceRun[] | null): boolean {
  if (runs.length === 1 && runs[0].type === 'text') return true; // text only: nothing to allocate below
  const shapes = source && new Map<number, string>();
  if (source) for (const r of source) if (r.type !== 'text' && r.type !== 'close') shapes!.set(r.id, r.type);
  const seen = new Set<number>();
  const open: number[] = [];
  for (const r of runs) {
    if (r.type === 'text') continue;
    if (r.type === 'close') {
      if (open.pop() !== r.id) return false;
      continue;
    }
    if (seen.has(r.id) || (shapes && shapes.get(r.id) !== r.type)) return false;
    seen.add(r.id);
    if (r.type === 'open') open.push(r.id);
  }
  return open.length === 0;
}

/** codesToText, skipping its escaping regex when no text holds a `<` or a `\` (nearly always). */
export function runsToText(runs: readonly SourceRun[]): string {
  let out = '';
  for (const r of runs) {
    if (r.type === 'text') {
      if (r.text.includes('<') || r.text.includes('\\')) return codesToText(runs);
      out += r.text;
    } else out += r.type === 'open' ? `<${r.id}>` : r.type === 'close' ? `</${r.id}>` : `<${r.id}/>`;
  }
  return out;
}
