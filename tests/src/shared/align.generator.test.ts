import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import {
  alignRevision,
  classifyEdit,
  revisionEffects,
  segmentMarkdown,
  type Alignment,
  type ChangeKind,
  type KeyedTranslationRow,
  type LanguageCode,
  type StoredSegment,
} from '@lockstep/shared';

/*
 * Random revisions with known truth. A document is a list of blocks of sentences, each sentence
 * knowing which stored segment(s) it comes from; edits (word edits, typos, insertions,
 * deletions, splits, merges, re-wraps, curly quotes, moves, swaps, shuffles, moved-and-edited)
 * change the model, the model is written as Markdown, and the aligner must recover the truth.
 * A trial whose new Markdown the segmenter does not cut exactly as the model says is redrawn.
 */

const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
type Rng = () => number;
const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, a: readonly T[]): T => a[int(r, a.length)];

type TruthKind = Exclude<ChangeKind, 'removed'> | 'kept'; // kept: unchanged or moved, either is right
interface Sent { text: string; kind: TruthKind; oldIds: string[]; sourceChanged?: boolean; touched?: boolean; either?: string[] }
interface Blk { prefix: string; sents: Sent[]; wrap?: boolean; touched?: boolean }
interface Lang { code: LanguageCode; word: (r: Rng) => string; end: string; cased: boolean }

