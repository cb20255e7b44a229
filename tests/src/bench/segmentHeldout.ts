import { readFileSync } from 'node:fs';
import { splitSentences, type LanguageCode } from '@lockstep/shared';
import type { Workload } from './harness.js';

/**
 * Sentence boundaries on the held-out paragraphs of tests/data/segment-heldout (written for
 * scoring only, never used to tune lang/*.ts): per-language precision, recall and F1 over the
 * offsets where a sentence starts inside a paragraph.
 */
export const HELDOUT_LANGS: LanguageCode[] = ['en', 'es', 'pt', 'fr', 'el', 'tl', 'ru', 'ko', 'hi'];

export interface HeldoutParagraph {
  text: string;
  /** Offsets in `text` where the second, third… gold sentences start. */
  gold: number[];
}

export function readHeldout(lang: LanguageCode): HeldoutParagraph[] {
  const raw = readFileSync(new URL(`../../data/segment-heldout/${lang}.txt`, import.meta.url), 'utf8');
  const paragraphs: HeldoutParagraph[] = [];
  for (const chunk of raw.split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    const gold: number[] = [];
    let at = 0;
    lines.forEach((line, i) => {
      if (i > 0) gold.push(at);
      at += line.length + 1;
    });
    paragraphs.push({ text: lines.join(' '), gold });
  }
  return paragraphs;
}

/** Where splitSentences starts the second, third… sentence of `text` (its output is trimmed slices). */
export function predictedStarts(text: string, lang: LanguageCode): number[] {
  const starts: number[] = [];
  let from = 0;
  splitSentences(text, lang).forEach((sentence, i) => {
    const at = text.indexOf(sentence, from);
    if (i > 0) starts.push(at);
    from = at + sentence.length;
  });
  return starts;
}

export interface Score {
  paragraphs: number;
  gold: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
  /** The paragraphs where prediction and gold differ, for reading. */
  misses: { text: string; gold: number[]; predicted: number[] }[];
}

export function scoreLanguage(lang: LanguageCode, paragraphs = readHeldout(lang)): Score {
  let tp = 0;
  let gold = 0;
  let predicted = 0;
  const misses: Score['misses'] = [];
  for (const p of paragraphs) {
    const got = predictedStarts(p.text, lang);
    const want = new Set(p.gold);
    const hits = got.filter((s) => want.has(s)).length;
    tp += hits;
    gold += p.gold.length;
    predicted += got.length;
    if (hits !== got.length || hits !== p.gold.length) misses.push({ text: p.text, gold: p.gold, predicted: got });
  }
  // A language with no boundaries at all scores 1 when nothing was predicted either.
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = gold === 0 ? 1 : tp / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { paragraphs: paragraphs.length, gold, predicted, precision, recall, f1, misses };
}

const round = (x: number) => Number(x.toFixed(3));

export const segmentHeldoutWorkload: Workload = {
  name: 'segment-heldout',
  description: 'splitSentences on the held-out paragraphs of 9 languages; per-language P/R/F1',
  iterations: 3,
  async prepare() {
    const all = HELDOUT_LANGS.map((lang) => [lang, readHeldout(lang)] as const);
    return () => {
      for (const [lang, paragraphs] of all) for (const p of paragraphs) splitSentences(p.text, lang);
    };
  },
  report() {
    const out: Record<string, number | string> = {};
    let tp = 0;
    let gold = 0;
    let predicted = 0;
    for (const lang of HELDOUT_LANGS) {
      const s = scoreLanguage(lang);
      out[`${lang} P/R/F1`] = `${round(s.precision)}/${round(s.recall)}/${round(s.f1)}`;
      tp += s.recall * s.gold;
      gold += s.gold;
      predicted += s.predicted;
      for (const m of s.misses) {
        const cut = (at: number[]) => at.map((i) => `|${m.text.slice(Math.max(0, i - 12), i)}⟂${m.text.slice(i, i + 12)}|`).join(' ');
        process.stderr.write(`[${lang}] gold ${cut(m.gold)}\n       got  ${cut(m.predicted)}\n`);
      }
    }
    const p = tp / predicted;
    const r = tp / gold;
    out['pooled F1'] = round((2 * p * r) / (p + r));
    return out;
  },
};
