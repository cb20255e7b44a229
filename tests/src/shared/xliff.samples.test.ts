import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { readXliff, XliffError, type XliffErrorCode } from '@lockstep/shared';

function rejects(input: Uint8Array): XliffError {
  try {
    readXliff(input);
  } catch (e) {
    expect(e).toBeInstanceOf(XliffError);
    return e as XliffError;
  }
  throw new Error('the reader accepted the file');
}

/*
 * The OASIS XLIFF 2 test suite and the Symfony fixtures in ../shared/xliff/samples (not part of
 * the project). Unit counts counted by hand from the files (<unit>, resp. <trans-unit>).
 */
const SAMPLES = fileURLToPath(new URL('../../../../shared/xliff/samples/', import.meta.url));
const haveSamples = existsSync(SAMPLES);

const VALID_UNITS: Record<string, number> = {
  'v2/valid/oasis21-everything-core.xlf': 4,
  'v2/valid/oasis21-sample1.xlf': 1,
  'v2/valid/oasis21-withNotes.xlf': 1,
  'v2/valid/oasis21-withNotes_complex.xlf': 1,
  'v2/valid/oasis21-withCDataSections.xlf': 1,
  'v2/valid/oasis21-withXmlSpace.xlf': 1,
  'v2/valid/oasis21-withXmlLang.xlf': 1,
  'v2/valid/oasis21-withReorderedCodes.xlf': 5,
  'v2/valid/oasis21-withMatches.xlf': 1,
  'v2/valid/oasis21-almostEmpty.xlf': 0,
  'v2/valid/oasis21-sourceOnly.xlf': 1,
  'v2/valid/oasis21-toJoin.xlf': 1,
  'v2/valid/oasis21-testTranslateWithTarget.xlf': 2,
  'v2/valid/oasis21-allExtensions.xlf': 3,
  'v2/valid/oasis21-typeSubTypeValues.xlf': 1,
  'v2/valid/oasis21-Good-ctr_revisions-using-ref-to-resolvableID.xlf': 2,
  'v2/valid/oasis21-Good-mtc_match-with-inlines.xlf': 1,
  'v2/valid/oasis22-everything-core.xlf': 4,
  'v2/valid/symfony-resources-2.0-multi-segment-unit.xlf': 1,
  'v2/valid/symfony-resources-notes-meta.xlf': 2,
  'v1/valid/symfony-resources-target-attributes.xlf': 1,
  'v1/valid/symfony-resources-multi-files.xlf': 4,
  'v1/valid/symfony-encoding.xlf': 2,
};

/** Why each invalid file must be refused, as the manifest says it. */
const INVALID: Record<string, XliffErrorCode> = {
  'v2/invalid/oasis21-bad_NoTrgLang.xlf': 'language',
  'v2/invalid/oasis21-bad_SegmentWithoutSource.xlf': 'structure',
  'v2/invalid/oasis21-bad_UnitWithoutSegment.xlf': 'constraint',
  'v2/invalid/oasis21-bad_FileIdNotUnique.xlf': 'duplicate_id',
  'v2/invalid/oasis21-bad_SegmentIdNotUnique.xlf': 'duplicate_id',
  'v2/invalid/oasis21-bad_InvalidStateValue.xlf': 'attribute',
  'v2/invalid/oasis21-bad_SubStateWithoutState.xlf': 'constraint',
  'v2/invalid/oasis21-bad_DataRefWithoutOriginalData.xlf': 'constraint',
  'v2/invalid/oasis21-bad_EcBeforeSc.xlf': 'constraint',
  'v2/invalid/oasis21-bad_WrongTargetLang.xlf': 'language',
  'v2/invalid/oasis21-bad_TwoSourceInUnit.xlf': 'structure',
  'v2/invalid/oasis21-bad_DifferentXmlSpace.xlf': 'constraint',
  'v2/invalid/oasis21-bad_SrcLangNotWellFormed.xlf': 'attribute',
  'v2/invalid/oasis21-bad_InvalidTranslateInSegment.xlf': 'structure',
  'v2/invalid/oasis21-bad_NoFile.xlf': 'structure',
  'v2/invalid/oasis21-bad_DuplicateNoteIdsInUnit.xlf': 'duplicate_id',
  'v2/invalid/oasis21-bad_UnknownDataRefValue.xlf': 'constraint',
  'v2/invalid/oasis22-Good-pgs_plural.xlf': 'not_well_formed',
  'v2/invalid/oasis22-Good-mda_top-level.xlf': 'structure',
  'v2/invalid/oasis22-bad_InvalidXmlLangOnUnit.xlf': 'structure',
  'v1/invalid/symfony-invalid-xml-resources.xlf': 'not_well_formed',
  'v1/invalid/symfony-non-valid.xlf': 'structure',
  'v1/invalid/symfony-empty.xlf': 'empty',
};

(haveSamples ? describe : describe.skip)(haveSamples ? 'the OASIS and Symfony samples (MANIFEST.tsv)' : 'the OASIS and Symfony samples — SKIPPED: ../shared/xliff/samples is missing', () => {
  const manifest = haveSamples
    ? readFileSync(`${SAMPLES}MANIFEST.tsv`, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t'))
    : [];
  const valid = manifest.filter((r) => r[3] === 'valid').map((r) => r[0]);
  const invalid = manifest.filter((r) => r[3] === 'invalid').map((r) => r[0]);

  test('every file of the manifest is covered here', () => {
    expect(manifest.length).toBeGreaterThan(0);
    expect([...valid].sort()).toEqual([...Object.keys(VALID_UNITS), 'v1/valid/symfony-withdoctype.xlf'].sort());
    expect([...invalid].sort()).toEqual(Object.keys(INVALID).sort());
  });

  test.each(Object.entries(VALID_UNITS))('valid: %s has %i units', (file, count) => {
    const read = readXliff(readFileSync(SAMPLES + file));
    expect(read.stats.units).toBe(count);
  });

  // XSD-valid, but a DOCTYPE: refused by policy (xliff.md "Import rules": reject any DOCTYPE).
  test('valid but refused by policy: v1/valid/symfony-withdoctype.xlf (a DOCTYPE)', () => {
    expect(rejects(readFileSync(`${SAMPLES}v1/valid/symfony-withdoctype.xlf`)).code).toBe('doctype');
  });

  test.each(Object.entries(INVALID))('invalid: %s → %s', (file, code) => {
    expect(rejects(readFileSync(SAMPLES + file)).code).toBe(code);
  });
});
