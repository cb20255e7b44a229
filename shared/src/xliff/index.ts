export { XLIFF_ERROR_CODES, XliffError, type XliffErrorCode, type XliffErrorDetails } from './errors.js';
export type {
  ReadFile,
  ReadUnit,
  ReadWarning,
  UnitProblem,
  XliffFileMeta,
  XliffIntent,
  XliffNote,
  XliffReadOptions,
  XliffReadResult,
  XliffReadStats,
  XliffReadVersion,
  XliffUnit,
  XliffUnitState,
  XliffVersion,
} from './model.js';
export { XLIFF_MAX_BYTES } from './model.js';
export { writeXliff, writeXliffAsync, writeXliffString } from './writer.js';
export { readXliff } from './read.js';
export { decodeXliffBytes, type Decoded as DecodedXliff } from './decode.js';
export { EXPORT_STATES, intentOf12, intentOf20, LOCKSTEP_QUALIFIER_STALE, LOCKSTEP_SUBSTATE_STALE } from './states.js';
export { lockstepLanguageOf } from './lang.js';
export { LOCKSTEP_NS, XLIFF_NS } from './namespaces.js';
export { decideImport, type ImportDecision, type ImportFacts, type ImportOutcome, type ImportReport, type ImportUnitReport } from './importRules.js';
export type { ExchangeFileReport, ExchangeOverride, ExchangeReport } from './exchange.js';