const syllables = (cons: string, vows: string) => (r: Rng) => {
  let w = '';
  for (let i = 0, n = 1 + int(r, 3); i < n; i++) w += pick(r, [...cons]) + pick(r, [...vows]);
  return w;
};
const LANGS: Lang[] = [
  { code: 'es', word: syllables('bcdfglmnprstvñ', 'aeiouáéó'), end: '.', cased: true },
  { code: 'fr', word: syllables('bcdfglmnprstvç', 'aeiouéèê'), end: '.', cased: true },
  { code: 'pt', word: syllables('bcdfglmnprstv', 'aeiouãõá'), end: '.', cased: true },
  { code: 'tl', word: syllables('bdghklmnprstwy', 'aeiou'), end: '.', cased: true },
  { code: 'el', word: syllables('βγδζθκλμνξπρστφχ', 'αεηιουωάέί'), end: '.', cased: true },
  { code: 'ru', word: syllables('бвгджзклмнпрстфх', 'аеиоуыяю'), end: '.', cased: true },
  { code: 'hi', word: syllables('कखगजटडतदनपबमयरलवसह', '\u093E\u093F\u0940\u0941\u0947\u094B'), end: '।', cased: false },
  { code: 'ko', word: (r) => Array.from({ length: 1 + int(r, 3) }, () => String.fromCharCode(0xac00 + int(r, 11172))).join(''), end: '.', cased: false },
];
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const uncap = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
function sentence(r: Rng, l: Lang): string {
  const words = Array.from({ length: 6 + int(r, 16) }, () => l.word(r));
  const q = 1 + int(r, words.length - 1);
  if (r() < 0.25) words[q] = `"${words[q]}"`;
  return cap(words.join(' ')) + l.end;
}
/** An endorser-like line: a name of two or three words and a country in parentheses, no full stop. */
const shortLine = (r: Rng, l: Lang) => `${Array.from({ length: 2 + int(r, 2) }, () => cap(l.word(r))).join(' ')} (${cap(l.word(r))})`;
const escape = (plain: string) => plain.replace(/[\\`*_[\]<>#]/g, '\\$&');
const PREFIX: Record<string, string> = { heading1: '# ', heading2: '## ', heading3: '### ', 'list-item': '- ', blockquote: '> ' };

const markdownOf = (blocks: Blk[], r: Rng) =>
  blocks.map((b) => b.prefix + b.sents.map((s) => escape(s.text)).join(' ').replace(/ (?=\p{L})/gu, () => (b.wrap && r() < 0.3 ? '\n' : ' '))).join('\n\n');

/** The segmenter's own cut of a Markdown text, as a model whose sentences are all unchanged. */
function modelOf(markdown: string, lang: LanguageCode): { blocks: Blk[]; stored: StoredSegment[] } {
  const doc = segmentMarkdown(markdown, lang);
  const blocks: Blk[] = [];
  const stored = doc.segments.map((s, i): StoredSegment => ({ id: `s${i}`, text: s.text, blockIndex: s.blockIndex, blockKind: s.blockKind, translatable: s.translatable, plain: s.plain }));
  doc.segments.forEach((s, i) => {
    if (i === 0 || s.blockIndex !== doc.segments[i - 1].blockIndex) blocks.push({ prefix: PREFIX[s.blockKind] ?? '', sents: [] });
    blocks[blocks.length - 1].sents.push({ text: s.plain, kind: 'unchanged', oldIds: [`s${i}`] });
  });
  return { blocks, stored };
}

const words = (s: Sent) => s.text.split(' ');
const freeSents = (m: Blk[]) => m.flatMap((b, bi) => b.sents.map((s, si) => ({ b, bi, s, si }))).filter((x) => !x.s.touched && !x.b.touched);
const freeBlocks = (m: Blk[]) => m.map((b, bi) => ({ b, bi })).filter((x) => !x.b.touched && x.b.sents.every((s) => !s.touched));
const edited = (old: Sent, text: string, extra: Partial<Sent> = {}): Sent => ({ text, kind: classifyEdit(old.text, text).kind, oldIds: old.oldIds, touched: true, ...extra });
function wordEdit(r: Rng, l: Lang, text: string): string {
  const w = text.split(' ');
  const i = 1 + int(r, w.length - 2);
  const op = int(r, 4);
  if (op === 0) w.splice(i, 1);
  else if (op === 1) w.splice(i, 0, l.word(r));
  else w[i] = l.word(r);
  if (op === 3) w[1 + int(r, w.length - 2)] = l.word(r);
  return w.join(' ');
}

type Op = (m: Blk[], r: Rng, l: Lang) => boolean;
type At = { b: Blk; bi: number; s: Sent; si: number };
/** Runs `edit` on a random untouched sentence that passes `ok`; false when there is none (or `edit` says so). */
const onSentence = (m: Blk[], r: Rng, ok: (x: At) => boolean, edit: (x: At) => boolean | void) => {
  const c = freeSents(m).filter(ok);
  return c.length > 0 && edit(pick(r, c)) !== false;
};
const marked = (b: Blk, kind: TruthKind) => {
  b.touched = true;
  for (const s of b.sents) Object.assign(s, { kind, touched: true });
};
const OPS: Record<string, Op> = {
  modify: (m, r, l) =>
    onSentence(m, r, (x) => words(x.s).length >= 5, ({ b, s, si }) => {
      const text = wordEdit(r, l, s.text);
      if (text === s.text) return false;
      b.sents[si] = edited(s, text);
    }),
  rewrite: (m, r, l) =>
    onSentence(m, r, (x) => words(x.s).length >= 8, ({ b, s, si }) => {
      let text = s.text;
      for (let k = 0, n = 3 + int(r, 4); k < n; k++) text = wordEdit(r, l, text);
      b.sents[si] = edited(s, text);
    }),
  /** A sentence replaced by another made of the document's own words: must not pass for an edit. */
  replace: (m, r, l) =>
    onSentence(m, r, (x) => words(x.s).length >= 5, ({ b, s, si }) => {
      const pool = m.flatMap((x) => x.sents.flatMap(words)).map((w) => w.replace(/[^\p{L}\p{N}'-]/gu, '')).filter(Boolean);
      b.sents[si] = { text: cap(words(s).map(() => pick(r, pool)).join(' ')) + l.end, kind: 'added', oldIds: [], touched: true };
    }),
  typo: (m, r) =>
    onSentence(m, r, (x) => x.s.text.length >= 80, ({ b, s, si }) => {
      const w = words(s);
      const at = w.findIndex((x, i) => i > 0 && /^\p{Ll}{5,}$/u.test(x) && x[1] !== x[2]);
      if (at < 0) return false;
      w[at] = w[at][0] + w[at][2] + w[at][1] + w[at].slice(3);
      b.sents[si] = edited(s, w.join(' '));
    }),
  insert(m, r, l) {
    const added = (): Sent => ({ text: sentence(r, l), kind: 'added', oldIds: [], touched: true });
    const c = m.filter((b) => !b.touched);
    if (r() < 0.5 || !c.length) m.splice(int(r, m.length + 1), 0, { prefix: '', sents: Array.from({ length: 1 + int(r, 2) }, added), touched: true });
    else pick(r, c).sents.splice(int(r, 2), 0, added());
    return true;
  },
  delete(m, r) {
    const blocks = freeBlocks(m);
    if (r() < 0.5 && blocks.length) return m.splice(pick(r, blocks).bi, 1).length > 0;
    return onSentence(m, r, (x) => x.b.sents.length > 1, ({ b, si }) => void b.sents.splice(si, 1));
  },
  split: (m, r, l) =>
    onSentence(m, r, (x) => words(x.s).length >= 10 && x.s.text.endsWith(l.end), ({ b, s, si }) => {
      const w = words(s);
      const k = 3 + int(r, w.length - 6);
      const first = w.slice(0, k).join(' ').replace(/[,;:]$/, '') + l.end;
      b.sents.splice(si, 1, ...[first, cap(w.slice(k).join(' '))].map((text): Sent => ({ text, kind: 'split', oldIds: s.oldIds, touched: true })));
    }),
  merge: (m, r, l) =>
    onSentence(m, r, (x) => x.si + 1 < x.b.sents.length && !x.b.sents[x.si + 1].touched && x.s.text.endsWith(l.end), ({ b, s, si }) => {
      const t = b.sents[si + 1];
      const text = `${s.text.slice(0, -l.end.length)}, ${l.cased ? uncap(t.text) : t.text}`;
      b.sents.splice(si, 2, { text, kind: 'merged', oldIds: [...s.oldIds, ...t.oldIds], touched: true });
    }),
  rewrap(m, r) {
    const c = freeBlocks(m).filter((x) => x.b.prefix === '' && x.b.sents.reduce((n, s) => n + s.text.length, 0) > 60);
    if (c.length) Object.assign(pick(r, c).b, { wrap: true, touched: true });
    return c.length > 0;
  },
  curly: (m, r) =>
    onSentence(m, r, (x) => /["']/.test(x.s.text), ({ b, s, si }) => {
      let open = true;
      const text = s.text.replace(/"/g, () => ((open = !open) ? '\u201D' : '\u201C')).replace(/'/g, '\u2019');
      b.sents[si] = { ...s, text, sourceChanged: true, touched: true };
    }),
  /** One or two sentences' block moved over more sentences than it has: the LCS keeps the others. */
  move(m, r) {
    const c = freeBlocks(m).filter((x) => x.b.sents.length <= 2);
    if (!c.length) return false;
    const { b, bi } = pick(r, c);
    const to = bi + (r() < 0.5 ? -1 : 1) * (3 + int(r, 6));
    if (to < 0 || to >= m.length) return false;
    const jumped = m.slice(Math.min(bi, to), Math.max(bi, to) + 1).reduce((n, x) => n + x.sents.length, 0) - b.sents.length;
    if (jumped < b.sents.length + 2) return false;
    m.splice(to, 0, ...m.splice(bi, 1));
    marked(b, 'moved');
    return true;
  },
  swap(m, r) {
    const c = freeBlocks(m).filter((x) => x.bi + 1 < m.length && freeBlocks([m[x.bi + 1]]).length && m[x.bi + 1].sents.length !== x.b.sents.length);
    if (!c.length) return false;
    const { b, bi } = pick(r, c);
    const other = m[bi + 1];
    [m[bi], m[bi + 1]] = [other, b];
    other.touched = b.touched = true;
    marked(b.sents.length < other.sents.length ? b : other, 'moved');
    return true;
  },
  shuffle(m, r) {
    const at = int(r, Math.max(1, m.length - 4));
    const run = m.slice(at, at + 4);
    if (run.length < 3 || freeBlocks(run).length !== run.length) return false;
    const order = [...run.keys()].sort(() => r() - 0.5);
    if (order.every((k, i) => k === i)) order.reverse();
    m.splice(at, run.length, ...order.map((k) => run[k]));
    for (const b of run) marked(b, 'kept');
    return true;
  },
  /** Short lines edited in place (bylines, credits, endorser names and countries): modified, never lost. */
  shortEdit: (m, r, l) =>
    onSentence(m, r, (x) => x.s.text.length < 40 && words(x.s).length >= 2, ({ b, s, si }) => {
      const w = words(s);
      const op = int(r, 3);
      if (op === 0) w.push('and', cap(l.word(r)));
      else if (op === 1) w[w.length - 1] = `(${cap(l.word(r))})`;
      else w.splice(1 + int(r, w.length - 1), 0, cap(l.word(r)));
      const text = w.join(' ');
      if (text === s.text) return false;
      b.sents[si] = edited(s, text);
    }),
  /** A short line replaced by an unrelated one in the same place: modified, with the full diff. */
  shortReplace: (m, r, l) =>
    onSentence(m, r, (x) => x.s.text.length < 40 && words(x.s).length >= 2, ({ b, s, si }) => {
      const text = shortLine(r, l);
      if (text === s.text) return false;
      b.sents[si] = edited(s, text);
    }),
  moveEdit: (m, r, l) =>
    onSentence(m, r, (x) => words(x.s).length >= 10 && x.b.sents.length > 1, ({ b, bi, s, si }) => {
      const to = m[bi + 6 + int(r, 6)];
      if (!to || to.prefix !== '' || to.touched) return false;
      b.sents.splice(si, 1);
      to.sents.splice(int(r, to.sents.length + 1), 0, edited(s, s.text.replace(/ \S+$/, ` ${l.word(r)}${l.end}`)));
    }),
};

/** Edits of lines under 40 characters, where a similarity threshold once lost translations. */
const SHORT_OPS = ['shortEdit', 'shortReplace'];

interface Base { md: string; blocks: Blk[]; stored: StoredSegment[]; lang: Lang }
const EN: Lang = { code: 'en', word: syllables('bcdfglmnprstvw', 'aeiou'), end: '.', cased: true };
const clone = (blocks: Blk[]): Blk[] => blocks.map((b) => ({ ...b, sents: b.sents.map((s) => ({ ...s })) }));

function baseOf(markdown: string, lang: Lang): Base {
  const md = markdownOf(modelOf(markdown, lang.code).blocks, () => 0);
  return { md, lang, ...modelOf(md, lang.code) };
}
const statement = baseOf(readFileSync(new URL('../../../fixtures/statement/statement.md', import.meta.url), 'utf8'), EN);
function syntheticBase(r: Rng, l: Lang): Base {
  const blocks = Array.from({ length: 14 + int(r, 8) }, () => {
    if (r() < 0.3) return escape(shortLine(r, l));
    const prefix = r() < 0.1 ? '## ' : r() < 0.15 ? '- ' : '';
    return prefix + Array.from({ length: prefix === '## ' ? 1 : 1 + int(r, 4) }, () => escape(sentence(r, l))).join(' ');
  });
  return baseOf(blocks.join('\n\n'), l);
}

interface Trial {
  base: Base;
  sents: Sent[];
  alignment: Alignment;
  ops: string[];
  /** Old ids removed in a place where several were removed or added: paired or removed, either is right. */
  eitherRemoved: Set<string>;
}
/** `edits`: how many edits one revision makes at most (1 to 3 by default; many at once when larger). */
function runTrial(seed: number, edits = 3): Trial | null {
  const r = rng(seed);
  const base = seed % 3 === 0 ? statement : syntheticBase(r, pick(r, LANGS));
  const m = clone(base.blocks);
  const ops: string[] = [];
  for (let tries = 0, n = 1 + int(r, edits); ops.length < n && tries < 10 * edits; tries++) {
    const name = r() < 0.4 ? pick(r, SHORT_OPS) : pick(r, Object.keys(OPS));
    if (OPS[name](m, r, base.lang)) ops.push(name);
  }
  const blocks = m.filter((b) => b.sents.length);
  const md = markdownOf(blocks, r);
  const cut = segmentMarkdown(md, base.lang.code).segments;
  const sents = blocks.flatMap((b) => b.sents);
  const blockOf = blocks.flatMap((b, bi) => b.sents.map(() => bi));
  if (cut.length !== sents.length || cut.some((s, i) => s.plain !== sents[i].text || s.blockIndex !== blockOf[i])) return null;
  const eitherRemoved = relabelInPlace(base, sents, cut);
  return { base, sents, ops, eitherRemoved, alignment: alignRevision({ previousMarkdown: base.md, previous: base.stored, markdown: md, lang: base.lang.code }) };
}

/**
 * The truth as a person reads a replacement (architecture.md step 3, "position comes first"):
 * between two sentences carried over in order, one removed and one added sentence of the same
 * kind of block are one sentence edited in place, `modified` (or `minor`) whatever their
 * similarity. Where several were removed or added in one place, pairing or not is the
 * aligner's choice: those new sentences get `either` (added, or modified from one of the
 * place's removed sentences) and their removed ids are returned.
 */
function relabelInPlace(base: Base, sents: Sent[], cut: ReturnType<typeof segmentMarkdown>['segments']): Set<string> {
  const oldAt = (id: string) => Number(id.slice(1));
  const family = (kind: string | undefined) => (kind ?? '').replace(/\d+$/, '');
  // Carried sentences in order: the longest run increasing in old position.
  const carried = sents.flatMap((s, j) => (s.oldIds.length ? [{ j, lo: Math.min(...s.oldIds.map(oldAt)), hi: Math.max(...s.oldIds.map(oldAt)) }] : []));
  const len = carried.map(() => 1);
  const prev = carried.map(() => -1);
  carried.forEach((c, k) => {
    for (let i = 0; i < k; i++) if (carried[i].hi < c.lo && len[i] + 1 > len[k]) [len[k], prev[k]] = [len[i] + 1, i];
  });
  const anchors: { j: number; lo: number; hi: number }[] = [];
  for (let k = len.indexOf(Math.max(0, ...len)); k >= 0 && carried.length; k = prev[k]) anchors.unshift(carried[k]);
  const kept = new Set(sents.flatMap((s) => s.oldIds));
  const either = new Set<string>();
  const bounds = [{ j: -1, lo: -1, hi: -1 }, ...anchors, { j: sents.length, lo: base.stored.length, hi: base.stored.length }];
  for (let g = 0; g + 1 < bounds.length; g++) {
    const [a, b] = [bounds[g], bounds[g + 1]];
    const added = sents.map((s, j) => ({ s, j })).filter(({ s, j }) => j > a.j && j < b.j && s.kind === 'added');
    const removed = base.stored.filter((o, i) => i > a.hi && i < b.lo && !kept.has(o.id));
    if (!added.length || !removed.length) continue;
    if (added.length === 1 && removed.length === 1) {
      const [{ s, j }, o] = [added[0], removed[0]];
      if (family(o.blockKind) === family(cut[j].blockKind) && o.translatable === cut[j].translatable) {
        sents[j] = { ...s, kind: classifyEdit(o.plain ?? o.text, s.text).kind, oldIds: [o.id] };
      }
      continue;
    }
    for (const { s } of added) s.either = removed.map((o) => o.id);
    for (const o of removed) either.add(o.id);
  }
  return either;
}

/** Every old segment and every new segment accounted for exactly once. */
function invariantProblems({ base, sents, alignment: a }: Trial): string[] {
  const problems: string[] = [];
  const olds = [...a.segments.filter((s) => s.kind === 'unchanged').flatMap((s) => s.oldIds), ...a.changes.flatMap((c) => c.oldIds)];
  const news = [...a.segments.flatMap((s, j) => (s.kind === 'unchanged' ? [j] : [])), ...a.changes.flatMap((c) => c.newIndexes)];
  if (olds.length !== base.stored.length || new Set(olds).size !== olds.length) problems.push('old ids not exactly once');
  if (news.length !== sents.length || new Set(news).size !== news.length) problems.push('new segments not exactly once');
  if (a.segments.some((s, j) => s.segment.index !== j)) problems.push('indexes out of order');
  const counted = Object.entries(a.impact).reduce((n, [k, v]) => n + (k === 'removed' ? 0 : v), 0);
  if (counted !== sents.length || a.impact.removed !== a.removed.length) problems.push('impact does not add up');
  return problems;
}

const CLASSES: ChangeKind[] = ['unchanged', 'moved', 'modified', 'minor', 'split', 'merged', 'added', 'removed'];
type Score = Record<ChangeKind, { tp: number; fp: number; fn: number }>;
function score(trials: Trial[]): { table: Score; sourceChangedWrong: number } {
  const table = Object.fromEntries(CLASSES.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Score;
  let sourceChangedWrong = 0;
  for (const { base, sents, alignment: a, eitherRemoved } of trials) {
    sents.forEach((t, j) => {
      const p = a.segments[j];
      const eitherOk = t.either && (p.kind === 'added' || ((p.kind === 'modified' || p.kind === 'minor') && t.either.includes(p.oldIds[0])));
      const idsOk = eitherOk || t.oldIds.join() === p.oldIds.join();
      const truth: ChangeKind = eitherOk
        ? p.kind
        : t.kind === 'kept'
          ? (p.kind === 'moved' || p.kind === 'unchanged') && idsOk
            ? p.kind
            : 'unchanged'
          : t.kind;
      if (truth === p.kind && idsOk) table[truth].tp++;
      else {
        table[p.kind].fp++;
        table[truth].fn++;
      }
      if ((truth === 'unchanged' || truth === 'moved') && idsOk && p.sourceChanged !== Boolean(t.sourceChanged)) sourceChangedWrong++;
    });
    const kept = new Set(sents.flatMap((s) => s.oldIds));
    const truthRemoved = new Set(base.stored.map((s) => s.id).filter((id) => !kept.has(id)));
    const predicted = new Set(a.removed);
    for (const id of predicted) table.removed[truthRemoved.has(id) ? 'tp' : 'fp']++;
    for (const id of truthRemoved) if (!predicted.has(id) && !eitherRemoved.has(id)) table.removed.fn++;
  }
  return { table, sourceChangedWrong };
}

const ratio = (x: number, y: number) => (y === 0 ? 1 : x / y);
/**
 * Floors per class, below what the seeded run measures (see the printed table) with room for
 * segmenter changes that redraw some trials. Unchanged, moved, added and removed are nearly exact
 * by construction. A word edit can drop under the 0.5 threshold (0.75 under 40 characters) and
 * a merge of two short sentences under the 0.75 split/merge one: the price of never pairing
 * unrelated sentences, which the `replace` edits check.
 */
const FLOORS: Record<ChangeKind, { precision: number; recall: number }> = {
  unchanged: { precision: 0.995, recall: 0.995 },
  moved: { precision: 0.97, recall: 0.97 },
  modified: { precision: 0.95, recall: 0.93 },
  minor: { precision: 0.95, recall: 0.93 },
  split: { precision: 0.95, recall: 0.93 },
  merged: { precision: 0.95, recall: 0.9 },
  added: { precision: 0.99, recall: 0.99 },
  removed: { precision: 0.99, recall: 0.99 },
};

function trialsOf(count: number, edits: number, firstSeed: number): { trials: Trial[]; redrawn: number } {
  const trials: Trial[] = [];
  let redrawn = 0;
  for (let seed = firstSeed; trials.length < count; seed++) {
    const t = runTrial(seed, edits);
    if (t) trials.push(t);
    else redrawn++;
  }
  return { trials, redrawn };
}

/** Prints the table and checks every class against its floor. */
function expectFloors(trials: Trial[], redrawn: number, floors = FLOORS): void {
  const { table, sourceChangedWrong } = score(trials);
  const rows = CLASSES.map((k) => {
    const { tp, fp, fn } = table[k];
    return { class: k, support: tp + fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
  });
  const edits = trials.reduce((n, t) => n + t.ops.length, 0);
  const short = trials.reduce((n, t) => n + t.ops.filter((x) => SHORT_OPS.includes(x)).length, 0);
  console.log(
    `${trials.length} revisions, ${edits} edits, ${short} of them on short lines (${redrawn} redrawn: the segmenter cut them otherwise)\n` +
      `${Object.keys(OPS).map((o) => `${o} ${trials.reduce((n, t) => n + t.ops.filter((x) => x === o).length, 0)}`).join(', ')}\n` +
      rows.map((r) => `${r.class.padEnd(10)} support ${String(r.support).padStart(5)}  precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}`).join('\n'),
  );
  expect(short * 3).toBeGreaterThanOrEqual(edits);
  expect(sourceChangedWrong).toBe(0);
  for (const r of rows) {
    expect({ class: r.class, precision: r.precision >= floors[r.class].precision }).toEqual({ class: r.class, precision: true });
    expect({ class: r.class, recall: r.recall >= floors[r.class].recall }).toEqual({ class: r.class, recall: true });
  }
}

/**
 * With up to 12 edits a revision, an unrelated replacement of a short line sometimes lands
 * beside an inserted sentence: one old and two new sentences in one place, and which of the two
 * is "the edit" is a guess for the aligner and the generator alike (the aligner takes the more
 * similar one; measured: 1 of 42 additions). Everything else keeps its floor.
 */
const MANY_EDITS_FLOORS = { ...FLOORS, added: { precision: 0.97, recall: 0.97 }, removed: { precision: 0.97, recall: 0.97 } };

/**
 * Where every translation of the previous revision ends up: current (unchanged, moved), stale
 * (modified, minor), in the suggestion of a new segment (split, merged, handed over), or retired
 * and counted as retired. Returns what is nowhere.
 */
function lostTranslations({ base, alignment }: Trial): string[] {
  const textOf = (id: string) => `T-${id}`;
  const translations = new Map<string, KeyedTranslationRow[]>(
    base.stored
      .filter((s) => s.translatable)
      .map((s) => [
        s.id,
        [{ segmentId: s.id, lang: 'es', text: textOf(s.id), state: 'translated', version: 2, basedOnRevision: 1, previousSource: null, stateBeforeStale: null, changeClass: null, suggestion: null }],
      ]),
  );
  const e = revisionEffects({ alignment, targetLangs: ['es'], translations, oldSources: new Map(base.stored.map((s) => [s.id, s.text])), revision: 2 });
  const current = new Set(alignment.segments.filter((a) => a.kind === 'unchanged' || a.kind === 'moved').flatMap((a) => a.oldIds));
  const stale = new Set(e.revised.filter((r) => r.state === 'stale' && r.text === textOf(r.segmentId)).map((r) => r.segmentId));
  const suggestions = [...e.newTranslations.values()].flat().map((r) => r.suggestion ?? '').join(' ');
  const lost = [...translations.keys()].filter((id) => !current.has(id) && !stale.has(id) && !new RegExp(`\\b${textOf(id)}\\b`).test(suggestions));
  const retired = lost.filter((id) => alignment.removed.includes(id));
  // Retired ones are reachable only if the impact counts every one of them.
  return e.retired.es === retired.length ? lost.filter((id) => !retired.includes(id)) : lost;
}



describe('alignment of random revisions with known truth', () => {
  const { trials, redrawn } = trialsOf(520, 3, 1);

  test('self-alignment is all unchanged, on the statement and in every language', () => {
    for (const base of [statement, ...LANGS.map((l, i) => syntheticBase(rng(1000 + i), l))]) {
      const a = alignRevision({ previousMarkdown: base.md, previous: base.stored, markdown: base.md, lang: base.lang.code });
      expect(a.changes).toEqual([]);
      expect(a.segments.map((s) => s.oldIds[0])).toEqual(base.stored.map((s) => s.id));
      expect(a.segments.every((s) => s.kind === 'unchanged' && !s.sourceChanged)).toBe(true);
    }
  });

  test('every old and every new segment is accounted for exactly once', () => {
    const broken = trials.map((t, i) => ({ i, ops: t.ops, problems: invariantProblems(t) })).filter((x) => x.problems.length);
    expect(broken).toEqual([]);
  });

  test('precision and recall per class stay above their floors', () => {
    expect(trials.reduce((n, t) => n + t.ops.length, 0)).toBeGreaterThanOrEqual(500);
    expectFloors(trials, redrawn);
  });

  test('many edits in one revision (up to 12: splits beside merges, additions and rewordings) are read as they are alone', () => {
    const many = trialsOf(160, 12, 100_000);
    expect(many.trials.reduce((n, t) => n + t.ops.length, 0)).toBeGreaterThanOrEqual(800);
    expectFloors(many.trials, many.redrawn, MANY_EDITS_FLOORS);
  });

  test('no translation is lost: each is current, stale, a suggestion on a new segment, or retired and reported', () => {
    const lost = [...trials, ...trialsOf(160, 12, 100_000).trials].map((t) => ({ ops: t.ops, lost: lostTranslations(t) })).filter((x) => x.lost.length);
    expect(lost).toEqual([]);
  });

  test('is deterministic: the same revision always aligns the same way', () => {
    for (const seed of [3, 7, 11, 12]) {
      const a = runTrial(seed);
      const b = runTrial(seed);
      expect(b?.alignment).toEqual(a?.alignment);
    }
  });
});
