import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import {
  codesToText,
  EXPORT_STATES,
  parseCodedText,
  readXliff,
  writeXliff,
  writeXliffAsync,
  writeXliffString,
  XliffError,
  type ReadUnit,
  type SourceRun,
  type XliffFileMeta,
  type XliffUnit,
  type XliffVersion,
} from '@lockstep/shared';

/*
 * The writer (xliff.md "Versions and files", "State mapping", "Inline codes"; api.md XLIFF):
 * one fixture document with every state, every inline-code kind, the characters XML makes
 * hard, right-to-left and non-BMP text — written in both versions, checked against the strict
 * OASIS schemas when they are around, and read back into the same units.
 */

const t = (text: string): SourceRun => ({ type: 'text', text });
const open = (id: number, kind: 'link' | 'strong' | 'emphasis' | 'delete' | 'html', url?: string): SourceRun =>
  url ? { type: 'open', id, kind, url } : { type: 'open', id, kind };
const close = (id: number): SourceRun => ({ type: 'close', id });
const alone = (id: number, kind: 'inlineCode' | 'image' | 'html' | 'break' | 'footnote', text?: string): SourceRun =>
  text === undefined ? { type: 'standalone', id, kind } : { type: 'standalone', id, kind, text };

const META: XliffFileMeta = { exportId: 'exp-7f3a', documentId: 'statement', revision: 4, srcLang: 'en', trgLang: 'ar' };

/** Control characters XML 1.0 cannot carry, plus the whitespace it can. */
const HARD = 'nul-free controls \u0001\u0008\u000B\u000C\u001F, non-characters \uFFFE\uFFFF, lone surrogates \uD800 \uDC00, tab\tCR\rCRLF\r\nLF\n';

const FIXTURE: XliffUnit[] = [
  {
    id: 's1',
    state: 'translated',
    source: [t('Read '), open(1, 'link', 'https://example.org/?a=1&b=2'), t('the "terms" & <conditions>'), close(1), t(' — then ]]> and '), alone(2, 'inlineCode', 'npm run "x" <y> & z')],
    target: 'اقرأ <1>"الشروط" & <الأحكام></1> — ثم ]]> و <2/>',
    notes: [{ category: 'lockstep:context', text: 'Heading: "Terms" & <more>' }, { text: 'A note without category' }],
    sourceHash: 'sha256:5e2b…',
  },
  {
    id: 's2',
    state: 'approved',
    source: [
      open(1, 'strong'),
      t('bold '),
      open(2, 'emphasis'),
      t('both'),
      close(2),
      close(1),
      t(' '),
      open(3, 'delete'),
      t('gone'),
      close(3),
      t(' '),
      alone(4, 'image', 'a "quoted" alt'),
      alone(5, 'break'),
      alone(6, 'html', '<br/>'),
      t(' note'),
      alone(7, 'footnote', '[^1]'),
      t(' '),
      open(8, 'html'),
      t('raw'),
      close(8),
    ],
    target: '<1>عريض <2>كلاهما</2></1> <3>محذوف</3> <4/><5/><6/> ملاحظة<7/> <8>خام</8>',
  },
  {
    id: 's3',
    state: 'stale',
    source: [t(`Source with ${HARD}end`)],
    target: `שלום עולם — old ${HARD}target`,
    previousSource: `Old source ${HARD}with <1>codes</1> and a literal \\u{41} and \\\\u{42}`,
  },
  {
    id: 's4',
    state: 'untranslated',
    source: [t('After a split: '), open(1, 'link', '#'), t('first half'), close(1), t('.')],
    previousSource: 'The merged <1>old</1> sentence. And another.',
    suggestion: 'La <1>vieja</1> frase.',
  },
  { id: 's5', state: 'locked', source: [t('Lockstep')] },
  {
    id: 's6',
    state: 'untranslated',
    source: [t('Non-BMP: 😀 𝄞 𠜎 — Devanagari हिंदी — Hangul 한국어 — Greek Ελληνικά — Cyrillic Русский')],
    notes: [{ category: 'lockstep:context', text: 'Emoji 😀 and 𝄞 in a note; a backslash \\ stays.' }],
  },
  {
    id: 's7',
    state: 'translated',
    source: [t('A literal <1> and a backslash C:\\dir\\ before '), open(1, 'emphasis'), t('code'), close(1)],
    target: 'Un \\<1> literal y C:\\dir\\\\<1>código</1>',
  },
  { id: 's8', state: 'translated', source: [t('   leading and trailing spaces   \n')], target: '   espacios   \n' },
  { id: 's9', state: 'stale', source: [t('Empty-looking '), alone(1, 'inlineCode', '')], target: '<1/> ok', previousSource: '' },
];

