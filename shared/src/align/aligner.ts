import { segmentMarkdown } from '../segment/index.js';
import type { Segment, SourceRun } from '../segment/types.js';
import { planSegments, type PlannedSegment } from './blocks.js';
import { classifyEdit } from './classify.js';
import { diffSequences } from './hunks.js';
import { alignmentKey, plainFromCodedText, similarityKey } from './key.js';
import { matchContext, matchGlobally, matchInHunk, type Match } from './matcher.js';
import { handOffs, pairByPosition, placeOf } from './position.js';
import { CHANGE_KINDS, type AlignedSegment, type AlignInput, type Alignment, type Change, type ChangeKind, type StoredSegment } from './types.js';

type NewKind = AlignedSegment['kind'];

interface Assignment {
  kind: NewKind;
  olds: number[];
  /** Filled by `take`. */
  news?: number[];
  similarity?: number;
  moved?: boolean;
}

/**
 * The previous revision's stored segments + the new Markdown → every segment classified
 * (architecture.md "Revision alignment"): block short-circuit, equal keys in order, fuzzy
 * 1:1 / split / merge inside changed hunks, equal keys elsewhere (moved), the fuzzy search
 * again over what is left (moved and edited), and the rest added or removed. Pure and
 * deterministic: the same input always gives the same output.
 */
export function alignRevision(input: AlignInput): Alignment {
  const previous = input.previous;
  const planned = planSegments(previous, input.previousMarkdown, segmentMarkdown(input.markdown, input.lang), input.lang);
  const next = planned.map((p) => p.segment);

  // Keys come from the texts with codes. An inline code span's content (only in `plain`) is not
  // translated (the translation holds `<n/>`), so changing it only makes `sourceChanged`.
  const oldKeys = previous.map((s) => alignmentKey(s.text));
  const newKeys = next.map((s) => alignmentKey(s.text));

  const ids = new Map<string, number>();
  const intern = (token: string) => ids.get(token) ?? (ids.set(token, ids.size), ids.size - 1);
  const oldSeq = oldKeys.map(intern);
  const newSeq = newKeys.map(intern);
  // A pair known from the block short-circuit gets a token of its own, so nothing else can take it.
  let fresh = -1;
  planned.forEach((p, j) => {
    if (p.forcedOld >= 0) oldSeq[p.forcedOld] = newSeq[j] = fresh--;
  });

  const assigned: (Assignment | null)[] = next.map(() => null);
  const oldTaken = new Uint8Array(previous.length);
  const take = (news: number[], a: Assignment) => {
    a.news = news;
    for (const j of news) assigned[j] = a;
    for (const o of a.olds) oldTaken[o] = 1;
  };

  // Step 2: equal keys in order.
  const { newToOld, hunks } = diffSequences(oldSeq, newSeq);
  newToOld.forEach((o, j) => {
    if (o >= 0) take([j], { kind: 'unchanged', olds: [o] });
  });
  // Step 4, first half: the same segment elsewhere (a block kept by the short-circuit, then equal keys).
  planned.forEach((p, j) => {
    if (!assigned[j] && p.forcedOld >= 0) take([j], { kind: 'moved', olds: [p.forcedOld] });
  });
  const waiting = new Map<number, { olds: number[]; next: number }>();
  previous.forEach((_, o) => {
    if (oldTaken[o]) return;
    const queue = waiting.get(oldSeq[o]);
    if (queue) queue.olds.push(o);
    else waiting.set(oldSeq[o], { olds: [o], next: 0 });
  });
  next.forEach((_, j) => {
    const queue = assigned[j] ? undefined : waiting.get(newSeq[j]);
    if (queue && queue.next < queue.olds.length) take([j], { kind: 'moved', olds: [queue.olds[queue.next++]] });
  });

  // Step 3 inside each hunk, then step 4's global search over what is left.
  const ctx = matchContext(oldKeys.map(similarityKey), newKeys.map(similarityKey));
  const freeOld = (from: number, to: number) => range(from, to).filter((o) => !oldTaken[o]);
  const freeNew = (from: number, to: number) => range(from, to).filter((j) => !assigned[j]);
  const record = (m: Match, moved: boolean) => {
    if (m.olds.length === 1 && m.news.length === 1) {
      const { kind } = classifyEdit(previous[m.olds[0]].text, next[m.news[0]].text, m.sim);
      take(m.news, moved ? { kind, olds: m.olds, similarity: m.sim, moved } : { kind, olds: m.olds, similarity: m.sim });
    } else {
      take(m.news, { kind: m.news.length > 1 ? 'split' : 'merged', olds: m.olds, similarity: m.sim });
    }
  };
  const anchors = hunks.map((): [number, number][] => []);
  hunks.forEach((h, k) => {
    for (const m of matchInHunk(ctx, freeOld(h.oldStart, h.oldEnd), freeNew(h.newStart, h.newEnd))) {
      record(m, false);
      anchors[k].push([m.olds[0], m.news[0]]);
    }
  });
  // A strong match elsewhere (moved and edited) is surer than a place; then places pair what is left.
  for (const m of matchGlobally(ctx, freeOld(0, previous.length), freeNew(0, next.length))) record(m, true);
  const oldPlace = (o: number) => placeOf(previous[o].blockKind, previous[o].translatable);
  const newPlace = (n: number) => placeOf(next[n].blockKind, next[n].translatable);
  const handedTo = new Map<number, number>();
  hunks.forEach((h, k) => {
    for (const m of pairByPosition(ctx, freeOld(h.oldStart, h.oldEnd), freeNew(h.newStart, h.newEnd), anchors[k], oldPlace, newPlace)) record(m, false);
    for (const [o, n] of handOffs(ctx, freeOld(h.oldStart, h.oldEnd), freeNew(h.newStart, h.newEnd), oldPlace, newPlace)) handedTo.set(o, n);
  });

  return report(previous, planned, assigned, oldTaken, handedTo);
}

