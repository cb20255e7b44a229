import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  codesToText,
  EXPORT_STATES,
  LANGUAGE_CODES,
  readXliff,
  writeXliffString,
  XliffError,
  type CodeKind,
  type ReadUnit,
  type SourceRun,
  type XliffFileMeta,
  type XliffUnit,
  type XliffVersion,
} from '@lockstep/shared';

/*
 * Property-based tests of the XLIFF writer and reader (fast-check: shrunk counterexamples and a
 * printed seed). xliff.property.test.ts already runs a seeded hand-rolled generator over CAT-tool
 * rewrites and schema validation; this file adds what fast-check is good at: arbitrary code
 * points (astral, controls, non-characters, lone surrogates) in every text field, arbitrary
 * file metadata and ids, and structure-aware mutations of valid files whose outcome is known
 * (a truncated file never reads as complete, a duplicated unit is refused, a deleted unit is
 * just missing), on top of "the reader throws only XliffError".
 */

const SCRIPT_TEXTS = ['Ελληνικά', 'Русский', 'हिंदी क्षत्रिय', '한국어 텍스트', 'النص العربي', 'עברית', '中文', '😀👩‍💻🇪🇸𝄞', 'àéîõü ñ ç', ' ', '\t', '\r\n', '&<>"\']]>', '<1>', '</2>', '<3/>', '\\<', '\\\\<'];
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)); // lone surrogates too
const text = fc.oneof(
  fc.constantFrom(...SCRIPT_TEXTS),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: anyUnit, maxLength: 6 }),
);
const KINDS: CodeKind[] = ['link', 'strong', 'emphasis', 'delete', 'inlineCode', 'image', 'html', 'break', 'footnote'];
const STATES: XliffUnit['state'][] = ['untranslated', 'translated', 'stale', 'approved', 'locked'];
const kind = fc.constantFrom(...KINDS);

type Node = { t: 'text'; text: string } | { t: 'pair'; kind: CodeKind; children: Node[] } | { t: 'alone'; kind: CodeKind; text?: string };
const { nodes } = fc.letrec<{ nodes: Node[]; node: Node }>((tie) => ({
  nodes: fc.array(tie('node'), { maxLength: 4, depthIdentifier: 'codes' }),
  node: fc.oneof(
    { depthSize: 'small', depthIdentifier: 'codes', withCrossShrink: true },
    fc.record({ t: fc.constant('text' as const), text }),
    fc.record({ t: fc.constant('pair' as const), kind, children: tie('nodes') as fc.Arbitrary<Node[]> }),
    fc.record({ t: fc.constant('alone' as const), kind, text: fc.option(text, { nil: undefined }) }, { requiredKeys: ['t', 'kind'] }),
  ),
}));

/** Numbered runs (codes 1, 2, … in order of opening); `texts` replaces the text nodes' texts when given. */
function runsOf(tree: Node[], texts?: string[]): SourceRun[] {
  let n = 0;
  let k = 0;
  const walk = (ns: Node[]): SourceRun[] =>
    ns.flatMap((node): SourceRun[] => {
      if (node.t === 'text') return [{ type: 'text', text: texts ? texts[k++ % texts.length] : node.text }];
      const id = ++n;
      if (node.t === 'alone') return [node.text === undefined ? { type: 'standalone', id, kind: node.kind } : { type: 'standalone', id, kind: node.kind, text: node.text }];
      return [{ type: 'open', id, kind: node.kind }, ...walk(node.children), { type: 'close', id }];
    });
  return walk(tree);
}

const nmtoken = fc.stringMatching(/^[A-Za-z0-9._:-]{1,12}$/);
// An empty category is no category (the reader drops `category=""`), so categories are non-empty.
const note = fc.record({ category: fc.option(fc.oneof(nmtoken, text.filter((t) => t !== '')), { nil: undefined }), text }, { requiredKeys: ['text'] });

