import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import {
  codesToText,
  EXPORT_STATES,
  readXliff,
  writeXliffString,
  XliffError,
  type CodeKind,
  type ReadUnit,
  type SourceRun,
  type XliffFileMeta,
  type XliffNote,
  type XliffUnit,
  type XliffVersion,
} from '@lockstep/shared';

/*
 * Property-style tests with a small seeded generator (fast-check is not a dependency):
 * random documents in every script and state survive a write/read round trip in both
 * versions, also after the rewrites CAT tools make (2.0 <pc> → <sc>/<ec> and re-segmented
 * units, 1.2 <g> → <bpt>/<ept> or <bx>/<ex>, <x/> → <ph>); and whatever bytes arrive, the
 * reader answers with a result or an XliffError — never anything else.
 */

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(readonly r: () => number) {}
  int = (n: number) => Math.floor(this.r() * n);
  chance = (p: number) => this.r() < p;
  pick = <T>(xs: readonly T[]): T => xs[this.int(xs.length)];
}

/** Every script Lockstep meets, plus what XML and our code grammar make hard. */
const SCRIPTS = [
  'The quick brown fox jumps over the lazy dog',
  'àéîõü ñ ç ß Æ ø ﬁ',
  'Ελληνικά κείμενα με τόνους',
  'Русский текст и ёлка',
  'हिंदी पाठ क्षत्रिय ज़्',
  '한국어 텍스트 입니다',
  'النص العربي مع تشكيل',
  'טקסט בעברית עם ניקוד',
  '中文文本 日本語のテキスト',
  '😀 👩‍💻 🇪🇸 𝄞 𠜎',
  '& < > ]]> " \' <1> </2> <3/> \\< \\\\< C:\\dir\\ \\u{41} \\\\u{42}',
  '\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF\uD800\uDFFF\t\r\n\r',
  '   \u00A0 \u2009 \u200F\u202E ',
];
const KINDS: CodeKind[] = ['link', 'strong', 'emphasis', 'delete', 'inlineCode', 'image', 'html', 'break', 'footnote'];
const STATES: XliffUnit['state'][] = ['untranslated', 'translated', 'stale', 'approved', 'locked'];

type Tree = { text: string } | { kind: CodeKind; id: number; children: Tree[] } | { kind: CodeKind; id: number; alone: true; text?: string };

function words(g: Gen): string {
  const chars = Array.from(g.pick(SCRIPTS));
  const start = g.int(chars.length);
  return chars.slice(start, start + 1 + g.int(12)).join('');
}

function trees(g: Gen, next: { id: number }, depth: number): Tree[] {
  const out: Tree[] = [];
  for (let n = g.int(5); n >= 0; n--) {
    const roll = g.r();
    if (roll < 0.55 || depth > 2) out.push({ text: words(g) });
    else if (roll < 0.8) {
      const id = next.id++;
      out.push({ kind: g.pick(KINDS), id, children: trees(g, next, depth + 1) });
    } else {
      const id = next.id++;
      out.push(g.chance(0.5) ? { kind: g.pick(KINDS), id, alone: true, text: words(g) } : { kind: g.pick(KINDS), id, alone: true });
    }
  }
  return out;
}

function toRuns(ts: readonly Tree[]): SourceRun[] {
  return ts.flatMap((t): SourceRun[] => {
    if ('text' in t && !('kind' in t)) return [{ type: 'text', text: t.text }];
    if ('alone' in t) return [t.text === undefined ? { type: 'standalone', id: t.id, kind: t.kind } : { type: 'standalone', id: t.id, kind: t.kind, text: t.text }];
    return [{ type: 'open', id: t.id, kind: t.kind }, ...toRuns(t.children), { type: 'close', id: t.id }];
  });
}

/** A translation of a source: new texts, siblings maybe reordered, standalone codes maybe dropped. */
function translate(g: Gen, ts: readonly Tree[]): Tree[] {
  const out = ts
    .filter((t) => !('alone' in t) || g.chance(0.8))
    .map((t): Tree => ('children' in t ? { ...t, children: translate(g, t.children) } : 'alone' in t ? t : { text: words(g) }));
  if (g.chance(0.3)) out.reverse();
  return out;
}