const INTENT: Record<XliffUnit['state'], ReadUnit['intent']> = {
  untranslated: 'untranslated',
  translated: 'translated',
  stale: 'stale',
  approved: 'approved',
  locked: 'locked',
};

/** Runs as the reader can know them: kinds and numbers, adjacent texts merged; no URLs or code texts. */
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

const canonical = (text: string) => {
  const parsed = parseCodedText(text);
  return parsed.ok ? codesToText(parsed.runs as SourceRun[]) : text;
};

/** The round trip the whole workflow rests on: what we write is what we read. */
function expectRoundTrip(written: readonly XliffUnit[], read: readonly ReadUnit[], version: XliffVersion): void {
  expect(read.map((u) => u.id)).toEqual(written.map((u) => u.id));
  written.forEach((u, i) => {
    const r = read[i];
    const hasTarget = EXPORT_STATES[u.state][version].target;
    expect({ id: r.id, source: r.source, sourceRuns: shape(r.sourceRuns) }).toEqual({ id: u.id, source: codesToText(u.source), sourceRuns: shape(u.source) });
    expect({ id: r.id, target: r.target }).toEqual({ id: u.id, target: hasTarget ? canonical(u.target!) : null });
    expect({ id: r.id, intent: r.intent, rejected: r.rejected }).toEqual({ id: u.id, intent: INTENT[u.state], rejected: undefined });
    expect({ id: r.id, previousSource: r.previousSource, suggestion: r.suggestion, sourceHash: r.sourceHash, notes: r.notes }).toEqual({
      id: u.id,
      previousSource: u.previousSource || undefined,
      suggestion: u.suggestion || undefined,
      sourceHash: u.sourceHash || undefined,
      notes: u.notes ?? [],
    });
  });
}

const SCHEMAS = fileURLToPath(new URL('../../../../shared/xliff/schemas/', import.meta.url));
const XSD: Record<XliffVersion, string> = { '2.0': 'xliff_core_2.0.xsd', '1.2': 'xliff-core-1.2-strict.xsd' };
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const canValidate = existsSync(SCHEMAS) && hasXmllint;

/** Exit status 0 and no message when the file is valid against the strict OASIS schema. */
function validate(xml: string, version: XliffVersion): { status: number | null; stderr: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xliff-'));
  const file = path.join(dir, `export-${version}.xlf`);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', path.join(SCHEMAS, XSD[version]), file], {
    env: { ...process.env, XML_CATALOG_FILES: path.join(SCHEMAS, 'catalog.xml') },
    encoding: 'utf8',
  });
  return { status: r.status, stderr: r.stderr };
}

const versions: XliffVersion[] = ['2.0', '1.2'];

(canValidate ? describe : describe.skip)(
  canValidate ? 'exports validate against the strict OASIS schemas' : 'exports validate against the strict OASIS schemas — SKIPPED: ../shared/xliff/schemas or xmllint (libxml2-utils) is missing',
  () => {
    test.each(versions)('the fixture document in XLIFF %s', (version) => {
      expect(validate(writeXliffString(META, FIXTURE, version), version)).toEqual({ status: 0, stderr: expect.stringContaining('validates') });
    });
  },
);

