import { describe, expect, test } from '@jest/globals';
import { alignRevision, segmentMarkdown, type StoredSegment } from '@lockstep/shared';

/*
 * A 10,000-segment revision with 5% of its segments edited, 1% inserted and 1% deleted. Most of
 * the time is the new Markdown's own segmentation (micromark + Intl.Segmenter), which any
 * alignment must pay; the alignment on top of it is what this file bounds tightly.
 */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const r = rng(2024);
const int = (n: number) => Math.floor(r() * n);
const syllables = ['ka', 'to', 'ri', 'men', 'sa', 'lo', 'vi', 'den', 'pra', 'stu', 'gor', 'el', 'an', 'is', 'ul', 'bre', 'qua', 'zin', 'fo', 'ne'];
const vocabulary = Array.from({ length: 4000 }, () => Array.from({ length: 1 + int(3) }, () => syllables[int(syllables.length)]).join(''));
const word = () => vocabulary[int(vocabulary.length)];
const sentence = () => {
  const words = Array.from({ length: 8 + int(18) }, word);
  return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
};

const blocks = Array.from({ length: 2500 }, () => Array.from({ length: 4 }, sentence));
const markdownOf = (b: string[][]) => b.map((s, i) => (i % 50 === 0 ? `## ${s.join(' ')}` : s.join(' '))).join('\n\n');
const previousMarkdown = markdownOf(blocks);
const previous: StoredSegment[] = segmentMarkdown(previousMarkdown, 'en').segments.map((s) => ({
  id: `s${s.index}`,
  text: s.text,
  blockIndex: s.blockIndex,
  translatable: s.translatable,
  plain: s.plain,
}));
const edited = blocks.map((b) => b.slice());
const pickBlock = () => edited[int(edited.length)];
for (let k = 0; k < 500; k++) {
  const b = pickBlock();
  const i = int(b.length);
  const words = b[i].split(' ');
  words[1 + int(words.length - 2)] = word();
  b[i] = words.join(' ');
}
for (let k = 0; k < 100; k++) {
  const b = pickBlock();
  b.splice(int(b.length + 1), 0, sentence());
}
for (let deleted = 0; deleted < 100; ) {
  const b = pickBlock();
  if (b.length > 1) {
    b.splice(int(b.length), 1);
    deleted++;
  }
}
const markdown = markdownOf(edited);

describe('aligning a 10,000-segment revision', () => {
  test('takes well under a second, alignment proper a small part of it', () => {
    alignRevision({ previousMarkdown, previous, markdown, lang: 'en' }); // warm-up: JIT and ICU data
    const total: number[] = [];
    const segmentation: number[] = [];
    let impact: Record<string, number> = {};
    for (let i = 0; i < 3; i++) {
      let t0 = performance.now();
      impact = alignRevision({ previousMarkdown, previous, markdown, lang: 'en' }).impact;
      total.push(performance.now() - t0);
      t0 = performance.now();
      segmentMarkdown(markdown, 'en');
      segmentation.push(performance.now() - t0);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    const [t, s] = [median(total), median(segmentation)];
    console.log(`10,000 segments: alignRevision ${t.toFixed(0)} ms, of which segmenting the new Markdown ~${s.toFixed(0)} ms\n${JSON.stringify(impact)}`);
    expect(previous.length).toBe(10_000);
    // 500 edits land on ~480 distinct sentences (some twice); 1% in, 1% out.
    // An insertion that lands where a deletion was is one sentence edited in place (modified).
    expect(impact).toMatchObject({ split: 0, merged: 0, moved: 0 });
    expect(impact.added).toBe(impact.removed);
    expect(impact.added).toBeGreaterThanOrEqual(95);
    // Bounds with room for a busy CI worker (measured ~450 ms alone on 2 cores, ~50 ms of it alignment).
    expect(t - s).toBeLessThan(400);
    expect(t).toBeLessThan(1500);
  });

  test('a large rewritten region (200 of 400 sentences reworded) aligns in well under 2 s', () => {
    const sentences = Array.from({ length: 400 }, (_, i) => `Sentence ${i} talks about item ${i * 7} and the weather of day ${i % 13}.`);
    const before = sentences.join('\n\n');
    const after = sentences.map((s, i) => (i >= 100 && i < 300 ? s.replace('talks about', 'speaks of') : s)).join('\n\n');
    const stored = segmentMarkdown(before, 'en').segments.map((s) => ({ id: `s${s.index}`, text: s.text, blockIndex: s.blockIndex, blockKind: s.blockKind, translatable: s.translatable, plain: s.plain }));
    const t0 = performance.now();
    const a = alignRevision({ previousMarkdown: before, previous: stored, markdown: after, lang: 'en' });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(a.impact).toMatchObject({ unchanged: 200, modified: 200 });
  });
});