const coded = (g: Gen) => codesToText(toRuns(trees(g, { id: 1 }, 0)));

function randomUnits(g: Gen): XliffUnit[] {
  return Array.from({ length: 1 + g.int(10) }, (_, i): XliffUnit => {
    const source = trees(g, { id: 1 }, 0);
    const state = g.pick(STATES);
    const unit: XliffUnit = { id: g.chance(0.1) ? `seg-${i}.ü_x:y` : `s${i + 1}`, state, source: toRuns(source) };
    // A word first: an all-blank target would read as untranslated, whatever the state.
    if (state !== 'untranslated' && state !== 'locked') unit.target = 'T ' + codesToText(toRuns(translate(g, source)));
    if (g.chance(0.4)) unit.previousSource = coded(g);
    if (g.chance(0.2)) unit.suggestion = coded(g);
    if (g.chance(0.3)) unit.sourceHash = Math.floor(g.r() * 2 ** 48).toString(16);
    if (g.chance(0.4)) {
      unit.notes = Array.from({ length: 1 + g.int(2) }, (): XliffNote => {
        const text = words(g);
        return g.chance(0.6) ? { category: g.pick(['lockstep:context', 'x:y', 'Ümlaut & "q" <c>', 'ctl\u0001cat']), text } : { text };
      });
    }
    return unit;
  });
}

const META: XliffFileMeta = { exportId: 'exp-prop', documentId: 'doc', revision: 2, srcLang: 'en', trgLang: 'he' };
const INTENT: Record<XliffUnit['state'], ReadUnit['intent']> = { untranslated: 'untranslated', translated: 'translated', stale: 'stale', approved: 'approved', locked: 'locked' };

function shape(runs: readonly SourceRun[]): unknown[] {
  const out: SourceRun[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (r.type === 'text') {
      if (last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + r.text };
      else if (r.text) out.push({ type: 'text', text: r.text });
    } else out.push(r.type === 'close' ? { type: 'close', id: r.id } : { type: r.type, id: r.id, kind: r.kind });
  }
  return out;
}

function expectSame(written: readonly XliffUnit[], read: readonly ReadUnit[], version: XliffVersion): void {
  expect(read.map((u) => u.id)).toEqual(written.map((u) => u.id));
  written.forEach((u, i) => {
    const r = read[i];
    expect({
      id: r.id,
      source: r.source,
      runs: shape(r.sourceRuns),
      target: r.target,
      intent: r.intent,
      rejected: r.rejected,
      previousSource: r.previousSource,
      suggestion: r.suggestion,
      sourceHash: r.sourceHash,
      notes: r.notes,
    }).toEqual({
      id: u.id,
      source: codesToText(u.source),
      runs: shape(u.source),
      target: EXPORT_STATES[u.state][version].target ? u.target : null,
      intent: INTENT[u.state],
      rejected: undefined,
      previousSource: u.previousSource || undefined,
      suggestion: u.suggestion || undefined,
      sourceHash: u.sourceHash || undefined,
      notes: u.notes ?? [],
    });
  });
}

// CAT-tool rewrites, done on the text of our own export ---------------------------------

/** 2.0: every <pc> becomes <sc>/<ec> (what tools do to make codes splittable). */
function pcToScEc(xml: string): string {
  const open: string[] = [];
  return xml.replace(/<pc id="(\d+)"([^>]*)>|<\/pc>/g, (m, id: string | undefined, attrs: string) => {
    if (id === undefined) return `<ec startRef="${open.pop()}"/>`;
    open.push(id);
    return `<sc id="${id}"${attrs}/>`;
  });
}

/** 2.0: every segment cut in two at a tag boundary (codes already <sc>/<ec>), targets maybe reordered. */
function resegment(xml: string, g: Gen): string {
  return xml.replace(/<segment([^>]*)><source>(.*?)<\/source>(?:<target>(.*?)<\/target>)?<\/segment>/gs, (_m, attrs: string, src: string, trg?: string) => {
    const cut = (s: string) => {
      const points = [0, s.length, ...[...s.matchAll(/</g)].map((m) => m.index!)];
      const at = g.pick(points);
      return [s.slice(0, at), s.slice(at)];
    };
    const [a, b] = cut(src);
    if (trg === undefined) return `<segment${attrs}><source>${a}</source></segment><segment${attrs}><source>${b}</source></segment>`;
    const [x, y] = cut(trg);
    if (g.chance(0.5)) return `<segment${attrs}><source>${a}</source><target>${x}</target></segment><segment${attrs}><source>${b}</source><target>${y}</target></segment>`;
    return `<segment${attrs}><source>${a}</source><target order="2">${y}</target></segment><segment${attrs}><source>${b}</source><target order="1">${x}</target></segment>`;
  });
}

