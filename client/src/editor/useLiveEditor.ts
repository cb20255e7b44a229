import { useCallback, useEffect, useRef, useState } from 'react';
import type { User } from '../types';
import { threadChanged } from './commentsApi';
import { changedRows, type LiveEvent } from './liveEvents';
import type { EditorModel } from './useEditor';
import { useLiveEvents } from './useLiveEvents';
import type { SegmentList } from './useSegmentList';

/** A burst of events (an import, a reviewer going down the list) refreshes the progress bar once. */
const PROGRESS_DELAY_MS = 300;

export interface PublishedRevision {
  revision: number;
  by: string | null;
}

interface Options {
  doc: string;
  lang: string;
  user: User;
  list: SegmentList;
  model: EditorModel;
  reloadProgress(): void;
}

/**
 * Keeps an open editor in step with everyone else's work: rows another user saved are fetched
 * again (drafts are never touched: a draft on a row that changed gets a notice, and saving it
 * meets the 409 conflict view), the progress bar follows, and a published revision offers a
 * reload instead of reshuffling the list under the user's hands.
 */
export function useLiveEditor({ doc, lang, user, list, model, reloadProgress }: Options) {
  const [revision, setRevision] = useState<PublishedRevision>();
  const progressTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(progressTimer.current), []);

  const progressSoon = () => {
    clearTimeout(progressTimer.current);
    progressTimer.current = setTimeout(reloadProgress, PROGRESS_DELAY_MS);
  };

  useLiveEvents(doc, (event: LiveEvent) => {
    switch (event.kind) {
      case 'reset':
        // The stream could not resume where it was: what we show may have missed changes.
        list.reload();
        progressSoon();
        return;
      case 'revision':
        setRevision({ revision: event.revision, by: event.by });
        progressSoon();
        return;
      case 'comment':
        // A thread of this language or of all languages: its row's open-question count, the
        // toolbar's, and the thread if it is open.
        if (event.lang !== null && event.lang !== lang) return;
        list.refresh([event.segment]);
        progressSoon();
        threadChanged(event.segment);
        return;
      case 'translation':
      case 'import': {
        if (event.lang !== lang) return;
        progressSoon();
        const shown = new Map((list.segments ?? []).map((s) => [s.id, s.translation?.version]));
        const rows = changedRows(event, lang, (id) => shown.get(id));
        if (rows.length === 0) return;
        list.refresh(rows.map((r) => r.id));
        for (const row of rows) if (row.userId !== user.id) model.changedUnderneath(row.id, row.by);
      }
    }
  });

  const { reload } = list;
  const reloadForRevision = useCallback(() => {
    setRevision(undefined);
    reload();
    reloadProgress();
  }, [reload, reloadProgress]);

  return { revision, reloadForRevision, dismissRevision: useCallback(() => setRevision(undefined), []) };
}
