import { LockstepError, type ErrorKind } from '../errors.js';

/**
 * Why an XLIFF file (or an export request) was refused. Stable machine words: the client
 * translates them, tests assert them.
 */
export type XliffErrorCode =
  // Bytes and XML (400: the body is not a readable XML document).
  | 'empty' // no bytes, or no root element
  | 'encoding' // invalid bytes for the encoding, or an encoding we cannot decode
  | 'not_well_formed' // any XML 1.0 well-formedness or namespace error
  | 'truncated' // the input ends before the root element is closed
  | 'doctype' // any DOCTYPE: entities are never resolved (billion laughs, external entities)
  | 'entity' // a reference to an entity other than the five XML ones
  | 'too_deep' // element nesting beyond any real XLIFF file
  // XLIFF (422: well-formed XML that is not acceptable XLIFF).
  | 'not_xliff' // the root is not <xliff>
  | 'unsupported_version'
  | 'structure' // an element or attribute the schema does not allow there, or a missing one
  | 'attribute' // an attribute value the schema does not allow
  | 'duplicate_id'
  | 'language' // a malformed language tag, a missing trgLang, or a target in another language
  | 'wrong_language' // the file's languages are not the ones the caller expected
  | 'constraint' // an XLIFF 2 processing constraint the schema does not express
  // Size (413).
  | 'too_large'
  // Writer: the caller handed over data that cannot become a valid document.
  | 'invalid_meta'
  | 'invalid_unit'
  // A bug in the reader, converted so that callers still see only XliffError.
  | 'internal';

export interface XliffErrorDetails {
  /** 1-based line and column of the place in the (decoded) document, when known. */
  line?: number;
  column?: number;
  /** Byte offset in the input, for encoding errors. */
  offset?: number;
  /** The unit the error is about, when there is one. */
  unit?: string;
}

const KIND: Record<XliffErrorCode, ErrorKind> = {
  empty: 'invalid',
  encoding: 'invalid',
  not_well_formed: 'invalid',
  truncated: 'invalid',
  doctype: 'invalid',
  entity: 'invalid',
  too_deep: 'invalid',
  not_xliff: 'unprocessable',
  unsupported_version: 'unprocessable',
  structure: 'unprocessable',
  attribute: 'unprocessable',
  duplicate_id: 'unprocessable',
  language: 'unprocessable',
  wrong_language: 'unprocessable',
  constraint: 'unprocessable',
  too_large: 'too_large',
  invalid_meta: 'unprocessable',
  invalid_unit: 'unprocessable',
  internal: 'invalid',
};

/** Every code an XliffError can carry: the client has a message for each (tests/src/client/errorMessages.test.ts). */
export const XLIFF_ERROR_CODES = Object.keys(KIND) as readonly XliffErrorCode[];

/**
 * The only error the XLIFF reader and writer throw (style.md: errors are values of our own
 * types). A LockstepError, so the server's one error mapper turns it into 400/413/422 with
 * the position in `details`.
 */
export class XliffError extends LockstepError {
  declare readonly line?: number;
  declare readonly column?: number;
  declare readonly offset?: number;
  declare readonly unit?: string;

  constructor(
    override readonly code: XliffErrorCode,
    message: string,
    where: XliffErrorDetails = {},
  ) {
    const at = where.line !== undefined ? ` (line ${where.line}, column ${where.column ?? 1})` : '';
    super(KIND[code], code, message + at, where);
    this.name = 'XliffError';
    Object.assign(this, where);
  }
}
