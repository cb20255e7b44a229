import type { ProgressState } from '@lockstep/shared';

/**
 * Shapes of the HTTP API as the client reads them: defined once in `@lockstep/shared/api`,
 * which the server builds its answers from and tsc checks against docs/openapi.yaml.
 */
export type * from '@lockstep/shared/api';
export type { StateCounts } from '@lockstep/shared';

/** The order states are shown in: done work first, then what needs work, then what needs none. */
export const STATES: readonly ProgressState[] = ['approved', 'translated', 'stale', 'untranslated', 'locked'];
