import { codesToText, validateCodedText } from '../segment/codes.js';
import type { SourceRun } from '../segment/types.js';

/*
 * Inline codes across a machine-translation engine. Engines that keep markup (DeepL with
 * `tag_handling=xml`, Apertium with `format=html`) get the segment as XML-ish text: a paired
 * code is `<g id="n">…</g>`, a standalone one `<x id="n"/>` (XLIFF 1.2's names, which every
 * engine passes through as opaque elements), and literal text is escaped. What comes back is
 * read by `markupToCoded`; anything it cannot map one-to-one onto the source's codes is
 * refused, and the caller places the codes by position instead (`placeCodesByPosition`).
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function unescapeXml(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

/** The segment as markup an engine keeps tags of: codes as `<g id="n">`/`<x id="n"/>`, text escaped. */
export function runsToMarkup(runs: readonly SourceRun[]): string {
  let out = '';
  for (const run of runs) {
    if (run.type === 'text') out += escapeXml(run.text);
    else if (run.type === 'open') out += `<g id="${run.id}">`;
    else if (run.type === 'close') out += '</g>';
    else out += `<x id="${run.id}"/>`;
  }
  return out;
}

/** The segment's words alone, for engines sent plain text: codes dropped, whitespace collapsed. */
export function runsToPlain(runs: readonly SourceRun[]): string {
  return runs
    .map((r) => (r.type === 'text' ? r.text : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Engines may re-quote attributes or space tags differently; nothing else counts as one of ours. */
const TAG = /<\s*g\s+id\s*=\s*["']?(\d+)["']?\s*>|<\s*\/\s*g\s*>|<\s*x\s+id\s*=\s*["']?(\d+)["']?\s*\/?\s*>(?:<\s*\/\s*x\s*>)?|<[^>]*>/gi;

/**
 * An engine's answer to `runsToMarkup` back as text with the source's codes (`<1>…</1>`,
 * `<2/>`), or null when the codes did not survive intact (one lost, duplicated, invented, an
 * unknown tag, or nesting changed): the caller then places them by position and says so.
 */
export function markupToCoded(markup: string, sourceRuns: readonly SourceRun[]): string | null {
  const codes = new Map<number, Exclude<SourceRun, { type: 'text' | 'close' }>>();
  for (const r of sourceRuns) if (r.type === 'open' || r.type === 'standalone') codes.set(r.id, r);
  const runs: SourceRun[] = [];
  const open: number[] = [];
  const pushText = (raw: string) => {
    const text = unescapeXml(raw);
    if (text) runs.push({ type: 'text', text });
  };
  let last = 0;
  for (const m of markup.matchAll(TAG)) {
    pushText(markup.slice(last, m.index));
    last = m.index + m[0].length;
    const [whole, openId, aloneId] = m;
    if (openId !== undefined) {
      const src = codes.get(Number(openId));
      if (!src || src.type !== 'open') return null;
      runs.push(src);
      open.push(src.id);
    } else if (aloneId !== undefined) {
      const src = codes.get(Number(aloneId));
      if (!src || src.type !== 'standalone') return null;
      runs.push(src);
    } else if (/^<\s*\/\s*g/i.test(whole)) {
      const id = open.pop();
      if (id === undefined) return null;
      runs.push({ type: 'close', id });
    } else return null;
  }
  pushText(markup.slice(last));
  if (open.length) return null;
  const text = codesToText(tidyWhitespace(runs));
  return validateCodedText(text, sourceRuns).ok ? text : null;
}

/** Engines leave doubled spaces where tags stood (Apertium after a standalone tag): one space, none at the edges. */
function tidyWhitespace(runs: SourceRun[]): SourceRun[] {
  const out = runs.map((r) => (r.type === 'text' ? { ...r, text: r.text.replace(/[ \t\n]+/g, ' ') } : r));
  const first = out[0];
  if (first?.type === 'text') first.text = first.text.replace(/^ +/, '');
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text = last.text.replace(/ +$/, '');
  return out.filter((r) => r.type !== 'text' || r.text !== '');
}

/** An engine's markup answer with its tags dropped and text unescaped (to place codes by position). */
export function markupToPlain(markup: string): string {
  return unescapeXml(markup.replace(TAG, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Puts the source's codes into a translation made from `runsToPlain`, each at the same relative
 * place as in the source, snapped to word edges (an opening code before a word, a closing one
 * after). The order of the tags is the source's, so nesting stays valid; where words moved,
 * the codes are misplaced, which is why such a suggestion is marked as needing code placement.
 */
export function placeCodesByPosition(sourceRuns: readonly SourceRun[], translation: string): string {
  const text = translation.replace(/\s+/g, ' ').trim();
  const events: { run: SourceRun; offset: number }[] = [];
  let sourceLength = 0;
  for (const run of sourceRuns) {
    if (run.type === 'text') sourceLength += run.text.length;
    else events.push({ run, offset: sourceLength });
  }
  const runs: SourceRun[] = [];
  let cut = 0;
  for (const { run, offset } of events) {
    const aim = sourceLength === 0 ? text.length : Math.round((offset / sourceLength) * text.length);
    const at = Math.max(cut, snap(text, aim, run.type === 'open' ? 'start' : 'end'));
    if (at > cut) runs.push({ type: 'text', text: text.slice(cut, at) });
    runs.push(run);
    cut = at;
  }
  if (cut < text.length) runs.push({ type: 'text', text: text.slice(cut) });
  return codesToText(runs);
}

const isSpace = (c: string | undefined) => c === undefined || c === ' ';

/** A position moved to the nearest word edge: `start` before a word, `end` after one. */
function snap(text: string, at: number, edge: 'start' | 'end'): number {
  let i = Math.min(Math.max(at, 0), text.length);
  if (edge === 'start') {
    while (i > 0 && !isSpace(text[i - 1]) && !isSpace(text[i])) i--;
    while (i < text.length && text[i] === ' ') i++;
  } else {
    while (i < text.length && !isSpace(text[i - 1]) && !isSpace(text[i])) i++;
    while (i > 0 && text[i - 1] === ' ') i--;
  }
  return i;
}
