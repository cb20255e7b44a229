import type { StandaloneCode, Token, Wrapper } from './markdown.js';
import type { SentenceRules } from './rules.js';
import { sentenceStartsWith } from './sentences.js';
import type { CodeKind, HoistedWrapper, SourceRun } from './types.js';

/** A segment before it is placed in the document: runs numbered from 1, wrapper hoisted. */
export interface DraftSegment {
  runs: SourceRun[];
  wrapper?: HoistedWrapper;
  breakBefore: boolean;
}

type Piece =
  | { t: 'text'; text: string }
  | { t: 'open'; w: Wrapper }
  | { t: 'close'; w: Wrapper }
  | { t: 'code'; code: StandaloneCode };

/** Wrappers that may be taken out of a segment they cover entirely (seed-gold column `hoisted`). */
const HOISTABLE: ReadonlySet<CodeKind> = new Set(['strong', 'emphasis', 'link']);
/** Stands for an inline code span or image in the splitter's text: a word, not a letter case. */
const PLACEHOLDER = '\uFFFC';
const LINE_SPACE = /[\t\n\v\f\r]/g;
const COLLAPSIBLE = /[ \t\n\v\f\r]+/g;

/** Cuts one line (the tokens between hard breaks) into sentences of pieces. */
function cutLine(line: Token[], rules: SentenceRules): Piece[][] {
  let text = '';
  const at: number[] = [];
  for (const tok of line) {
    at.push(text.length);
    if (tok.t === 'text') text += tok.text.replace(LINE_SPACE, ' ');
    else if (tok.t === 'code' && tok.width === 1) text += PLACEHOLDER;
  }
  const bounds = [0, ...sentenceStartsWith(rules, text), text.length];
  const sentences: Piece[][] = bounds.slice(1).map(() => []);
  const lastSentence = sentences.length - 1;
  let si = 0;
  line.forEach((tok, i) => {
    const from = at[i];
    if (tok.t === 'text') {
      let pos = from;
      const to = from + tok.text.length;
      while (pos < to) {
        while (si < lastSentence && bounds[si + 1] <= pos) si++;
        const cut = Math.min(to, si < lastSentence ? bounds[si + 1] : to);
        sentences[si].push({ t: 'text', text: tok.text.slice(pos - from, cut - from) });
        pos = cut;
      }
    } else if (tok.t === 'open' || (tok.t === 'code' && tok.width === 1)) {
      // An opening code (or a word-sized code) starting where a sentence starts belongs to it.
      while (si < lastSentence && bounds[si + 1] <= from) si++;
      sentences[si].push(tok.t === 'open' ? { t: 'open', w: tok.w } : { t: 'code', code: tok.code });
    } else if (tok.t === 'close' || tok.t === 'code') {
      // A closing code at a sentence end stays with the sentence it closes.
      while (si < lastSentence && bounds[si + 1] < from) si++;
      sentences[si].push(tok.t === 'close' ? { t: 'close', w: tok.w } : { t: 'code', code: tok.code });
    }
  });
  return sentences;
}

function mergeTexts(items: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of items) {
    const prev = out[out.length - 1];
    if (p.t === 'text' && prev?.t === 'text') out[out.length - 1] = { t: 'text', text: prev.text + p.text };
    else out.push(p);
  }
  for (let i = 0; i < out.length; i++) {
    const p = out[i];
    if (p.t === 'text') out[i] = { t: 'text', text: p.text.replace(COLLAPSIBLE, ' ') };
  }
  return out;
}

/** Trims spaces at the segment's edges, looking through wrapper codes but not past content. */
function trimEdges(items: Piece[]): void {
  for (let i = 0; i < items.length; ) {
    const p = items[i];
    if (p.t === 'open' || p.t === 'close') i++;
    else if (p.t === 'text') {
      const text = p.text.trimStart();
      if (text) {
        items[i] = { t: 'text', text };
        break;
      }
      items.splice(i, 1);
    } else break;
  }
  for (let i = items.length - 1; i >= 0; ) {
    const p = items[i];
    if (p.t === 'open' || p.t === 'close') i--;
    else if (p.t === 'text') {
      const text = p.text.trimEnd();
      if (text) {
        items[i] = { t: 'text', text };
        break;
      }
      items.splice(i, 1);
      i--;
    } else break;
  }
  // A wrapper left with nothing inside (its content went to the neighbouring sentence).
  for (let i = 0; i + 1 < items.length; ) {
    const a = items[i];
    const b = items[i + 1];
    if (a.t === 'open' && b.t === 'close' && a.w === b.w) {
      items.splice(i, 2);
      i = Math.max(0, i - 1);
    } else i++;
  }
}

function hoist(items: Piece[]): Wrapper | undefined {
  const first = items[0];
  const last = items[items.length - 1];
  if (items.length < 2 || first.t !== 'open' || last?.t !== 'close' || first.w !== last.w) return undefined;
  if (!HOISTABLE.has(first.w.kind)) return undefined;
  items.shift();
  items.pop();
  return first.w;
}

function toRuns(items: Piece[]): SourceRun[] {
  const ids = new Map<Wrapper, number>();
  let n = 0;
  return items.map((p): SourceRun => {
    switch (p.t) {
      case 'text':
        return { type: 'text', text: p.text };
      case 'open': {
        const id = ++n;
        ids.set(p.w, id);
        return { type: 'open', id, ...p.w };
      }
      case 'close':
        return { type: 'close', id: ids.get(p.w) ?? 0 };
      case 'code':
        return { type: 'standalone', id: ++n, ...p.code };
    }
  });
}

/**
 * Balances a sentence's wrappers: one split by a sentence boundary is closed at the end of the
 * first sentence and reopened at the start of the next (`carried`), so every segment's codes
 * pair up on their own.
 */
function finish(pieces: Piece[], carried: Wrapper[], breakBefore: boolean): DraftSegment | null {
  const stack = [...carried];
  const items: Piece[] = carried.map((w) => ({ t: 'open', w }));
  for (const p of pieces) {
    items.push(p);
    if (p.t === 'open') stack.push(p.w);
    else if (p.t === 'close') {
      const i = stack.lastIndexOf(p.w);
      if (i >= 0) stack.splice(i, 1);
    }
  }
  for (let i = stack.length - 1; i >= 0; i--) items.push({ t: 'close', w: stack[i] });
  carried.splice(0, carried.length, ...stack);

  const merged = mergeTexts(items);
  trimEdges(merged);
  if (!merged.some((p) => p.t === 'code' || (p.t === 'text' && p.text.trim() !== ''))) return null;
  const wrapper = hoist(merged);
  const draft: DraftSegment = { runs: toRuns(merged), breakBefore };
  if (wrapper) draft.wrapper = { ...wrapper };
  return draft;
}

/** One block's tokens → its segments: hard breaks, then sentences, each with its own codes. */
export function cutBlock(tokens: Token[], rules: SentenceRules): DraftSegment[] {
  const lines: Token[][] = [[]];
  for (const tok of tokens) {
    if (tok.t === 'break') lines.push([]);
    else lines[lines.length - 1].push(tok);
  }
  const out: DraftSegment[] = [];
  const carried: Wrapper[] = [];
  let breakBefore = false;
  lines.forEach((line, li) => {
    if (li > 0 && out.length > 0) breakBefore = true;
    for (const pieces of cutLine(line, rules)) {
      const draft = finish(pieces, carried, breakBefore);
      if (draft) {
        out.push(draft);
        breakBefore = false;
      }
    }
  });
  return out;
}
