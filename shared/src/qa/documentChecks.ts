import { parseCodedText } from '../segment/codes.js';
import { addressKey, findAddresses } from './addresses.js';
import { runsOfCoded, visibleText } from './text.js';
import type { BlockCount, DocumentQaInput, DocumentQaResult, DocumentQaSegment, DocumentQaCode, QaWarning } from './types.js';

/*
 * Checks over a whole translated document: what a reader of the published translation would
 * miss even when each segment looks right on its own. A segment without a translation counts
 * as its source (the published document falls back to it).
 */

const hasTranslation = (s: DocumentQaSegment) => !!s.translation && s.translation.trim() !== '';

/** Link and image URLs of the codes a text uses (numbers looked up in the source's runs), and addresses written out. */
function linksOf(text: string, sourceRuns: readonly ReturnType<typeof runsOfCoded>[number][]): string[] {
  const urlOfCode = new Map<number, string>();
  for (const run of sourceRuns) if ((run.type === 'open' || run.type === 'standalone') && run.url) urlOfCode.set(run.id, run.url);
  const urls: string[] = [];
  for (const run of parseCodedText(text).runs) {
    if (run.type === 'open' || run.type === 'standalone') {
      const url = urlOfCode.get(run.id);
      if (url !== undefined) urls.push(url);
    }
  }
  // An autolink (a bare address, GFM) is a code whose text is its own URL: count it once.
  const coded = new Map<string, number>();
  for (const url of urls) coded.set(addressKey(url), (coded.get(addressKey(url)) ?? 0) + 1);
  for (const url of findAddresses(visibleText(text)).urls) {
    const left = coded.get(addressKey(url)) ?? 0;
    if (left > 0) coded.set(addressKey(url), left - 1);
    else urls.push(url);
  }
  return urls;
}

/** A translation that would start a new Markdown block: a heading or list marker at the start of a line. */
const HEADING_MARKER = /(?:^|\n)[ \t]{0,3}#{1,6}(?:[ \t]|$)/;
const LIST_MARKER = /(?:^|\n)[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/;

function countBlocks(segments: readonly DocumentQaSegment[], isKind: (kind: string) => boolean, marker: RegExp): BlockCount {
  const blocks = new Map<number, boolean>();
  const added: string[] = [];
  const firstOfBlock = new Set<number>();
  for (const s of segments) {
    if (isKind(s.blockKind)) {
      const done = !s.translatable || hasTranslation(s);
      blocks.set(s.blockIndex, (blocks.get(s.blockIndex) ?? true) && done);
    }
    // A marker counts at the start of a block's first segment or after a line break in any.
    const atStart = !firstOfBlock.has(s.blockIndex);
    firstOfBlock.add(s.blockIndex);
    if (!hasTranslation(s)) continue;
    const text = visibleText(s.translation!);
    const sourceText = visibleText(s.source);
    const startsBlock = atStart && !isKind(s.blockKind) ? marker.test(text) && !marker.test(sourceText) : false;
    const inner = text.split('\n').slice(1).some((line) => marker.test(line)) && !sourceText.split('\n').slice(1).some((line) => marker.test(line));
    if (startsBlock || inner) added.push(s.id);
  }
  const untranslated = [...blocks].filter(([, done]) => !done).map(([i]) => i);
  return { source: blocks.size, translated: blocks.size - untranslated.length + added.length, untranslated, added };
}

export function checkDocument(input: DocumentQaInput): DocumentQaResult {
  const want = new Map<string, { url: string; segmentIds: string[]; count: number }>();
  const have = new Map<string, number>();
  for (const s of input.segments) {
    const runs = s.sourceRuns ?? runsOfCoded(s.source);
    for (const url of linksOf(s.source, runs)) {
      const key = addressKey(url);
      const entry = want.get(key) ?? { url, segmentIds: [], count: 0 };
      entry.count++;
      if (!entry.segmentIds.includes(s.id)) entry.segmentIds.push(s.id);
      want.set(key, entry);
    }
    const shown = hasTranslation(s) ? linksOf(s.translation!, runs) : linksOf(s.source, runs);
    for (const url of shown) have.set(addressKey(url), (have.get(addressKey(url)) ?? 0) + 1);
  }
  let sourceLinks = 0;
  const missing: { url: string; segmentIds: string[] }[] = [];
  for (const [key, entry] of want) {
    sourceLinks += entry.count;
    if ((have.get(key) ?? 0) < entry.count) missing.push({ url: entry.url, segmentIds: entry.segmentIds });
  }
  const headings = countBlocks(input.segments, (k) => /^heading[1-6]$/.test(k), HEADING_MARKER);
  const listItems = countBlocks(input.segments, (k) => k === 'list-item', LIST_MARKER);

  const warnings: QaWarning<DocumentQaCode>[] = [];
  if (missing.length) {
    warnings.push({
      code: 'links_missing',
      message: `The translated document is missing ${missing.length === 1 ? 'a link' : `${missing.length} links`} of the source: ${missing.map((m) => m.url).join(', ')}.`,
      details: { missing },
    });
  }
  const countWarning = (code: DocumentQaCode, noun: string, c: BlockCount) => {
    if (c.source === c.translated && c.added.length === 0) return;
    warnings.push({
      code,
      message: `The source has ${c.source} ${noun}; the translation has ${c.translated}${c.untranslated.length ? ` (${c.untranslated.length} not yet translated)` : ''}${c.added.length ? ` (${c.added.length} added by a Markdown marker in a translation)` : ''}.`,
      details: { ...c },
    });
  };
  countWarning('heading_count', 'headings', headings);
  countWarning('list_item_count', 'list items', listItems);
  return { links: { source: sourceLinks, missing }, headings, listItems, warnings };
}