function report(
  previous: readonly StoredSegment[],
  planned: readonly PlannedSegment[],
  assigned: (Assignment | null)[],
  oldTaken: Uint8Array,
  handedTo: ReadonlyMap<number, number>,
): Alignment {
  const impact = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const oldPlain = (o: number) => previous[o].plain ?? plainFromCodedText(previous[o].text);
  const segments: AlignedSegment[] = [];
  const placed: { at: number; change: Change }[] = [];
  const newPlaceOfOld = new Float64Array(previous.length).fill(-1);
  const emitted = new Set<Assignment>();
  const handedFrom = new Map<number, string[]>();
  for (const [o, n] of [...handedTo].sort((x, y) => x[0] - y[0])) handedFrom.set(n, [...(handedFrom.get(n) ?? []), previous[o].id]);

  planned.forEach((p, j) => {
    const a = assigned[j] ?? { kind: 'added', olds: [] };
    const aligned: AlignedSegment = {
      segment: p.segment,
      kind: a.kind,
      oldIds: a.olds.map((o) => previous[o].id),
      sourceChanged: (a.kind === 'unchanged' || a.kind === 'moved') && !p.reused && sourceDiffers(previous[a.olds[0]], p.segment),
    };
    if (a.similarity !== undefined) aligned.similarity = a.similarity;
    if (a.moved) aligned.moved = true;
    if (p.reused) aligned.reused = true;
    const handed = a.kind === 'added' ? handedFrom.get(j) : undefined;
    if (handed) aligned.handedFrom = handed;
    segments.push(aligned);
    impact[a.kind]++;
    // Moved segments say nothing about where their old neighbours now are.
    if (a.kind !== 'moved' && !a.moved) for (const o of a.olds) newPlaceOfOld[o] = j;
    if (a.kind === 'unchanged' || emitted.has(a)) return;
    emitted.add(a);
    const newIndexes = a.news ?? [j];
    const change: Change = {
      kind: a.kind,
      oldIds: aligned.oldIds,
      newIndexes,
      oldTexts: a.olds.map(oldPlain),
      newTexts: newIndexes.map((k) => planned[k].segment.plain),
    };
    if (a.similarity !== undefined) change.similarity = a.similarity;
    if (a.moved) change.moved = true;
    if (handed) change.handedFrom = handed;
    placed.push({ at: j, change });
  });

  const removed: string[] = [];
  let lastPlace = -1;
  previous.forEach((s, o) => {
    if (oldTaken[o]) {
      if (newPlaceOfOld[o] >= 0) lastPlace = newPlaceOfOld[o];
      return;
    }
    removed.push(s.id);
    impact.removed++;
    // Right after the new place of the old segment that preceded it, so a preview reads in order.
    const change: Change = { kind: 'removed', oldIds: [s.id], newIndexes: [], oldTexts: [oldPlain(o)], newTexts: [] };
    const to = handedTo.get(o);
    if (to !== undefined) change.handedTo = to;
    placed.push({ at: lastPlace + 0.5, change });
  });
  placed.sort((x, y) => x.at - y.at);
  return { segments, removed, changes: placed.map((p) => p.change), impact };
}

/** Whether the stored source must be rewritten although translations stay current. */
function sourceDiffers(stored: StoredSegment, segment: Segment): boolean {
  if (stored.text !== segment.text || stored.translatable !== segment.translatable) return true;
  if (stored.plain !== undefined && stored.plain !== segment.plain) return true;
  if (stored.hoisted !== undefined && (stored.hoisted ?? null) !== (segment.hoisted ?? null)) return true;
  if (stored.wrapper !== undefined && !sameJson(stored.wrapper ?? null, segment.wrapper ?? null)) return true;
  return stored.runs !== undefined && !sameRuns(stored.runs, segment.runs);
}

function sameRuns(a: readonly SourceRun[], b: readonly SourceRun[]): boolean {
  return a.length === b.length && a.every((r, i) => sameJson(r, b[i]));
}

/** Key order independent: a run read back from a jsonb column has its keys sorted differently. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
