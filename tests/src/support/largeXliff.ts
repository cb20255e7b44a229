import { writeXliffString, type SourceRun, type XliffUnit } from '@lockstep/shared';

/** What one unit below takes in the file (measured: 50,000 units are 14.5 MB). */
const BYTES_PER_UNIT = 290;

/** A file of about (at most) `bytes` bytes, as `largeXliff` writes it. */
export function largeXliffOfSize(bytes: number): Buffer {
  return largeXliff(Math.floor(bytes / BYTES_PER_UNIT));
}

/** An XLIFF 2.0 file of `count` translated units with an inline code each: what a CAT tool sends back. */
export function largeXliff(count: number): Buffer {
  function* units(): Generator<XliffUnit> {
    for (let i = 1; i <= count; i++) {
      const source: SourceRun[] = [
        { type: 'text', text: `Paragraph ${i} has a sentence with ` },
        { type: 'open', id: 1, kind: 'link', url: 'https://example.org/' },
        { type: 'text', text: 'a link' },
        { type: 'close', id: 1 },
        { type: 'text', text: '.' },
      ];
      yield { id: `s${i}`, state: 'translated', source, target: `Párrafo ${i} con <1>un enlace</1>.` };
    }
  }
  const meta = { exportId: 'exp-large', documentId: 'large', revision: 1, srcLang: 'en', trgLang: 'es' };
  return Buffer.from(writeXliffString(meta, units(), '2.0'));
}
