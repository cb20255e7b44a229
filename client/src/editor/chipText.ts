/**
 * The translation field's document is the coded text itself (`<1>…</1>`, `<2/>`, `\<`): what
 * is stored is exactly what is edited, and each tag is drawn over as one atomic chip. This
 * module is the pure half of that mapping — where the chips are in a text, how one text
 * becomes another with the smallest change (so undo and the cursor stay put), and how an
 * inserted text (memory, machine translation, glossary) is fitted to the source's codes.
 */
import { codeTagSpans, type CodeTagSpan } from '@lockstep/shared';
import { rawTag } from '../inlineCodes';

export type ChipKind = CodeTagSpan['kind'];

/** One tag of the coded text: the UTF-16 range a chip replaces. */
export type ChipSpan = CodeTagSpan;

/** The source codes an insertion is fitted to (a subset of codeEditing's SourceCode). */
export interface FitCode {
  id: number;
  paired: boolean;
}

/**
 * Where the tags are: the shared grammar's own reading (`codeTagSpans`, api.md), so a chip is
 * exactly a code the server counts. `\<1>` is the literal text "<1>", never a chip; `<01>` is a
 * tag numbered wrongly, a chip too (id 0), so it can be deleted as one and the validator names
 * its problem.
 */
export const chipSpans: (text: string) => ChipSpan[] = codeTagSpans;

/** A tag as the coded text writes it (the one spelling, `inlineCodes.ts`). */
export const tagText = rawTag;

/**
 * The smallest single replacement turning `before` into `after`: a common start and end are
 * kept, so a chip placed or a text inserted is one undo step and the rest of the text (and
 * any chip in it) is untouched. Never cuts a UTF-16 surrogate pair.
 */
export function minimalChange(before: string, after: string): { from: number; to: number; insert: string } | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  const isLow = (s: string, i: number) => i < s.length && s.charCodeAt(i) >= 0xdc00 && s.charCodeAt(i) <= 0xdfff;
  if (start > 0 && isLow(before, start)) start--;
  if (end > 0 && isLow(before, before.length - end)) end--;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}

/**
 * Fits an inserted coded text (a memory match, a machine translation, a glossary term) to the
 * source's codes: a tag the source does not have, of the wrong type (`<1/>` for a paired
 * code), used twice or left unbalanced is dropped, its text kept; `dropped` counts the codes
 * (not tags) left out. What the source has and the
 * text lacks is not invented: it stays a missing chip for the translator to place.
 */
export function fitCodes(text: string, codes: readonly FitCode[]): { text: string; dropped: number } {
  // Taking a tag out can join its neighbours into a new one (`<` + `<5/>` + `1>`): fit again
  // until nothing is dropped (each pass shortens the text, so this ends).
  const dropped = new Set<number>();
  for (let pass = fitOnce(text, codes); ; pass = fitOnce(pass.text, codes)) {
    for (const id of pass.dropped) dropped.add(id);
    if (pass.dropped.length === 0) return { text: pass.text, dropped: dropped.size };
  }
}

function fitOnce(text: string, codes: readonly FitCode[]): { text: string; dropped: number[] } {
  const wanted = new Map(codes.map((c) => [c.id, c.paired]));
  const spans = chipSpans(text);
  const keep = new Set<ChipSpan>();
  const opened = new Map<number, ChipSpan>();
  const used = new Set<number>();
  for (const span of spans) {
    const paired = wanted.get(span.id);
    if (paired === undefined) continue;
    if (span.kind === 'standalone') {
      if (!paired && !used.has(span.id)) (keep.add(span), used.add(span.id));
    } else if (paired && span.kind === 'open' && !used.has(span.id)) {
      opened.set(span.id, span);
      used.add(span.id);
    } else if (paired && span.kind === 'close' && opened.has(span.id)) {
      keep.add(opened.get(span.id)!).add(span);
      opened.delete(span.id);
    }
  }
  // A pair that crosses another (`<1><2></1></2>`) is dropped whole, the inner one kept.
  const pairs = new Map<number, ChipSpan[]>();
  for (const span of spans) if (keep.has(span) && span.kind !== 'standalone') pairs.set(span.id, [...(pairs.get(span.id) ?? []), span]);
  for (const [id, [open, close]] of pairs) {
    for (const [otherId, [o2, c2]] of pairs) {
      if (otherId === id || !keep.has(open) || !keep.has(o2)) continue;
      const crosses = open.from < o2.from && o2.from < close.from && close.from < c2.from;
      if (crosses) (keep.delete(open), keep.delete(close));
    }
  }
  let out = '';
  let at = 0;
  const dropped: number[] = [];
  for (const span of spans) {
    if (keep.has(span)) continue;
    out += text.slice(at, span.from);
    at = span.to;
    dropped.push(span.id);
  }
  return { text: out + text.slice(at), dropped };
}
