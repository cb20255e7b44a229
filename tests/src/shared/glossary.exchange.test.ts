import { describe, expect, test } from '@jest/globals';
import {
  decodeGlossaryBytes,
  GlossaryFileError,
  glossaryCsvHeader,
  glossaryCsvRow,
  readGlossaryCsv,
  readGlossaryTbx,
  TBX_TAIL,
  tbxEntry,
  tbxHead,
  type GlossaryRecord,
} from '@lockstep/shared';

/** Glossary files: CSV and TBX-Basic (martif, ISO 30042:2008) written and read back; hostile files refused. */

const RECORDS: GlossaryRecord[] = [
  { sourceLang: 'en', term: 'Special Military Operation', note: 'noun, "SMO"', doNotTranslate: false, caseSensitive: false, translations: { ko: ['특별 군사 작전'], ru: ['специальная военная операция', 'СВО'], hi: ['विशेष सैन्य अभियान'] } },
  { sourceLang: 'en', term: 'NATO', note: '', doNotTranslate: true, caseSensitive: true, translations: {} },
  { sourceLang: 'en', term: 'A & B <c>', note: 'line one\nline two', doNotTranslate: false, caseSensitive: false, translations: { el: ['Α & Β'], fr: ['l’OTAN, «x»'] } },
];

const records = (entries: ReturnType<typeof readGlossaryTbx>) => entries.map((e) => ('record' in e ? e.record : e));

describe('CSV', () => {
  test('a round trip keeps every field, several translations per language, quotes, commas and line breaks', () => {
    const csv = glossaryCsvHeader() + RECORDS.map(glossaryCsvRow).join('');
    expect(records([...readGlossaryCsv(csv)])).toEqual(RECORDS);
  });

  test('a bad row is reported with its line; the others are read; a bad header stops the read', () => {
    const csv = 'sourceLang,term,doNotTranslate,caseSensitive,ko\r\nen,peace,maybe,false,평화\r\nen,war,false,false,전쟁\r\n';
    const read = [...readGlossaryCsv(csv)];
    expect(read[0]).toMatchObject({ index: 1, where: 'line 2', problem: expect.stringContaining('true or false') });
    expect(read[1]).toMatchObject({ record: { term: 'war', translations: { ko: ['전쟁'] } } });
    expect(() => [...readGlossaryCsv('term,klingon\r\nx,y\r\n')]).toThrow(GlossaryFileError);
    expect(() => [...readGlossaryCsv('sourceLang,term,doNotTranslate,caseSensitive\r\nen,"open\r\n')]).toThrow(/never closed/);
  });
});

describe('TBX', () => {
  const file = tbxHead('en') + RECORDS.map((r, i) => tbxEntry(r, `t${i + 1}`)).join('') + TBX_TAIL;

  test('a round trip through martif keeps terms, notes, flags and translations', () => {
    expect(file).toContain('<martif type="TBX-Basic" xml:lang="en">');
    expect(records(readGlossaryTbx(file, 'en'))).toEqual(RECORDS);
  });

  test('reads a TBX-Basic file as other tools write it (ntig-free tig, descrip definition, region subtags)', () => {
    const other = `<?xml version="1.0"?>
<martif type="TBX-Basic" xml:lang="en-US"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="e1"><descrip type="definition">military alliance</descrip>
  <langSet xml:lang="en-US"><tig><term>NATO</term><termNote type="partOfSpeech">noun</termNote></tig></langSet>
  <langSet xml:lang="es-ES"><tig><term>OTAN</term></tig></langSet>
</termEntry>
<termEntry id="e2"><langSet xml:lang="de"><tig><term>Frieden</term></tig></langSet></termEntry>
</body></text></martif>`;
    const [nato, bad] = readGlossaryTbx(other, 'en');
    expect(nato).toMatchObject({ record: { sourceLang: 'en', term: 'NATO', note: 'military alliance', translations: { es: ['OTAN'] } } });
    expect(bad).toMatchObject({ index: 2, where: 'termEntry "e2" (line 8)', problem: expect.stringContaining('no term in the source language') });
  });

  test('hostile or broken files are refused before any entry is used', () => {
    const doctype = '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x "xxxxxxxx">]><martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>';
    expect(() => readGlossaryTbx(doctype, 'en')).toThrow(/DOCTYPE/);
    expect(() => readGlossaryTbx('<tbx><text/></tbx>', 'en')).toThrow(/<martif>/);
    expect(() => readGlossaryTbx('<martif><text><body><termEntry></body></text></martif>', 'en')).toThrow(GlossaryFileError);
    expect(() => decodeGlossaryBytes(new Uint8Array([0x61, 0xff, 0x62]))).toThrow(/UTF-8/);
    expect(() => decodeGlossaryBytes(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toThrow(/UTF-16/);
    expect(decodeGlossaryBytes(new TextEncoder().encode('\uFEFFterm'))).toBe('term');
  });
});
