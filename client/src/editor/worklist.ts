import { plainOfCoded } from '@lockstep/shared';
import type { EditorSegment } from './compactSegments';

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
export function isEditable(segment: EditorSegment): boolean {
  return segment.translatable && segment.translation !== null;
}

export function needsWork(segment: EditorSegment): boolean {
  const state = segment.translation?.state;
  return isEditable(segment) && (state === 'untranslated' || state === 'stale');
}

/**
 * The segment to go to after `currentId` is done: the next one in document order that needs
 * work, wrapping around to the top; `undefined` when nothing else in the list needs work.
 */
export function nextToWorkOn(segments: readonly EditorSegment[], currentId: string | undefined): string | undefined {
  const from = segments.findIndex((s) => s.id === currentId);
  for (let step = 1; step <= segments.length; step++) {
    const candidate = segments[(from + step + segments.length) % segments.length];
    if (candidate.id !== currentId && needsWork(candidate)) return candidate.id;
  }
  return undefined;
}

/** The editable segment `delta` places before or after `currentId` (no wrapping). */
export function neighbour(segments: readonly EditorSegment[], currentId: string | undefined, delta: 1 | -1): string | undefined {
  const from = segments.findIndex((s) => s.id === currentId);
  for (let i = from + delta; i >= 0 && i < segments.length; i += delta) {
    if (isEditable(segments[i])) return segments[i].id;
  }
  return undefined;
}

function inFilter(segment: EditorSegment, filter: Filter): boolean {
  switch (filter) {
    case 'all':
    case 'changed':
      return true;
    case 'needs-work':
      return needsWork(segment);
    case 'open-questions':
      return segment.openQuestions > 0;
    default:
      return segment.translation?.state === filter;
  }
}

/** The source as read (codes removed), lower-cased: computed once per segment object, not per keystroke. */
const readableSource = new WeakMap<EditorSegment, string>();
function sourceForSearch(segment: EditorSegment): string {
  let text = readableSource.get(segment);
  if (text === undefined) {
    text = plainOfCoded(segment.source).toLowerCase();
    readableSource.set(segment, text);
  }
  return text;
}

/**
 * The ids of the segments a filter and search keep, as the API's `state` and `q` would (api.md):
 * a state, "needs work" (untranslated or stale), open questions; the search a case-insensitive
 * piece of the source as read or of the translation, or a segment's id. The editor filters the
 * list it has in memory, so a filter on 10,000 segments answers without a request.
 */
export function matchingIds(segments: readonly EditorSegment[], filter: Filter, search: string): Set<string> {
  const q = search.trim();
  const needle = q.normalize('NFC').toLowerCase();
  const id = q.toLowerCase();
  const ids = new Set<string>();
  for (const segment of segments) {
    if (!inFilter(segment, filter)) continue;
    if (q && segment.id !== id && !sourceForSearch(segment).includes(needle) && !(segment.translation?.text.toLowerCase().includes(needle) ?? false)) continue;
    ids.add(segment.id);
  }
  return ids;
}
