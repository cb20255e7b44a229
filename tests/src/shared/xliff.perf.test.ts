import { describe, expect, test } from '@jest/globals';
import { readXliff, writeXliff, type SourceRun, type XliffUnit, type XliffVersion } from '@lockstep/shared';

/*
 * 10,000 units, about 5 MB of XLIFF: the budget is 0.25 s to write and 0.5 s to read
 * (measured on a 2-core machine: write ~150 ms cold / ~35 ms warm, read ~370 ms cold / ~290 ms
 * warm). The bounds below leave room for a busy CI worker; a benchmark will track the numbers.
 */

const STATES = ['translated', 'stale', 'untranslated', 'approved', 'locked'] as const;

function* units(n: number): Generator<XliffUnit> {
  for (let i = 1; i <= n; i++) {
    const state = STATES[i % STATES.length];
    const source: SourceRun[] = [
      { type: 'text', text: `Paragraph ${i} has a first sentence with ` },
      { type: 'open', id: 1, kind: 'link', url: 'https://example.org/' },
      { type: 'text', text: 'a link & more' },
      { type: 'close', id: 1 },
      { type: 'text', text: ' and some code: ' },
      { type: 'standalone', id: 2, kind: 'inlineCode', text: 'npm start' },
    ];
    const unit: XliffUnit = { id: `s${i}`, state, source, sourceHash: i.toString(16).padStart(16, '0') };
    if (state !== 'untranslated' && state !== 'locked') unit.target = `El párrafo ${i} tiene una primera frase con <1>un enlace y más</1> y código: <2/>`;
    if (state === 'stale') unit.previousSource = `Paragraph ${i} had a sentence with <1>a link</1>: <2/>`;
    yield unit;
  }
}

const META = { exportId: 'exp-perf', documentId: 'perf', revision: 1, srcLang: 'en', trgLang: 'es' };

describe.each<XliffVersion>(['2.0', '1.2'])('10,000 units in XLIFF %s', (version) => {
  test('write and read stay well inside the budget', () => {
    let t0 = performance.now();
    const chunks: string[] = [];
    for (const chunk of writeXliff(META, units(10_000), version)) chunks.push(chunk);
    const write = performance.now() - t0;
    const bytes = Buffer.from(chunks.join(''));
    t0 = performance.now();
    const read = readXliff(bytes);
    const readMs = performance.now() - t0;
    console.log(`XLIFF ${version}, 10,000 units, ${(bytes.length / 1e6).toFixed(1)} MB: write ${write.toFixed(0)} ms, read ${readMs.toFixed(0)} ms`);
    expect(read.stats).toMatchObject({ units: 10_000, rejected: 0 });
    expect(write).toBeLessThan(5_000);
    expect(readMs).toBeLessThan(5_000);
  });

  test('a 50 MB upload is refused at the default 20 MB limit in well under 5 s', () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="es">\n<file id="f1">\n';
    const big = Buffer.alloc(50 * 1024 * 1024, ' ');
    big.write(`${head}<unit id="u"><segment><source>x</source></segment></unit>\n`);
    const started = performance.now();
    expect(() => readXliff(big)).toThrow(/20 MB|too large|limit/i);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
