import { LANGUAGES, type LanguageCode } from '../languages.js';
import { segmentMarkdown } from '../segment/index.js';
import type { BlockKind, SourceRun } from '../segment/types.js';
import { anchorsOf, mergeAnchors } from './anchors.js';
import type { Anchors, BitextSourceSegment } from './types.js';

/** A sentence of either side, with what the scores read. */
export interface Sentence {
  /** Source: the segment id; target: the sentence's position in the target. */
  key: string;
  /** Position among its side's translatable sentences (for the step-cost cache). */
  ord: number;
  text: string;
  plain: string;
  runs: readonly SourceRun[];
  chars: number;
  anchors: Anchors;
}

/** A block of either side with its translatable sentences. */
export interface Side {
  kind: string;
  /** 'emphasis' / 'strong' when every sentence of the block is wrapped in it. */
  wrapper: string;
  sentences: Sentence[];
  chars: number;
  anchors: Anchors;
}

export interface Locked {
  plain: string;
  reason: string;
}

/** Heading levels are kinds of their own; everything else by its block kind. */
function kindOf(kind: BlockKind): string {
  return kind;
}

function charsOf(plain: string): number {
  // Spaces and punctuation vary with typography, not with content.
  return plain.replace(/[\s\p{P}]/gu, '').length;
}

function sentence(key: string, ord: number, text: string, plain: string, runs: readonly SourceRun[], latin: boolean): Sentence {
  return { key, ord, text, plain, runs, chars: charsOf(plain), anchors: anchorsOf(text, plain, latin) };
}

function block(kind: BlockKind, wrappers: readonly (string | undefined)[], sentences: Sentence[]): Side {
  const wrapper = wrappers.length > 0 && wrappers.every((w) => w === wrappers[0]) ? (wrappers[0] ?? '') : '';
  return {
    kind: kindOf(kind),
    wrapper,
    sentences,
    chars: sentences.reduce((n, s) => n + s.chars, 0),
    anchors: mergeAnchors(sentences.map((s) => s.anchors)),
  };
}

export function sourceSide(segments: readonly BitextSourceSegment[], lang: LanguageCode): { blocks: Side[]; locked: Locked[] } {
  const latin = LANGUAGES[lang].script === 'Latn';
  const byBlock = new Map<number, BitextSourceSegment[]>();
  const locked: Locked[] = [];
  let ord = 0;
  const ords = new Map<string, number>();
  for (const s of segments) {
    if (!s.translatable) {
      if (s.plain.trim()) locked.push({ plain: s.plain, reason: '' });
      continue;
    }
    ords.set(s.id, ord++);
    const list = byBlock.get(s.blockIndex) ?? [];
    list.push(s);
    byBlock.set(s.blockIndex, list);
  }
  const blocks = [...byBlock.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, list]) =>
      block(
        list[0].blockKind,
        list.map((s) => s.wrapper?.kind),
        list.map((s) => sentence(s.id, ords.get(s.id)!, s.text, s.plain, s.runs, latin)),
      ),
    );
  return { blocks, locked };
}

/**
 * The target document segmented with the target language's rules, as the source was; its
 * untranslatable lines (language menu, site name) and any line equal to a locked source line
 * are matched with the source's and left out.
 */
export function targetSide(markdown: string, lang: LanguageCode, sourceLocked: readonly Locked[]): { blocks: Side[]; lockedMatched: number } {
  const latin = LANGUAGES[lang].script === 'Latn';
  const doc = segmentMarkdown(markdown, lang);
  const lockedPlains = new Set(sourceLocked.map((l) => l.plain));
  let lockedMatched = 0;
  const byBlock = new Map<number, { kind: BlockKind; wrappers: (string | undefined)[]; sentences: Sentence[] }>();
  let position = 0;
  for (const s of doc.segments) {
    if (!s.translatable || lockedPlains.has(s.plain)) {
      if (s.plain.trim() && (s.lockReason || lockedPlains.has(s.plain))) lockedMatched++;
      continue;
    }
    const entry = byBlock.get(s.blockIndex) ?? { kind: s.blockKind, wrappers: [], sentences: [] };
    entry.wrappers.push(s.wrapper?.kind);
    entry.sentences.push(sentence(String(position), position++, s.text, s.plain, s.runs, latin));
    byBlock.set(s.blockIndex, entry);
  }
  const blocks = [...byBlock.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => block(e.kind, e.wrappers, e.sentences));
  return { blocks, lockedMatched: Math.min(lockedMatched, sourceLocked.length) };
}
