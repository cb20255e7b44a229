import type { VisitChangeKind } from '@lockstep/shared';
import { useEffect, useRef, useState } from 'react';
import { api, apiPath } from '../api';


/** One segment that changed since the user's last visit: how, and by whom (names; none for a revision). */
export interface SegmentChange {
  id: string;
  changes: VisitChangeKind[];
  by: string[];
}

interface ChangesResponse {
  lang: string;
  /** The event number of the last visit; null when the user never opened this editor. */
  since: number | null;
  visitedAt: string | null;
  until: number;
  segments: SegmentChange[];
}

export type SinceLastVisit =
  | { status: 'loading' | 'error' }
  | { status: 'ready'; since: number | null; visitedAt: string | null; changes: ReadonlyMap<string, SegmentChange> };

/**
 * "Since your last visit" for one document × language: what changed since the user last opened
 * this editor, read first; then this visit is recorded (which moves "last visit" to now, so the
 * order matters). Once per editor: a second run of the effect (React's strict mode) must not
 * read again after the visit moved.
 */
export function useSinceLastVisit(doc: string, lang: string): SinceLastVisit {
  const [state, setState] = useState<SinceLastVisit>({ status: 'loading' });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const read = api.get<ChangesResponse>(apiPath(['documents', doc, 'changes', lang], { since: 'lastVisit' }));
    read.then(
      (data) => {
        setState({ status: 'ready', since: data.since, visitedAt: data.visitedAt, changes: new Map(data.segments.map((s) => [s.id, s])) });
        // Only a visit whose changes were shown counts as seen. A failure here costs nothing
        // but a longer list next time.
        api.post(apiPath(['documents', doc, 'visits', lang]), {}).catch(() => undefined);
      },
      () => setState({ status: 'error' }),
    );
  }, [doc, lang]);
  return state;
}
