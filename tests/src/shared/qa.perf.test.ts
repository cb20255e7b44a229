import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { checkSegment } from '@lockstep/shared';

/* Wall-clock budgets of the QA checks (slow lane): they run on every keystroke and every save. */

const DEMO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/statement/translations');
const demo = readdirSync(DEMO)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(DEMO, f), 'utf8')) as { lang: string; segments: { source: string; text: string }[] });
const qa = (source: string, target: string, targetLang: string) => checkSegment({ sourceCoded: source, targetCoded: target, sourceLang: 'en', targetLang });

describe('speed', () => {
  test('1000 segments are checked in well under a second (it runs on every keystroke and every save)', () => {
    const all = demo.flatMap((f) => f.segments.map((s) => ({ ...s, lang: f.lang })));
    const sample = all.length ? all : [{ source: 'Peace needs 1,200 volunteers by February 24, 2023.', text: 'La paz necesita 1.200 voluntarios.', lang: 'es' }];
    const run = () => {
      for (let i = 0; i < 1000; i++) {
        const s = sample[i % sample.length];
        qa(s.source, s.text, s.lang);
      }
    };
    run(); // warm-up: ICU month names and number formats are built once per language
    const start = performance.now();
    run();
    const ms = performance.now() - start;
    console.log(`QA: 1000 segments in ${ms.toFixed(1)} ms (about ${ms.toFixed(0)} µs per segment)`);
    expect(ms).toBeLessThan(1000);
  });
  test('a translation of 20,000 characters built to make regular expressions backtrack is still checked quickly', () => {
    const n = 20_000;
    for (const text of ['a' + ' '.repeat(n) + 'x', ')'.repeat(n) + 'a', 'a !'.repeat(n / 3), 'February 24, '.repeat(n / 13), 'a-'.repeat(n / 2) + '.org', '1 '.repeat(n / 2)]) {
      const start = performance.now();
      qa('Hello there.', text, 'fr');
      qa(text, `${text}b`, 'es');
      expect(performance.now() - start).toBeLessThan(1000);
    }
  });
});
