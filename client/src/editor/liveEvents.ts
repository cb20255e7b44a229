/**
 * The document's live events (api.md "Live events", `GET /api/documents/:doc/events`) as the
 * editor reads them, and the pure rule for what an event means to an open editor. Events carry
 * ids and versions, never texts: the editor fetches the rows it has to refresh.
 */

export interface TranslationEventData {
  seq: number;
  kind: 'translation';
  segment: string;
  lang: string;
  version: number;
  state: string;
  action: string;
  userId: number | null;
  by: string | null;
}

export interface ImportEventData {
  seq: number;
  kind: 'import';
  lang: string;
  units: { segment: string; version: number; state: string }[];
  suggested: { segment: string; version: number }[];
  userId: number | null;
  by: string | null;
}

export interface RevisionEventData {
  seq: number;
  kind: 'revision';
  revision: number;
  stale: Record<string, number>;
  userId: number | null;
  by: string | null;
}

/** A comment or question written, edited, deleted or resolved (`lang` null: for all languages). */
export interface CommentEventData {
  seq: number;
  kind: 'comment';
  comment: number;
  segment: string;
  lang: string | null;
  action: string;
  userId: number | null;
  by: string | null;
}

export interface ResetEventData {
  seq: number;
  kind: 'reset';
  reason: string;
}

export type LiveEvent = TranslationEventData | ImportEventData | RevisionEventData | CommentEventData | ResetEventData;

/** The SSE event names the editor listens to (`ready` only says where the stream starts). */
export const LIVE_EVENT_NAMES = ['translation', 'import', 'revision', 'comment', 'reset'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown): v is string => typeof v === 'string';
const nameOrNull = (v: unknown): string | null => (str(v) ? v : null);
const idOrNull = (v: unknown): number | null => (num(v) ? v : null);

/**
 * One event's `data` as sent, checked: a malformed or unknown event is `undefined` (ignored),
 * so a server that adds fields or kinds never breaks an open editor.
 */
export function parseLiveEvent(name: string, raw: string): LiveEvent | undefined {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(data) || !num(data.seq)) return undefined;
  const who = { userId: idOrNull(data.userId), by: nameOrNull(data.by) };
  switch (name) {
    case 'translation':
      if (!str(data.segment) || !str(data.lang) || !num(data.version)) return undefined;
      return {
        seq: data.seq,
        kind: 'translation',
        segment: data.segment,
        lang: data.lang,
        version: data.version,
        state: str(data.state) ? data.state : '',
        action: str(data.action) ? data.action : '',
        ...who,
      };
    case 'import': {
      if (!str(data.lang)) return undefined;
      const units = Array.isArray(data.units) ? data.units.filter((u) => isObject(u) && str(u.segment) && num(u.version)) : [];
      const suggested = Array.isArray(data.suggested) ? data.suggested.filter((u) => isObject(u) && str(u.segment) && num(u.version)) : [];
      return { seq: data.seq, kind: 'import', lang: data.lang, units: units as ImportEventData['units'], suggested: suggested as ImportEventData['suggested'], ...who };
    }
    case 'revision':
      return {
        seq: data.seq,
        kind: 'revision',
        revision: num(data.revision) ? data.revision : 0,
        stale: isObject(data.stale) ? (Object.fromEntries(Object.entries(data.stale).filter(([, n]) => num(n))) as Record<string, number>) : {},
        ...who,
      };
    case 'comment':
      if (!num(data.comment) || !str(data.segment) || !(data.lang === null || str(data.lang))) return undefined;
      return { seq: data.seq, kind: 'comment', comment: data.comment, segment: data.segment, lang: data.lang, action: str(data.action) ? data.action : '', ...who };
    case 'reset':
      return { seq: data.seq, kind: 'reset', reason: str(data.reason) ? data.reason : '' };
    default:
      return undefined;
  }
}

/** A row the editor shows that an event made out of date. */
export interface ChangedRow {
  id: string;
  version: number;
  by: string | null;
  userId: number | null;
}

/**
 * The rows of `lang` that a translation or import event changed beyond what the editor shows:
 * `versionOf(id)` is the version on screen, `undefined` when the row is not in the list (a
 * filter hides it: nothing to refresh). An equal or older version is our own save coming back,
 * or an event replayed after a reconnect: no refetch.
 */
export function changedRows(event: LiveEvent, lang: string, versionOf: (id: string) => number | undefined): ChangedRow[] {
  if ((event.kind !== 'translation' && event.kind !== 'import') || event.lang !== lang) return [];
  const touched = event.kind === 'translation' ? [{ segment: event.segment, version: event.version }] : [...event.units, ...event.suggested];
  const out = new Map<string, ChangedRow>();
  for (const { segment, version } of touched) {
    const shown = versionOf(segment);
    if (shown === undefined || version <= shown) continue;
    const known = out.get(segment);
    if (!known || known.version < version) out.set(segment, { id: segment, version, by: event.by, userId: event.userId });
  }
  return [...out.values()];
}