describe.each(versions)('XLIFF %s', (version) => {
  const xml = writeXliffString(META, FIXTURE, version);

  test('reads back into the same units, states, texts, notes and stamps', () => {
    const read = readXliff(xml);
    expect(read.version).toBe(version);
    expect(read.warnings).toEqual([]);
    expect(read.files).toHaveLength(1);
    expect(read.files[0]).toMatchObject({ exportId: META.exportId, documentId: META.documentId, revision: META.revision, srcLang: 'en', trgLang: 'ar' });
    expectRoundTrip(FIXTURE, read.files[0].units, version);
  });

  test('no character XML 1.0 forbids reaches the output, and CR survives as a reference', () => {
    expect(xml).not.toMatch(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    expect(xml).not.toContain('\r');
    expect(xml).toContain('&#13;');
  });

  test('markup-like text is escaped: &, <, > (so ]]> never appears) and quotes in attributes', () => {
    expect(xml).not.toContain(']]>');
    expect(xml).toContain('the "terms" &amp; &lt;conditions&gt;');
    expect(xml).toContain(']]&gt;');
    expect(xml).toMatch(/(disp|equiv-text)="npm run &quot;x&quot; &lt;y&gt; &amp; z"/);
  });

  test('source and target are not indented: their content is exactly the text', () => {
    for (const m of xml.matchAll(/<(source|target)[^>]*>([\s\S]*?)<\/\1>/g)) expect(m[2]).not.toMatch(/^\n\s|\n\s+$/);
    expect(xml).toContain('>   leading and trailing spaces   \n</source>');
  });

  test('the export id is where CAT tools keep it', () => {
    expect(xml).toMatch(version === '2.0' ? /<file id="exp-7f3a"/ : /<file original="exp-7f3a"/);
  });

  test('xml:space="preserve" sits where the version allows it', () => {
    const holder = version === '2.0' ? 'unit' : 'trans-unit';
    expect(xml.match(new RegExp(`<${holder} [^>]*xml:space="preserve"`, 'g'))).toHaveLength(FIXTURE.length);
    expect(xml).not.toMatch(/<(source|target|segment)[^>]*xml:space/);
  });

  test('characters XML 1.0 cannot carry are written losslessly', () => {
    if (version === '2.0') expect(xml).toContain('<cp hex="0001"/><cp hex="0008"/>');
    else expect(xml).toMatch(/<ph id="cp1" ctype="x-lockstep-cp">0001<\/ph><ph id="cp2" ctype="x-lockstep-cp">0008<\/ph>/);
    expect(xml).toContain(version === '2.0' ? '<cp hex="D800"/> <cp hex="DC00"/>' : 'x-lockstep-cp">D800</ph>');
    // Notes cannot hold elements: \u{HEX}, with backslashes before u{ doubled so nothing is ambiguous.
    expect(xml).toContain('\\u{0001}\\u{0008}');
    expect(xml).toContain('a literal \\\\u{41} and \\\\\\\\u{42}');
  });
});

describe('state mapping (xliff.md table)', () => {
  const unitXml = (version: XliffVersion, state: XliffUnit['state']) => {
    const unit: XliffUnit = { id: 'x1', state, source: [t('Hello')], ...(EXPORT_STATES[state][version].target ? { target: 'Hola' } : {}), ...(state === 'stale' ? { previousSource: 'Hi' } : {}) };
    const xml = writeXliffString(META, [unit], version);
    return xml.slice(xml.indexOf(version === '2.0' ? '<unit ' : '<trans-unit '));
  };
  test.each<[XliffUnit['state'], RegExp, RegExp]>([
    ['untranslated', /<segment state="initial"><source>Hello<\/source><\/segment>/, /<source>Hello<\/source>\n(?![\s\S]*<target)/],
    ['translated', /<segment state="translated">.*<target>Hola<\/target>/, /<target state="translated">Hola<\/target>/],
    ['stale', /<segment state="initial" subState="lockstep:stale">.*<target>Hola<\/target>/, /<target state="needs-review-translation" state-qualifier="x-source-changed">Hola<\/target>/],
    ['approved', /<segment state="reviewed">.*<target>Hola<\/target>/, /<trans-unit [^>]*approved="yes"[\s\S]*<target state="signed-off">Hola<\/target>/],
    ['locked', /<unit [^>]*translate="no"[\s\S]*<segment><source>Hello<\/source><\/segment>/, /<trans-unit [^>]*translate="no"[^>]*>\n\s*<source>Hello<\/source>\n/],
  ])('%s', (state, v20, v12) => {
    expect(unitXml('2.0', state)).toMatch(v20);
    expect(unitXml('1.2', state)).toMatch(v12);
  });

  test('a stale translation is never exported as translated', () => {
    expect(unitXml('2.0', 'stale')).not.toContain('state="translated"');
    expect(unitXml('1.2', 'stale')).not.toContain('state="translated"');
  });

  test('stale: the previous source is a note (2.0) and an <alt-trans> with the old target (1.2)', () => {
    expect(unitXml('2.0', 'stale')).toContain('<note category="lockstep:previous-source">Hi</note>');
    expect(unitXml('1.2', 'stale')).toContain('<note from="lockstep:previous-source">Hi</note>');
    expect(unitXml('1.2', 'stale')).toContain('<alt-trans alttranstype="previous-version" origin="lockstep" xml:space="preserve"><source>Hi</source><target>Hola</target></alt-trans>');
  });

  test('a split/merge suggestion goes without <target>, in a note (1.2 also a proposal)', () => {
    const unit = FIXTURE.find((u) => u.id === 's4')!;
    const v20 = writeXliffString(META, [unit], '2.0');
    const v12 = writeXliffString(META, [unit], '1.2');
    expect(v20).not.toContain('<target');
    expect(v20).toContain('<note category="lockstep:suggestion">La &lt;1&gt;vieja&lt;/1&gt; frase.</note>');
    expect(v12.replace(/<alt-trans[\s\S]*<\/alt-trans>/, '')).not.toContain('<target');
    expect(v12).toContain('<alt-trans alttranstype="proposal" origin="lockstep:suggestion" xml:space="preserve"><source>The merged <g id="1">old</g> sentence. And another.</source><target>La <g id="1">vieja</g> frase.</target></alt-trans>');
  });
});

describe('inline codes', () => {
  const s2 = FIXTURE.find((u) => u.id === 's2')!;
  test('2.0: paired as <pc type canReorder="yes">, standalone as <ph>, kinds named', () => {
    const xml = writeXliffString(META, [s2], '2.0');
    expect(xml).toContain('<pc id="1" type="fmt" subType="xlf:b" canReorder="yes">bold <pc id="2" type="fmt" subType="xlf:i" canReorder="yes">both</pc></pc>');
    expect(xml).toContain('<ph id="4" type="image" disp="a &quot;quoted&quot; alt" canReorder="yes"/><ph id="5" type="fmt" subType="xlf:lb" canReorder="yes"/>');
    expect(xml).toContain('<pc id="8" type="other" subType="lockstep:html" canReorder="yes">raw</pc>');
  });

  test('1.2: paired as <g ctype>, standalone as <x/>, link/bold/italic in the standard words', () => {
    const xml = writeXliffString(META, [s2, FIXTURE[0]], '1.2');
    expect(xml).toContain('<g id="1" ctype="bold">bold <g id="2" ctype="italic">both</g></g> <g id="3" ctype="x-delete">gone</g>');
    expect(xml).toContain('<x id="4" ctype="image" equiv-text="a &quot;quoted&quot; alt"/><x id="5" ctype="lb"/><x id="6" ctype="x-html"/>');
    expect(xml).toContain('<g id="1" ctype="link">');
  });

  test('a stale translation with a code the new source lost: written bare, read back as rejected with the reason', () => {
    const unit: XliffUnit = { id: 'x1', state: 'stale', source: [t('No codes any more')], target: 'Antes <1>con</1> <2/>', previousSource: 'Before <1>with</1> <2/>' };
    for (const version of versions) {
      const xml = writeXliffString(META, [unit], version);
      expect(xml).toContain(version === '2.0' ? '<pc id="1" canReorder="yes">con</pc> <ph id="2" canReorder="yes"/>' : '<g id="1">con</g> <x id="2"/>');
      if (canValidate) expect(validate(xml, version).status).toBe(0);
      const [read] = readXliff(xml).files[0].units;
      expect(read).toMatchObject({ target: 'Antes <1>con</1> <2/>', intent: 'stale', rejected: { code: 'codes' } });
      expect(read.rejected!.message).toMatch(/no code 1/);
    }
  });
});

describe('streaming', () => {
  function* many(n: number, pulled: { count: number }): Generator<XliffUnit> {
    for (let i = 1; i <= n; i++) {
      pulled.count = i;
      yield { id: `s${i}`, state: 'translated', source: [t(`Sentence number ${i} of the document, long enough to matter.`)], target: `Frase número ${i}.` };
    }
  }

  test('chunks come before the units run out, each bounded, and join into the document', () => {
    const pulled = { count: 0 };
    const it = writeXliff(META, many(20_000, pulled), '2.0')[Symbol.iterator]();
    const first = it.next();
    expect(first.done).toBe(false);
    expect(pulled.count).toBeLessThan(2_000);
    const chunks = [first.value as string];
    for (let r = it.next(); !r.done; r = it.next()) chunks.push(r.value);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70 * 1024);
    expect(chunks.join('')).toBe(writeXliffString(META, many(20_000, { count: 0 }), '2.0'));
  });

  test('the async writer takes an async source (a database cursor) and writes the same bytes', async () => {
    async function* cursor() {
      for (const u of FIXTURE) yield u;
    }
    let out = '';
    for await (const chunk of writeXliffAsync(META, cursor(), '1.2')) out += chunk;
    expect(out).toBe(writeXliffString(META, FIXTURE, '1.2'));
  });
});

