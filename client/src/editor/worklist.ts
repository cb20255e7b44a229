import type { Segment } from '../types';

/** The editor's state filters; all but `all` are the server's `state` query values (api.md). */
export const FILTERS = ['all', 'needs-work', 'stale', 'untranslated', 'translated', 'approved', 'open-questions'] as const;
/**
 * `changed`: the segments that changed since the user's last visit, which the client knows
 * (`GET …/changes/:lang`) and picks out of the whole list.
 */
export type Filter = (typeof FILTERS)[number] | 'changed';

export function isFilter(value: unknown): value is Filter {
  return typeof value === 'string' && (value === 'changed' || (FILTERS as readonly string[]).includes(value));
}

/** Locked segments have no translation to write (api.md): the editor skips them. */
export function isEditable(segment: Segment): boolean {
  return segment.translatable && segment.translation !== null;
}

export function needsWork(segment: Segment): boolean {
  const state = segment.translation?.state;
  return isEditable(segment) && (state === 'untranslated' || state === 'stale');
}

/**
 * The segment to go to after `currentId` is done: the next one in document order that needs
 * work, wrapping around to the top; `undefined` when nothing else in the list needs work.
 */
export function nextToWorkOn(segments: readonly Segment[], currentId: string | undefined): string | undefined {
  const from = segments.findIndex((s) => s.id === currentId);
  for (let step = 1; step <= segments.length; step++) {
    const candidate = segments[(from + step + segments.length) % segments.length];
    if (candidate.id !== currentId && needsWork(candidate)) return candidate.id;
  }
  return undefined;
}

/** The editable segment `delta` places before or after `currentId` (no wrapping). */
export function neighbour(segments: readonly Segment[], currentId: string | undefined, delta: 1 | -1): string | undefined {
  const from = segments.findIndex((s) => s.id === currentId);
  for (let i = from + delta; i >= 0 && i < segments.length; i += delta) {
    if (isEditable(segments[i])) return segments[i].id;
  }
  return undefined;
}

/** Filter and search as the segments query of the API expects them. */
export function segmentQuery(lang: string, filter: Filter, search: string): Record<string, string> {
  const query: Record<string, string> = { lang };
  if (filter !== 'all' && filter !== 'changed') query.state = filter;
  const q = search.trim();
  if (q) query.q = q;
  return query;
}
