import { describe, expect, test } from '@jest/globals';
import { decideImport, readXliff, XliffError } from '@lockstep/shared';

/*
 * What the XLIFF 1.2 transitional schema accepts (../shared/xliff/schemas/
 * xliff-core-1.2-transitional.xsd) and tools write: empty groups, the deprecated prop-group,
 * trans-units inside a bin-unit, foreign elements wherever the schema has an `##other`
 * wildcard (issue 22).
 */
const HEAD = '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:t="urn:example:tool">';
const file = (body: string, header = '') =>
  Buffer.from(`${HEAD}<file original="doc" source-language="en" target-language="ko" datatype="plaintext">${header}<body>${body}</body></file></xliff>`);
const UNIT = '<trans-unit id="s1"><source>A sentence.</source><target>한 문장.</target></trans-unit>';

describe('XLIFF 1.2 transitional structures', () => {
  test('an empty <group/>, with or without id, is read; the units around it count', () => {
    for (const group of ['<group/>', '<group id="g1"></group>', '<group id="g2"><group/></group>']) {
      const r = readXliff(file(`${group}${UNIT}`));
      expect(r.stats.units).toBe(1);
      expect(r.files[0].units.map((u) => u.id)).toEqual(['s1']);
    }
  });

  test('the deprecated <prop-group> in a group and a unit is skipped', () => {
    const r = readXliff(file(`<group id="g"><prop-group><prop prop-type="x">y</prop></prop-group><trans-unit id="s1"><source>A.</source><prop-group/></trans-unit></group>`));
    expect(r.stats.units).toBe(1);
  });

  test('a <trans-unit> inside a <bin-unit> is counted, listed and rejected as not importable, never dropped', () => {
    const r = readXliff(
      file(
        `<bin-unit id="img1" mime-type="image/png"><bin-source><external-file href="logo.png"/></bin-source>` +
          `<trans-unit id="img1-alt"><source>The logo.</source><target>로고.</target></trans-unit><t:meta/></bin-unit>${UNIT}`,
      ),
    );
    expect(r.stats).toMatchObject({ units: 2, rejected: 1 });
    const [alt, s1] = r.files[0].units;
    expect(alt).toMatchObject({ id: 'img1-alt', source: 'The logo.', target: '로고.', rejected: { code: 'binary_unit', message: expect.stringMatching(/bin-unit id="img1"/) } });
    expect(s1.rejected).toBeUndefined();
    expect(r.warnings).toContainEqual({ unit: 'img1', message: expect.stringMatching(/binary data/) });
    // The import reports it as rejected with that reason, not as an unknown id.
    const decision = decideImport({ unit: alt, mayApprove: false, revision: 1 });
    expect(decision).toEqual({ outcome: 'rejected', reason: alt.rejected!.message });
  });

  test('a <bin-unit> still needs its id and mime-type and a <bin-source>', () => {
    expect(() => readXliff(file('<bin-unit id="b"><bin-source/></bin-unit>'))).toThrow(XliffError);
    expect(() => readXliff(file('<bin-unit id="b" mime-type="image/png"></bin-unit>'))).toThrow(/bin-source/);
  });

  test('foreign elements wherever extensions are allowed are ignored', () => {
    const xml =
      `${HEAD}<t:before-file/><file original="doc" source-language="en" target-language="ko" datatype="plaintext">` +
      `<header><t:settings a="1"/></header><body><t:in-body/><group id="g"><t:group-meta/>` +
      `<trans-unit id="s1"><source>A sentence.</source><target>한 문장.</target><note>n</note><t:unit-meta><t:deep>x</t:deep></t:unit-meta></trans-unit>` +
      `</group></body></file></xliff>`;
    const r = readXliff(Buffer.from(xml));
    expect(r.files[0].units.map((u) => [u.id, u.target])).toEqual([['s1', '한 문장.']]);
  });

  test('core elements out of place are still refused', () => {
    expect(() => readXliff(file('<source>loose</source>'))).toThrow(/not allowed|source/);
  });
});