/** 1.2: <g> → <bpt>/<ept> (or <bx>/<ex> linked by rid), <x/> → <ph> with native code. */
function gToBpt(xml: string, g: Gen): string {
  const open: { id: string; bx: boolean }[] = [];
  return xml
    .replace(/<g id="(\d+)"((?: ctype="[^"]*")?)>|<\/g>/g, (_m, id: string | undefined, ctype: string) => {
      if (id === undefined) {
        const o = open.pop()!;
        return o.bx ? `<ex id="e${o.id}" rid="r${o.id}"/>` : `<ept id="${o.id}">&lt;/g&gt;</ept>`;
      }
      const bx = g.chance(0.4);
      open.push({ id, bx });
      return bx ? `<bx id="${id}" rid="r${id}"${ctype}/>` : `<bpt id="${id}"${ctype}>&lt;g&gt;</bpt>`;
    })
    .replace(/<x id="(\d+)"([^>]*)\/>/g, '<ph id="$1"$2>&lt;x/&gt;</ph>');
}

const SCHEMAS = fileURLToPath(new URL('../../../../shared/xliff/schemas/', import.meta.url));
const canValidate = existsSync(SCHEMAS) && spawnSync('xmllint', ['--version']).status === 0;
const XSD: Record<XliffVersion, string> = { '2.0': 'xliff_core_2.0.xsd', '1.2': 'xliff-core-1.2-strict.xsd' };

function xmllint(files: string[], version: XliffVersion) {
  return spawnSync('xmllint', ['--nonet', '--noout', '--schema', path.join(SCHEMAS, XSD[version]), ...files], {
    env: { ...process.env, XML_CATALOG_FILES: path.join(SCHEMAS, 'catalog.xml') },
    encoding: 'utf8',
  });
}

const DOCS = 80;
const docs = (seed: number) => {
  const g = new Gen(rng(seed));
  return Array.from({ length: DOCS }, () => randomUnits(g));
};

describe.each<XliffVersion>(['2.0', '1.2'])('random documents in XLIFF %s', (version) => {
  const all = docs(version === '2.0' ? 20 : 12);

  test(`${DOCS} documents read back into the same units`, () => {
    for (const units of all) expectSame(units, readXliff(writeXliffString(META, units, version)).files[0].units, version);
  });

  test('and after CAT-tool rewrites of their inline codes and segmentation', () => {
    const g = new Gen(rng(7));
    const seen = { '<sc ': 0, '<ec ': 0, 'order="2"': 0, '<bpt ': 0, '<ept ': 0, '<bx ': 0, '<ex ': 0, '<ph id="': 0, multiSegment: 0 };
    for (const units of all) {
      const xml = writeXliffString(META, units, version);
      const rewritten = version === '2.0' ? [pcToScEc(xml), resegment(pcToScEc(xml), g)] : [gToBpt(xml, g)];
      for (const doc of rewritten) {
        const read = readXliff(doc).files[0].units;
        expectSame(units, read, version);
        for (const key of Object.keys(seen) as (keyof typeof seen)[]) if (key !== 'multiSegment') seen[key] += doc.split(key).length - 1;
        seen.multiSegment += read.filter((u) => u.segments > 1).length;
      }
    }
    // The rewrites really happened.
    const expected = version === '2.0' ? ['<sc ', '<ec ', 'order="2"', 'multiSegment'] : ['<bpt ', '<ept ', '<bx ', '<ex ', '<ph id="'];
    for (const key of expected) expect(seen[key as keyof typeof seen]).toBeGreaterThan(10);
  });

  (canValidate ? test : test.skip)(
    canValidate ? 'every one validates against the strict OASIS schema, rewrites included' : 'schema validation SKIPPED: ../shared/xliff/schemas or xmllint is missing',
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'xliff-prop-'));
      const g = new Gen(rng(99));
      const files = all.flatMap((units, i) => {
        const xml = writeXliffString(META, units, version);
        const rewritten = version === '2.0' ? resegment(pcToScEc(xml), g) : gToBpt(xml, g);
        return [
          [`${i}.xlf`, xml],
          [`${i}-cat.xlf`, rewritten],
        ].map(([name, text]) => {
          const file = path.join(dir, name);
          writeFileSync(file, text);
          return file;
        });
      });
      const result = xmllint(files, version);
      expect(result.stderr.split('\n').filter((l) => l && !l.endsWith(' validates'))).toEqual([]);
      expect(result.stderr.split('\n').filter((l) => l.endsWith(' validates'))).toHaveLength(files.length);
      expect(result.status).toBe(0);
    },
  );
});

