import { readFileSync } from 'node:fs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { segmentMarkdown, splitSentences } from '@lockstep/shared';
import type { Workload } from './harness.js';
import { median } from './harness.js';

/** A ~100,000-word Markdown document: the statement, repeated with its numbers varied. */
export function syntheticDocument(targetWords = 100_000): string {
  const statement = readFileSync(new URL('../../../fixtures/statement/statement.md', import.meta.url), 'utf8');
  const words = statement.split(/\s+/).filter(Boolean).length;
  const copies = Math.ceil(targetWords / words);
  const parts: string[] = [];
  for (let i = 0; i < copies; i++) parts.push(statement.replace(/\d+/g, (d) => String(Number(d) + i)));
  return parts.join('\n\n');
}

let markdown = '';
let plainParagraphs: string[] = [];
let wordCount = 0;

export const segmentationWorkload: Workload = {
  name: 'segment-100k',
  description: 'segmentMarkdown of a 100k-word document (en), vs raw Intl.Segmenter on its text',
  iterations: 5,
  async prepare() {
    markdown = syntheticDocument();
    wordCount = markdown.split(/\s+/).filter(Boolean).length;
    // The baseline sees the same text without Markdown syntax: what Intl.Segmenter alone would cut.
    plainParagraphs = markdown
      .split(/\n{2,}/)
      .map((p) => p.replace(/[#*_[\]()\\]/g, ' ').trim())
      .filter(Boolean);
    return () => segmentMarkdown(markdown, 'en');
  },
  report(times) {
    const seg = new Intl.Segmenter('en', { granularity: 'sentence' });
    const raw: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      let n = 0;
      for (const p of plainParagraphs) for (const _ of seg.segment(p)) n++;
      raw.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (n === 0) throw new Error('no sentences');
    }
    const ours = median(times);
    const base = median(raw);
    const ownSplit: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      for (const p of plainParagraphs) splitSentences(p, 'en');
      ownSplit.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    // Where the time goes: Markdown parsing alone (micromark), the floor of any mdast pipeline.
    const parse: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      fromMarkdown(markdown);
      parse.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return {
      words: wordCount,
      'words/s': Math.round(wordCount / (ours / 1000)),
      'raw Intl words/s': Math.round(wordCount / (base / 1000)),
      'ratio vs raw': Number((base / ours).toFixed(3)),
      'mdast parse only ms': median(parse),
      'splitSentences only ms': median(ownSplit),
    };
  },
};
