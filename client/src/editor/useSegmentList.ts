import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { asApiError, ApiError, api, apiPath } from '../api';
import type { CompactSegmentList, Translation } from '../types';
import { fromCompact, type EditorSegment } from './compactSegments';
import { matchingIds, type Filter } from './worklist';

export interface SegmentList {
  /** The last answer for the current filter, with our own saves laid over it. */
  segments: EditorSegment[] | undefined;
  loading: boolean;
  error: ApiError | undefined;
  reload(): void;
  /** Records a translation the server returned, so the list shows it without a refetch. */
  update(segmentId: string, translation: Translation): void;
  /**
   * Fetches these segments again (someone else changed them) and lays them over the list;
   * calls within a short moment share one request.
   */
  refresh(segmentIds: Iterable<string>): void;
}

/** A Performance mark set when a whole list has arrived and been parsed. */
export const SEGMENTS_PARSED = 'lockstep:segments-parsed';

/** Events often come in bursts (an import, a reviewer approving down the list): one refetch for a burst. */
const REFRESH_BATCH_MS = 120;

/**
 * The segments of one document × language for a filter and search. The language's whole list
 * is fetched once and filtered here (`matchingIds`): a filter or search on a 10,000-segment
 * document answers in milliseconds, where asking the server again meant fetching and parsing
 * megabytes. Which segments a filter keeps is decided when the filter, the search or the
 * fetched list changes, not when a save changes a state, so a row just saved does not vanish
 * from under the cursor (as when the server filtered). Translations the editor wrote win over
 * an older fetched copy by version, so a slow refetch never shows a segment older than what
 * was just saved.
 */
export function useSegmentList(doc: string, lang: string, filter: Filter, search: string): SegmentList {
  const [fetched, setFetched] = useState<EditorSegment[]>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);
  const [written, setWritten] = useState<ReadonlyMap<string, Translation>>(new Map());
  const [loaded, setLoaded] = useState(0);
  // The compact shape (about half the bytes, written by the database in one piece): what rows show.
  const path = apiPath(['documents', doc, 'segments'], { lang, view: 'compact' });

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api.get<CompactSegmentList>(path, controller.signal).then(
      (data) => {
        // The bench (editor-10k) splits opening into fetch, parse and render at this mark.
        performance.mark(SEGMENTS_PARSED);
        setFetched(data.segments.map(fromCompact));
        setLoaded((n) => n + 1);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(err));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [path, attempt]);

  const merged = useMemo(
    () =>
      fetched?.map((segment) => {
        const mine = written.get(segment.id);
        if (!mine || !segment.translation || mine.version < segment.translation.version) return segment;
        return { ...segment, translation: { ...segment.translation, ...mine } };
      }),
    [fetched, written],
  );
  const latest = useRef(merged);
  latest.current = merged;
  // Filtered again when a whole list arrived (`loaded`), not when a few rows were refreshed or saved.
  const kept = useMemo(
    () => (latest.current ? matchingIds(latest.current, filter, search) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [loaded, filter, search],
  );
  const segments = useMemo(() => (kept ? merged?.filter((s) => kept.has(s.id)) : merged), [merged, kept]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  // The API lists segments but cannot fetch a few by id: the language's whole list is asked
  // for and only the asked-for rows are replaced, so the rest of the screen does not move.
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const refresh = useCallback(
    (segmentIds: Iterable<string>) => {
      for (const id of segmentIds) pending.current.add(id);
      if (pending.current.size === 0 || timer.current !== undefined) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        const ids = pending.current;
        pending.current = new Set();
        api.get<CompactSegmentList>(path).then(
          (data) => {
            const fresh = new Map(data.segments.filter((s) => ids.has(s.id)).map((s) => [s.id, fromCompact(s)]));
            setFetched((old) => old?.map((s) => fresh.get(s.id) ?? s));
          },
          // A failed refresh keeps the rows as they were; the next event or a reload brings them.
          () => undefined,
        );
      }, REFRESH_BATCH_MS);
    },
    [path],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  const update = useCallback((segmentId: string, translation: Translation) => {
    setWritten((old) => new Map(old).set(segmentId, translation));
  }, []);

  return { segments, loading, error, reload, update, refresh };
}
