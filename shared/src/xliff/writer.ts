import { XliffError } from './errors.js';
import { isLanguageTag, isNmtoken } from './escape.js';
import { XLIFF_MAX_REVISION, type XliffFileMeta, type XliffUnit, type XliffVersion } from './model.js';
import { prepareUnit, type Serializer } from './prepare.js';
import { serializer12 } from './write12.js';
import { serializer20 } from './write20.js';

const SERIALIZERS: Record<XliffVersion, Serializer> = { '2.0': serializer20, '1.2': serializer12 };

/** Chunks of about this size: one per unit would be ~10k tiny writes for a 10k-segment file. */
const CHUNK = 64 * 1024;

/**
 * Streams one XLIFF file (one target language) as string chunks; memory stays flat in the
 * number of units except for the set of unit ids, kept to refuse duplicates (which would make
 * the file invalid). Throws XliffError ('invalid_meta', 'invalid_unit') on data that cannot
 * become a valid document — before the first chunk for the metadata, at the unit otherwise.
 */
export function* writeXliff(meta: XliffFileMeta, units: Iterable<XliffUnit>, version: XliffVersion = '2.0'): Generator<string, void, undefined> {
  const serializer = start(meta, version);
  const seen = new Set<string>();
  let buffer = serializer.head(meta);
  for (const unit of units) {
    buffer += serializer.unit(prepareUnit(unit, version, seen));
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  yield buffer + serializer.tail(seen.size);
}

/** The same for units that come from an async source (a database cursor). */
export async function* writeXliffAsync(
  meta: XliffFileMeta,
  units: AsyncIterable<XliffUnit> | Iterable<XliffUnit>,
  version: XliffVersion = '2.0',
): AsyncGenerator<string, void, undefined> {
  const serializer = start(meta, version);
  const seen = new Set<string>();
  let buffer = serializer.head(meta);
  for await (const unit of units) {
    buffer += serializer.unit(prepareUnit(unit, version, seen));
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  yield buffer + serializer.tail(seen.size);
}

/** The whole document as one string: for tests and small files only. */
export function writeXliffString(meta: XliffFileMeta, units: Iterable<XliffUnit>, version: XliffVersion = '2.0'): string {
  let out = '';
  for (const chunk of writeXliff(meta, units, version)) out += chunk;
  return out;
}

function start(meta: XliffFileMeta, version: XliffVersion): Serializer {
  const serializer = SERIALIZERS[version];
  if (!serializer) throw new XliffError('invalid_meta', `XLIFF version "${String(version)}" cannot be written; use 2.0 or 1.2.`);
  // 2.0 <file id> is an NMTOKEN; the same rule for 1.2 keeps one export id format.
  if (!isNmtoken(meta.exportId)) throw new XliffError('invalid_meta', `The export id "${meta.exportId}" is not an XML NMTOKEN.`);
  if (!meta.documentId) throw new XliffError('invalid_meta', 'The document id is empty.');
  if (!Number.isInteger(meta.revision) || meta.revision < 1 || meta.revision > XLIFF_MAX_REVISION) {
    throw new XliffError('invalid_meta', `The revision ${meta.revision} is not an integer from 1 to ${XLIFF_MAX_REVISION}.`);
  }
  for (const tag of [meta.srcLang, meta.trgLang]) {
    if (!isLanguageTag(tag)) throw new XliffError('invalid_meta', `"${tag}" is not a BCP 47 language tag.`);
  }
  return serializer;
}