const unitArb = fc
  .record({
    tree: nodes,
    targetTexts: fc.array(text, { minLength: 1, maxLength: 4 }),
    state: fc.constantFrom(...STATES),
    previousSource: fc.option(text, { nil: undefined }),
    suggestion: fc.option(text, { nil: undefined }),
    sourceHash: fc.option(fc.stringMatching(/^[0-9a-f]{1,16}$/), { nil: undefined }),
    notes: fc.option(fc.array(note, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  })
  .map(({ tree, targetTexts, state, ...rest }) => {
    const unit: XliffUnit = { id: 'x', state, source: runsOf(tree) };
    // A word first: an all-blank target reads as untranslated, whatever the state.
    if (state !== 'untranslated' && state !== 'locked') unit.target = 'T ' + codesToText(runsOf(tree, targetTexts));
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) (unit as unknown as Record<string, unknown>)[k] = v;
    return unit;
  });

const metaArb = fc
  .record({
    exportId: nmtoken,
    documentId: fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,64}$/), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 })),
    revision: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    langs: fc.uniqueArray(fc.constantFrom(...LANGUAGE_CODES), { minLength: 2, maxLength: 2 }),
  })
  .map(({ langs, ...m }): XliffFileMeta => ({ ...m, srcLang: langs[0], trgLang: langs[1] }));

const docArb = fc.record({
  meta: metaArb,
  units: fc.array(unitArb, { minLength: 1, maxLength: 8 }).map((us) => us.map((u, i) => ({ ...u, id: `s${i + 1}` }))),
  version: fc.constantFrom<XliffVersion>('2.0', '1.2'),
});

const INTENT: Record<XliffUnit['state'], ReadUnit['intent']> = { untranslated: 'untranslated', translated: 'translated', stale: 'stale', approved: 'approved', locked: 'locked' };

function expectRoundTrip(meta: XliffFileMeta, units: XliffUnit[], version: XliffVersion): void {
  const read = readXliff(writeXliffString(meta, units, version));
  expect(read.srcLang).toBe(meta.srcLang);
  expect(read.trgLang).toBe(meta.trgLang);
  expect(read.files).toHaveLength(1);
  const file = read.files[0];
  expect({ exportId: file.exportId, documentId: file.documentId, revision: file.revision }).toEqual({
    exportId: meta.exportId,
    documentId: meta.documentId,
    revision: meta.revision,
  });
  expect(file.units.map((u) => u.id)).toEqual(units.map((u) => u.id));
  units.forEach((u, i) => {
    const r = file.units[i];
    expect({ id: r.id, source: r.source, target: r.target, intent: r.intent, previousSource: r.previousSource, suggestion: r.suggestion, sourceHash: r.sourceHash, notes: r.notes, rejected: r.rejected }).toEqual({
      id: u.id,
      source: codesToText(u.source),
      target: EXPORT_STATES[u.state][version].target ? u.target : null,
      intent: INTENT[u.state],
      previousSource: u.previousSource || undefined,
      suggestion: u.suggestion || undefined,
      sourceHash: u.sourceHash || undefined,
      notes: u.notes ?? [],
      rejected: undefined,
    });
  });
}

/** Runs the reader; anything but a result or a (non-internal) XliffError fails the property. */
function readOrRefuse(input: Uint8Array | string): { ok: true; units: string[] } | { ok: false; code: string } {
  try {
    return { ok: true, units: readXliff(input).files.flatMap((f) => f.units.map((u) => u.id)) };
  } catch (e) {
    if (!(e instanceof XliffError)) throw e;
    expect(e.code).not.toBe('internal');
    return { ok: false, code: e.code };
  }
}

describe('XLIFF write → read', () => {
  test('gives back the same units and file metadata, in every script and state, in both versions', () => {
    fc.assert(
      fc.property(docArb, ({ meta, units, version }) => expectRoundTrip(meta, units, version)),
      { numRuns: 400 },
    );
  });

  test('whatever ids and metadata the writer accepts, the reader reads back; the rest is an XliffError', () => {
    // Printable strings: document ids are slugs (a control character in one is written as a
    // `\u{…}` escape in the attribute and does not come back as it was).
    const loose = fc.string({ unit: 'grapheme', maxLength: 10 });
    let written = 0;
    fc.assert(
      fc.property(
        docArb,
        fc.record({ exportId: fc.oneof(nmtoken, loose), documentId: loose, revision: fc.oneof(fc.integer(), fc.double()), srcLang: fc.oneof(fc.constantFrom(...LANGUAGE_CODES), loose) }, { requiredKeys: [] }),
        fc.array(fc.oneof(nmtoken, loose), { minLength: 1, maxLength: 3 }),
        ({ meta, units, version }, odd, ids) => {
          const m: XliffFileMeta = { ...meta, ...odd };
          const us = units.map((u, i) => ({ ...u, id: ids[i % ids.length] + (i < ids.length ? '' : `_${i}`) }));
          let xml: string;
          try {
            xml = writeXliffString(m, us, version);
          } catch (e) {
            if (!(e instanceof XliffError)) throw e;
            expect(['invalid_meta', 'invalid_unit']).toContain(e.code);
            return;
          }
          written++;
          const read = readOrRefuse(xml);
          expect(read).toEqual(expect.objectContaining({ ok: true }));
          expectRoundTrip(m, us, version);
        },
      ),
      { numRuns: 400 },
    );
    expect(written).toBeGreaterThan(15); // about 1 in 8 combinations is writable
  });
});