// Hostile input: only XliffError, never a crash -----------------------------------------

function expectOnlyXliffErrors(inputs: Iterable<Uint8Array | string>): { read: number; refused: Record<string, number> } {
  const tally = { read: 0, refused: {} as Record<string, number> };
  for (const input of inputs) {
    try {
      readXliff(input);
      tally.read++;
    } catch (e) {
      if (!(e instanceof XliffError) || e.code === 'internal') throw e;
      tally.refused[e.code] = (tally.refused[e.code] ?? 0) + 1;
    }
  }
  return tally;
}

describe('the reader throws only XliffError', () => {
  const g = new Gen(rng(4242));

  test('on random bytes', () => {
    function* inputs() {
      for (let i = 0; i < 400; i++) yield Uint8Array.from({ length: g.int(600) }, () => g.int(256));
    }
    expect(expectOnlyXliffErrors(inputs()).read).toBe(0);
  });

  test('on random sequences of XML and XLIFF fragments', () => {
    const parts = ['<?xml version="1.0"?>', '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">', '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">', '<file id="f">', '<file original="f" source-language="en" datatype="plaintext">', '<body>', '<unit id="u">', '<trans-unit id="u">', '<segment state="translated">', '<source>', '<target>', 'text', '&amp;', '&#1;', '&nbsp;', '<pc id="1">', '</pc>', '<sc id="1"/>', '<ec startRef="1"/>', '<g id="1">', '</g>', '<ph id="1"/>', '<cp hex="0001"/>', '<![CDATA[x]]>', '<!-- c -->', '</source>', '</target>', '</segment>', '</unit>', '</trans-unit>', '</body>', '</file>', '</xliff>', '<!DOCTYPE x>', '\u0000', '\uFEFF', ' '];
    function* inputs() {
      for (let i = 0; i < 1500; i++) yield Array.from({ length: 1 + g.int(25) }, () => g.pick(parts)).join('');
    }
    expectOnlyXliffErrors(inputs());
  });

  test.each<XliffVersion>(['2.0', '1.2'])('on truncations, byte flips and tag deletions of valid %s files', (version) => {
    const sources = docs(version === '2.0' ? 5 : 6)
      .slice(0, 20)
      .map((units) => Buffer.from(writeXliffString(META, units, version)));
    function* mutations() {
      for (const bytes of sources) {
        for (let i = 0; i < 30; i++) yield bytes.subarray(0, g.int(bytes.length));
        for (let i = 0; i < 30; i++) {
          const copy = Buffer.from(bytes);
          for (let k = 1 + g.int(4); k > 0; k--) copy[g.int(copy.length)] = g.int(256);
          yield copy;
        }
        const text = bytes.toString('utf8');
        const tags = [...text.matchAll(/<[^>]*>/g)];
        for (let i = 0; i < 30 && tags.length; i++) {
          const tag = g.pick(tags);
          const at = tag.index!;
          yield g.chance(0.5) ? text.slice(0, at) + text.slice(at + tag[0].length) : text.slice(0, at) + tag[0] + text.slice(at);
        }
      }
    }
    const tally = expectOnlyXliffErrors(mutations());
    // Both outcomes happen: the mutations are not all fatal, nor all harmless.
    expect(tally.read).toBeGreaterThan(0);
    expect(Object.values(tally.refused).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
