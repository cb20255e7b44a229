import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { readXliff, writeXliffString, XliffError, type XliffErrorCode, type XliffReadOptions, type XliffReadResult } from '@lockstep/shared';

/*
 * The reader (xliff.md "What the reader accepts", "Import rules"): files from any tool in
 * XLIFF 1.x and 2.x, checked strictly, with CAT tools' rewrites mapped back; anything else is
 * an XliffError with a code and a position — never a crash, never a silently dropped unit.
 */

const DATA = new URL('../../data/xliff/', import.meta.url);
const data = (name: string) => readFileSync(new URL(name, DATA));

function rejects(input: Uint8Array | string, opts?: XliffReadOptions): XliffError {
  try {
    readXliff(input, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(XliffError);
    return e as XliffError;
  }
  throw new Error('the reader accepted the file');
}

const units = (r: XliffReadResult) => r.files.flatMap((f) => f.units);

const v20 = (body: string, root = 'srcLang="en" trgLang="es"') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" ${root}>\n<file id="f1">\n${body}\n</file>\n</xliff>\n`;
const v12 = (body: string, file = 'source-language="en" target-language="es"') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n<file original="f1" ${file} datatype="plaintext"><body>\n${body}\n</body></file>\n</xliff>\n`;

describe('our own bad files: each refused with a clear code, message and position', () => {
  test.each<[string, XliffErrorCode, RegExp]>([
    ['empty.xlf', 'empty', /empty/],
    ['not-xml.xlf', 'not_well_formed', /not well-formed XML/],
    ['truncated.xlf', 'truncated', /truncated/],
    ['doctype-external-entity.xlf', 'doctype', /DOCTYPE/],
    ['billion-laughs.xlf', 'doctype', /DOCTYPE/],
    ['html-entity.xlf', 'entity', /&nbsp;/],
    ['invalid-utf8.xlf', 'encoding', /not valid UTF-8 at byte offset 207/],
    ['utf16-broken.xlf', 'encoding', /not valid UTF-16LE at byte offset \d+/],
    ['unknown-encoding.xlf', 'encoding', /"x-klingon-8" is not supported/],
    ['duplicate-unit-ids-20.xlf', 'duplicate_id', /"s1" is used twice/],
    ['duplicate-unit-ids-12.xlf', 'duplicate_id', /"s1" is used twice/],
    ['wrong-target-language.xlf', 'language', /xml:lang="pt"> differs from trgLang "es"/],
    ['wrong-root.xlf', 'not_xliff', /<html>, not <xliff>/],
    ['unsupported-version.xlf', 'unsupported_version', /document:3\.0/],
  ])('%s → %s', (file, code, message) => {
    const e = rejects(data(file));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    // Every error after the bytes are decoded says where.
    if (!['empty', 'encoding'].includes(code)) expect(e.line).toBeGreaterThan(0);
  });

  test('the invalid UTF-8 offset points at the broken sequence', () => {
    const bytes = data('invalid-utf8.xlf');
    expect(rejects(bytes).offset).toBe(bytes.indexOf(Buffer.from([0xc3, 0x28])));
  });

  test('a DOCTYPE is refused before any entity could be expanded, even without entities', () => {
    expect(rejects('<?xml version="1.0"?>\n<!DOCTYPE xliff>\n' + v20('<unit id="u"><segment><source>x</source></segment></unit>').split('\n').slice(1).join('\n')).code).toBe('doctype');
  });

  test('mismatched codes: the unit is listed and rejected with the reason, the rest are read', () => {
    const read = readXliff(data('mismatched-codes.xlf'));
    expect(units(read).map((u) => [u.id, u.rejected?.code ?? null])).toEqual([
      ['s1', 'codes'],
      ['s2', 'codes'],
      ['s3', null],
    ]);
    expect(units(read)[0].rejected!.message).toMatch(/no code 7/);
    expect(units(read)[1].rejected!.message).toMatch(/must be written <1>…<\/1>/);
    expect(read.stats.rejected).toBe(2);
  });

  test('a file in the wrong languages for the request', () => {
    const file = writeXliffString({ exportId: 'e1', documentId: 'd', revision: 1, srcLang: 'en', trgLang: 'ko' }, [], '2.0');
    const e = rejects(file, { expect: { srcLang: 'en', trgLang: 'es' } });
    expect(e.code).toBe('wrong_language');
    expect(e.message).toMatch(/target language is "ko", not "es"/);
    expect(readXliff(file, { expect: { srcLang: 'en', trgLang: 'ko' } }).warnings).toEqual([]);
  });

  test('region variants and fil are accepted for the Lockstep language, with a warning', () => {
    const read = readXliff(data('xliff11-no-namespace.xlf'), { expect: { srcLang: 'en', trgLang: 'pt' } });
    expect(read.warnings.map((w) => w.message)).toEqual(expect.arrayContaining(['The target language "pt-BR" is read as "pt".', 'The source language "en-US" is read as "en".']));
    expect(readXliff(v20('', 'srcLang="en" trgLang="fil"').replace('\n\n', '\n<unit id="u"><segment><source>x</source></segment></unit>\n'), { expect: { trgLang: 'tl' } }).warnings).toEqual([
      { message: 'The target language "fil" is read as "tl".' },
    ]);
  });
});

describe('size', () => {
  test('above maxBytes → too_large, before any parsing', () => {
    const e = rejects(data('duplicate-unit-ids-20.xlf'), { maxBytes: 100 });
    expect(e.code).toBe('too_large');
    expect(e.kind).toBe('too_large');
  });

  test('a 50 MB upload is refused at the default 20 MB limit (its time budget: xliff.perf.test.ts)', () => {
    const unit = '<unit id="u"><segment><source>x</source></segment></unit>\n';
    const big = Buffer.alloc(50 * 1024 * 1024, ' ');
    big.write(v20(unit).slice(0, -'</file>\n</xliff>\n'.length));
    expect(rejects(big).code).toBe('too_large');
    expect(rejects(big.toString('latin1')).code).toBe('too_large');
  });
});

describe('encodings', () => {
  test.each(['utf16le-bom.xlf', 'utf16be-bom.xlf'])('%s (Trados writes UTF-16 with a BOM)', (file) => {
    const read = readXliff(data(file));
    expect(read.encoding).toBe(file.startsWith('utf16le') ? 'utf-16le' : 'utf-16be');
    expect(units(read)[0]).toMatchObject({ source: 'Hello <1>world</1> 𝄞', target: '안녕 <1>세계</1> 𝄞', sourceRuns: expect.arrayContaining([{ type: 'open', id: 1, kind: 'strong' }]) });
  });

  test('declared ISO-8859-1 decodes as windows-1252 (WHATWG), so 0x80 is €', () => {
    const read = readXliff(data('latin1-declared.xlf'));
    expect(read.encoding).toBe('windows-1252');
    expect(units(read)[0].target).toBe('Café crème à 2€');
  });

  test('a UTF-8 BOM, and a string input with or without one', () => {
    const xml = v20('<unit id="u"><segment><source>é</source></segment></unit>');
    expect(units(readXliff(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)])))[0].source).toBe('é');
    expect(units(readXliff('\uFEFF' + xml))[0].source).toBe('é');
    expect(units(readXliff(xml))[0].source).toBe('é');
  });

  test('UTF-32 is refused by name', () => {
    expect(rejects(Buffer.from([0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0])).message).toMatch(/UTF-32/);
  });
});

describe('XML strictness', () => {
  test.each<[string, string, XliffErrorCode]>([
    ['a character reference to a C0 control', v20('<unit id="u"><segment><source>a&#1;b</source></segment></unit>'), 'not_well_formed'],
    ['a raw NUL', v20('<unit id="u"><segment><source>a\u0000b</source></segment></unit>'), 'not_well_formed'],
    ['an undeclared prefix', v20('<unit id="u" x:y="1"><segment><source>a</source></segment></unit>'), 'not_well_formed'],
    ['two roots', v20('<unit id="u"><segment><source>a</source></segment></unit>') + '<xliff/>', 'not_well_formed'],
    ['deep nesting', v20(`<unit id="u"><segment><source>${Array.from({ length: 300 }, (_, i) => `<mrk id="m${i}">`).join('')}</source></segment></unit>`), 'too_deep'],
  ])('%s', (_name, xml, code) => {
    expect(rejects(xml).code).toBe(code);
  });
});

describe('names that are also JavaScript property names are just names', () => {
  test.each<[string, string, XliffErrorCode]>([
    ['an element <constructor>', v20('<unit id="u"><constructor/><segment><source>a</source></segment></unit>'), 'structure'],
    ['an element <__proto__> in a source', v20('<unit id="u"><segment><source><__proto__/></source></segment></unit>'), 'structure'],
    ['an attribute __proto__', v20('<unit id="u" __proto__="x"><segment><source>a</source></segment></unit>'), 'structure'],
    ['a namespace "constructor"', '<xliff xmlns="constructor" version="2.0" srcLang="en"/>', 'not_xliff'],
  ])('%s', (_name, xml, code) => {
    expect(rejects(xml).code).toBe(code);
  });

  test('a 1.2 state "constructor" is an unknown state', () => {
    const read = readXliff(v12('<trans-unit id="u"><source>a</source><target state="constructor">b</target></trans-unit>'));
    expect(units(read)[0].intent).toBe('needs-review');
  });
});

describe('structure (what the XSDs check)', () => {
  test.each<[string, string, XliffErrorCode, RegExp]>([
    ['an unknown core element', v20('<unit id="u"><segment><source>a</source><comment/></segment></unit>'), 'structure', /<comment> is not an XLIFF 2.0 element/],
    ['an element out of order', v20('<unit id="u"><segment><source>a</source></segment><notes><note>n</note></notes></unit>'), 'structure', /<notes> must come before <segment>/],
    ['a foreign element inside <source>', v20('<unit id="u"><segment><source>a<x:b xmlns:x="urn:x"/></source></segment></unit>'), 'structure', /not allowed in <source>/],
    ['text directly in <unit>', v20('<unit id="u">stray<segment><source>a</source></segment></unit>'), 'structure', /Text is not allowed directly in <unit>/],
    ['a missing required attribute', v20('<unit><segment><source>a</source></segment></unit>'), 'structure', /needs the attribute "id"/],
    ['an unknown attribute', v20('<unit id="u" colour="red"><segment><source>a</source></segment></unit>'), 'structure', /no attribute "colour"/],
    ['a bad yes/no', v20('<unit id="u" translate="nope"><segment><source>a</source></segment></unit>'), 'attribute', /translate="nope"/],
    ['a bad inline type', v20('<unit id="u"><segment><source><ph id="1" type="bold"/></source></segment></unit>'), 'attribute', /type="bold"/],
    ['a cp that is not hexBinary', v20('<unit id="u"><segment><source><cp hex="1"/></source></segment></unit>'), 'attribute', /hex="1"/],
    ['a unit id that is not an NMTOKEN', v20('<unit id="a b"><segment><source>a</source></segment></unit>'), 'attribute', /id="a b"/],
    ['1.2: a file without datatype', v12('<trans-unit id="u"><source>a</source></trans-unit>').replace(' datatype="plaintext"', ''), 'structure', /datatype/],
    ['1.2: <it> without pos', v12('<trans-unit id="u"><source>a<it id="1">x</it></source></trans-unit>'), 'structure', /"pos"/],
    ['1.2: two <target>s', v12('<trans-unit id="u"><source>a</source><target>b</target><target>c</target></trans-unit>'), 'structure', /only one <target>/],
  ])('%s', (_name, xml, code, message) => {
    const e = rejects(xml);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

describe('XLIFF 2 processing constraints the schema does not express', () => {
  test.each<[string, string, XliffErrorCode, RegExp]>([
    ['unique unit ids across groups', '<unit id="u"><segment><source>a</source></segment></unit><group id="g"><unit id="u"><segment><source>b</source></segment></unit></group>', 'duplicate_id', /"u" is used twice/],
    ['group and unit ids share a scope', '<group id="x"/><unit id="x"><segment><source>b</source></segment></unit>', 'duplicate_id', /"x"/],
    ['unique note ids in one <notes>', '<unit id="u"><notes><note id="n">a</note><note id="n">b</note></notes><segment><source>a</source></segment></unit>', 'duplicate_id', /note id "n"/],
    ['unique data ids', '<unit id="u"><originalData><data id="d">a</data><data id="d">b</data></originalData><segment><source>a</source></segment></unit>', 'duplicate_id', /data id "d"/],
    ['unique inline ids in a source', '<unit id="u"><segment><source><ph id="1"/><ph id="1"/></source></segment></unit>', 'duplicate_id', /inline id "1"/],
    ['dataRef resolves', '<unit id="u"><originalData><data id="d1">x</data></originalData><segment><source><ph id="1" dataRef="d2"/></source></segment></unit>', 'constraint', /"d2"/],
    ['subState only with state', '<unit id="u"><segment subState="a:b"><source>a</source></segment></unit>', 'constraint', /subState/],
    ['an <ec> after its <sc>', '<unit id="u"><segment><source><ec startRef="1"/><sc id="1"/></source></segment></unit>', 'constraint', /before its <sc>/],
    ['an <sc> has its <ec>', '<unit id="u"><segment><source><sc id="1"/>a</source></segment></unit>', 'constraint', /no <ec>/],
    ['in the target too, after reordering', '<unit id="u"><segment><source><sc id="1"/>a</source><target order="2"><sc id="1"/>x</target></segment><segment><source>b<ec startRef="1"/></source><target order="1">y<ec startRef="1"/></target></segment></unit>', 'constraint', /In the target, <ec startRef="1"> comes before its <sc>/],
    ['target order within range', '<unit id="u"><segment><source>a</source><target order="5">b</target></segment></unit>', 'constraint', /beyond/],
    ['target order unique', '<unit id="u"><segment><source>a</source><target order="2">b</target></segment><segment><source>c</source><target>d</target></segment></unit>', 'constraint', /position 2/],
    ['the same xml:space on source and target', '<unit id="u"><segment><source xml:space="preserve">a</source><target>b</target></segment></unit>', 'constraint', /xml:space/],
    ['source xml:lang is srcLang', '<unit id="u"><segment><source xml:lang="de">a</source></segment></unit>', 'language', /srcLang/],
    ['a unit has a segment', '<unit id="u"><ignorable><source> </source></ignorable></unit>', 'constraint', /no <segment>/],
  ])('%s', (_name, body, code, message) => {
    const e = rejects(v20(body));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  test('trgLang is required once there is a target', () => {
    expect(rejects(v20('<unit id="u"><segment><source>a</source><target>b</target></segment></unit>', 'srcLang="en"')).code).toBe('language');
  });
});

describe('what the reader accepts from other tools', () => {
  test('XLIFF 1.1 without namespace: read as 1.2 with warnings; unknown and x- states need review', () => {
    const read = readXliff(data('xliff11-no-namespace.xlf'));
    expect(read.version).toBe('1.1');
    expect(units(read).map((u) => [u.id, u.fileState, u.intent])).toEqual([
      ['hello', 'x-needs-work', 'needs-review'],
      ['bye', 'needs-work', 'needs-review'],
      ['thanks', 'translated', 'translated'],
    ]);
    expect(read.warnings).toEqual(
      expect.arrayContaining([
        { message: '<xliff> has no namespace; read as XLIFF 1.1.' },
        { unit: 'hello', message: expect.stringMatching(/x-needs-work/) },
        { unit: 'bye', message: expect.stringMatching(/needs-work/) },
      ]),
    );
  });

  test('a missing version is tolerated with a warning', () => {
    const read = readXliff(v20('<unit id="u"><segment><source>a</source></segment></unit>').replace('version="2.0" ', ''));
    expect(read.version).toBe('2.0');
    expect(read.warnings).toEqual([{ message: '<xliff> has no version attribute; read as XLIFF 2.0 from its namespace.' }]);
  });

  test.each<[string, string | null, string | null, string]>([
    // 1.2 import rules (api.md): the text counts unless the state lowers or raises it.
    ['<target>b</target>', null, null, 'translated'],
    ['<target state="translated">b</target>', 'translated', null, 'translated'],
    ['<target state="signed-off">b</target>', 'signed-off', null, 'approved'],
    ['<target state="final">b</target>', 'final', null, 'approved'],
    ['<target state="needs-review-translation">b</target>', 'needs-review-translation', null, 'needs-review'],
    ['<target state="needs-review-translation" state-qualifier="x-source-changed">b</target>', 'needs-review-translation', 'x-source-changed', 'stale'],
    ['<target state="needs-translation">b</target>', 'needs-translation', null, 'needs-review'],
    ['<target state="needs-translation"></target>', 'needs-translation', null, 'untranslated'],
    ['<target state="new"/>', 'new', null, 'untranslated'],
    ['', null, null, 'untranslated'],
  ])('1.2 %s → %s', (target, state, qualifier, intent) => {
    const [u] = units(readXliff(v12(`<trans-unit id="u"><source>a</source>${target}</trans-unit>`)));
    expect([u.fileState, u.fileSubState, u.intent]).toEqual([state, qualifier, intent]);
  });

  test.each<[string, string]>([
    ['<segment><source>a</source><target>b</target></segment>', 'translated'],
    ['<segment state="initial"><source>a</source><target>b</target></segment>', 'needs-review'],
    ['<segment state="initial"><source>a</source><target></target></segment>', 'untranslated'],
    ['<segment state="initial" subState="lockstep:stale"><source>a</source><target>b</target></segment>', 'stale'],
    ['<segment state="translated" subState="lockstep:stale"><source>a</source><target>b</target></segment>', 'translated'],
    ['<segment state="reviewed"><source>a</source><target>b</target></segment>', 'approved'],
    ['<segment state="final"><source>a</source><target>b</target></segment>', 'approved'],
    ['<segment state="final"><source>a</source><target>b</target></segment><segment state="translated"><source>c</source><target>d</target></segment>', 'translated'],
  ])('2.0 %s → %s', (segments, intent) => {
    expect(units(readXliff(v20(`<unit id="u">${segments}</unit>`)))[0].intent).toBe(intent);
  });

  test('translate="no" is inherited from file and group, and can be overridden', () => {
    const xml = v20('<group id="g" translate="no"><unit id="a"><segment><source>a</source></segment></unit><unit id="b" translate="yes"><segment><source>b</source></segment></unit></group><unit id="c"><segment><source>c</source></segment></unit>');
    expect(units(readXliff(xml)).map((u) => [u.id, u.intent])).toEqual([
      ['a', 'locked'],
      ['b', 'untranslated'],
      ['c', 'untranslated'],
    ]);
  });

  test('foreign namespaces and module elements are ignored (also core <source> inside a matches module)', () => {
    const xml = v20(
      '<unit id="u" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" xmlns:my="urn:my" my:attr="1"><my:data><my:x>stuff</my:x></my:data>' +
        '<mtc:matches><mtc:match ref="#s"><source>Other</source><target>Otro</target></mtc:match></mtc:matches>' +
        '<segment id="s"><source>Real <mrk id="m1" type="term">text</mrk></source><target>Texto <mrk id="m1" type="term">real</mrk></target></segment></unit>',
    );
    expect(units(readXliff(xml))[0]).toMatchObject({ source: 'Real text', target: 'Texto real', intent: 'translated' });
  });

  test('a re-segmented 2.0 unit is joined back, codes split across segments by <sc>/<ec>, targets in their order', () => {
    const xml = v20(
      '<unit id="u"><segment state="translated"><source>One <sc id="1" type="link"/>two. </source><target order="3">Tres.</target></segment>' +
        '<ignorable><source> </source></ignorable>' +
        '<segment state="translated"><source>Three<ec startRef="1"/>.</source><target order="1">Uno <sc id="1" type="link"/>dos<ec startRef="1"/>.</target></segment></unit>',
    );
    const [u] = units(readXliff(xml));
    expect(u).toMatchObject({ source: 'One <1>two.  Three</1>.', target: 'Uno <1>dos</1>. Tres.', segments: 2, intent: 'translated' });
    expect(u.rejected).toBeUndefined();
  });

  test('a unit translated in part (some segments without target) is listed with the reason, not applied', () => {
    const [u] = units(readXliff(v20('<unit id="u"><segment><source>a</source><target>b</target></segment><segment><source>c</source></segment></unit>')));
    expect(u.target).toBeNull();
    expect(u.rejected).toEqual({ code: 'partial_target', message: expect.stringMatching(/1 of the unit's 2 segments have no target/) });
  });

  test('1.2 rewrites: <bpt>/<ept>, <bx>/<ex> (rid), <ph>, <it>, <mrk> — mapped back by id', () => {
    const xml = v12(
      '<trans-unit id="u"><source>A <g id="1" ctype="bold">b</g> <x id="2" ctype="image"/> <g id="3">c</g></source>' +
        '<target>A <bpt id="1" ctype="bold">&lt;b></bpt>B<ept id="1">&lt;/b></ept> <ph id="2">&lt;img/></ph> <bx id="9" rid="r3"/><mrk mtype="seg" mid="1">C</mrk><ex id="10" rid="r3"/></target></trans-unit>',
    );
    const [u] = units(readXliff(xml));
    expect(u.target).toBe('A <1>B</1> <2/> <9>C</9>');
    expect(u.codeIds).toEqual({ source: ['1', '2', '3'], target: ['1', '2', '9'] });
    expect(u.rejected?.message).toMatch(/no code 9/);
    const [ok] = units(readXliff(xml.replace('<bx id="9" rid="r3"/>', '<bx id="3" rid="r3"/>')));
    expect(ok.target).toBe('A <1>B</1> <2/> <3>C</3>');
    expect(ok.rejected).toBeUndefined();
  });

  test('code ids that are not numbers are numbered after the largest number, in source order', () => {
    const [u] = units(readXliff(v20('<unit id="u"><segment><source><ph id="b"/><pc id="2">x</pc><ph id="a"/></source><target><ph id="a"/><pc id="2">y</pc><ph id="b"/></target></segment></unit>')));
    expect([u.source, u.target]).toEqual(['<3/><2>x</2><4/>', '<4/><2>y</2><3/>']);
  });

  test('CDATA is text; entities and character references are resolved; whitespace is kept as written', () => {
    const [u] = units(readXliff(v20('<unit id="u" xml:space="preserve"><segment><source>  a <![CDATA[<b> & ]]]]><![CDATA[>]]> &#x1F600; &amp;\n</source></segment></unit>')));
    expect(u.source).toBe('  a <b> & ]]> 😀 &\n');
  });

  test('a 1.2 <bin-unit> is reported, not silently skipped', () => {
    const read = readXliff(v12('<bin-unit id="b1" mime-type="image/png"><bin-source><external-file href="x.png"/></bin-source></bin-unit><trans-unit id="u"><source>a</source></trans-unit>'));
    expect(units(read).map((u) => u.id)).toEqual(['u']);
    expect(read.warnings).toEqual([{ unit: 'b1', message: expect.stringMatching(/bin-unit/) }]);
  });

  test('stats count units, segments and the states as the file said them', () => {
    const read = readXliff(v20('<unit id="a"><segment state="translated"><source>a</source><target>b</target></segment><segment state="final"><source>c</source><target>d</target></segment></unit><unit id="b"><segment><source>e</source></segment></unit>'));
    expect(read.stats).toEqual({ files: 1, units: 2, segments: 3, states: { translated: 1, initial: 1 }, rejected: 0 });
  });
});

// fast-check found it: the writer took revision 2,128,128,808,081,778 and the reader gave back
// another number. Revisions are 32-bit in the database, and a file claiming more must not reach
// a query with it.
describe('revision numbers beyond 2^31 − 1', () => {
  const meta = { exportId: 'exp-1', documentId: 'doc', srcLang: 'en', trgLang: 'ko' };
  const units = [{ id: 's1', state: 'untranslated' as const, source: [] }];

  test.each(['2.0', '1.2'] as const)('the %s writer refuses them as invalid metadata', (version) => {
    for (const revision of [2 ** 31, 2128128808081778]) {
      expect(() => writeXliffString({ ...meta, revision }, units, version)).toThrow(expect.objectContaining({ code: 'invalid_meta' }));
    }
    expect(() => writeXliffString({ ...meta, revision: 2 ** 31 - 1 }, units, version)).not.toThrow();
  });

  test.each(['2.0', '1.2'] as const)('the %s reader reads no revision from a file that claims one', (version) => {
    const written = writeXliffString({ ...meta, revision: 2 ** 31 - 1 }, units, version);
    const read = (xml: string) => readXliff(xml).files[0].revision;
    expect(read(written)).toBe(2 ** 31 - 1);
    for (const claimed of ['2147483648', '9999999999']) expect(read(written.replace('2147483647', claimed))).toBeUndefined();
  });
});