// Hostile input -------------------------------------------------------------------------------

const UNIT_ELEMENT: Record<XliffVersion, RegExp> = { '2.0': /  <unit [^>]*>[\s\S]*?<\/unit>\n/g, '1.2': /   <trans-unit [^>]*>[\s\S]*?<\/trans-unit>\n/g };

describe('the reader, on hostile bytes, throws only XliffError', () => {
  test('on random bytes and random strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.string({ unit: anyUnit, maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })), (input) => {
        expect(readOrRefuse(input).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  test('on a valid file cut short anywhere before its root closes: never read as complete', () => {
    fc.assert(
      fc.property(docArb, fc.double({ min: 0, max: 1, noNaN: true }), ({ meta, units, version }, where) => {
        const bytes = Buffer.from(writeXliffString(meta, units, version));
        const end = bytes.lastIndexOf('</xliff>');
        const cut = readOrRefuse(bytes.subarray(0, Math.floor(where * (end + 7))));
        expect(cut.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  test('on byte flips, inserted fragments and deleted attributes of valid files', () => {
    const fragment = fc.oneof(fc.constantFrom('<', '>', '&', '&x;', '"', '</unit>', '<unit id="z">', '<!DOCTYPE x>', '<![CDATA[', '\u0000', '\uFEFF', '<?xml version="1.0"?>', 'xmlns="x"'), fc.string({ unit: anyUnit, maxLength: 5 }));
    const mutation = fc.oneof(
      fc.record({ m: fc.constant('flip' as const), at: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }) }),
      fc.record({ m: fc.constant('insert' as const), where: fc.double({ min: 0, max: 1, noNaN: true }), fragment }),
      fc.record({ m: fc.constant('dropAttribute' as const), which: fc.nat() }),
    );
    let read = 0;
    let refused = 0;
    fc.assert(
      fc.property(docArb, mutation, ({ meta, units, version }, mu) => {
        const xml = writeXliffString(meta, units, version);
        let input: Uint8Array | string;
        if (mu.m === 'flip') {
          const copy = Buffer.from(xml);
          for (const [where, byte] of mu.at) copy[Math.floor(where * copy.length)] = byte;
          input = copy;
        } else if (mu.m === 'insert') {
          const at = Math.floor(mu.where * xml.length);
          input = xml.slice(0, at) + mu.fragment + xml.slice(at);
        } else {
          const attrs = [...xml.matchAll(/ [\w:-]+="[^"]*"/g)];
          const a = attrs[mu.which % attrs.length];
          input = xml.slice(0, a.index) + xml.slice(a.index! + a[0].length);
        }
        if (readOrRefuse(input).ok) read++;
        else refused++;
      }),
      { numRuns: 600 },
    );
    // Both outcomes occur: the mutations are neither all fatal nor all harmless.
    expect(read).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  test('a deleted unit element is just missing; a duplicated one is refused as a duplicate id', () => {
    fc.assert(
      fc.property(docArb, fc.nat(), fc.boolean(), ({ meta, units, version }, which, duplicate) => {
        const xml = writeXliffString(meta, units, version);
        const elements = [...xml.matchAll(UNIT_ELEMENT[version])];
        expect(elements).toHaveLength(units.length);
        const el = elements[which % elements.length];
        const at = el.index!;
        if (duplicate) {
          expect(readOrRefuse(xml.slice(0, at) + el[0] + xml.slice(at))).toEqual({ ok: false, code: 'duplicate_id' });
        } else {
          const result = readOrRefuse(xml.slice(0, at) + xml.slice(at + el[0].length));
          const gone = units[which % units.length].id;
          // XLIFF 2.0 needs at least one unit in a file; 1.2's <body> may be empty.
          if (version === '2.0' && units.length === 1) expect(result.ok).toBe(false);
          else expect(result).toEqual({ ok: true, units: units.map((u) => u.id).filter((id) => id !== gone) });
        }
      }),
      { numRuns: 300 },
    );
  });
});
