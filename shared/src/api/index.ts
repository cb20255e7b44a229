/**
 * The HTTP API's request and response bodies, defined once: the server's services and routes
 * build them, the client reads them, and tests/src/api/apiTypes.check.ts makes tsc prove that
 * each one agrees with its schema in docs/openapi.yaml. Types only: nothing here runs.
 * Imported as `@lockstep/shared/api` (its names, e.g. `Segment`, are the OpenAPI component
 * names, some of which the domain modules of `@lockstep/shared` also use).
 */
export type * from './accounts.js';
export type * from './alignment.js';
export type * from './comments.js';
export type * from './glossary.js';
export type * from './documents.js';
export type * from './json.js';
export type * from './machineTranslation.js';
export type * from './memory.js';
export type * from './myWork.js';
export type * from './revisions.js';
export type * from './segments.js';
export type * from './timeline.js';
export type { ImportReport, ImportUnitReport } from '../xliff/importRules.js';
export type { ExchangeFileReport, ExchangeOverride, ExchangeReport } from '../xliff/exchange.js';
export type { LanguageCode } from '../languages.js';