describe('the writer refuses data that cannot become a valid file', () => {
  const ok: XliffUnit = { id: 's1', state: 'translated', source: [t('a')], target: 'b' };
  test.each<[string, Partial<XliffFileMeta>, XliffUnit[], string, RegExp]>([
    ['an export id that is not an NMTOKEN', { exportId: 'has space' }, [ok], 'invalid_meta', /NMTOKEN/],
    ['a malformed language tag', { trgLang: 'e' }, [ok], 'invalid_meta', /BCP 47/],
    ['a revision that is not a positive integer', { revision: 0 }, [ok], 'invalid_meta', /revision/],
    ['a unit id that is not an NMTOKEN', {}, [{ ...ok, id: 'a b' }], 'invalid_unit', /NMTOKEN/],
    ['a unit id used twice', {}, [ok, ok], 'invalid_unit', /twice/],
    ['a translated unit without its translation', {}, [{ ...ok, target: null }], 'invalid_unit', /needs its translation/],
    ['a translation with malformed codes', {}, [{ ...ok, target: '<1>open' }], 'invalid_unit', /never closed/],
    ['source codes that do not nest', {}, [{ ...ok, source: [open(1, 'strong'), open(2, 'emphasis'), close(1), close(2)] }], 'invalid_unit', /out of order/],
    ['an unknown code kind', {}, [{ ...ok, source: [{ type: 'standalone', id: 1, kind: 'video' as 'html' }] }], 'invalid_unit', /unknown kind/],
    ['a note in a reserved category', {}, [{ ...ok, notes: [{ category: 'lockstep:suggestion', text: 'x' }] }], 'invalid_unit', /reserved/],
  ])('%s', (_name, meta, units, code, message) => {
    const run = () => writeXliffString({ ...META, ...meta }, units, '2.0');
    expect(run).toThrow(XliffError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (e) {
      expect((e as XliffError).code).toBe(code);
    }
  });
});

describe.each(versions)('a pre-filled untranslated unit (the omegat profile), XLIFF %s', (version) => {
  const unit: XliffUnit = { id: 's9', state: 'untranslated', source: [t('Read '), open(1, 'link', 'https://example.org'), t('this'), close(1), t('.')], prefill: true };
  const xml = writeXliffString(META, [unit], version);

  test('carries its source as the target, still marked not translated, and is schema-valid', () => {
    const [read] = readXliff(xml).files[0].units;
    expect(read).toMatchObject({ id: 's9', source: 'Read <1>this</1>.', target: 'Read <1>this</1>.', fileState: version === '1.2' ? 'needs-translation' : 'initial' });
    if (canValidate) expect(validate(xml, version).status).toBe(0);
  });

  test('without prefill, or for a translated unit, nothing changes', () => {
    expect(readXliff(writeXliffString(META, [{ ...unit, prefill: false }], version)).files[0].units[0].target).toBeNull();
    const translated = readXliff(writeXliffString(META, [{ ...unit, state: 'translated', target: '<1>이것</1>을 읽으세요.' }], version)).files[0].units[0];
    expect(translated.target).toBe('<1>이것</1>을 읽으세요.');
  });
});
