import { useCallback, useEffect, useState } from 'react';
import type { LanguageProgress } from '../types';
import { loadProgress } from './editorApi';

/**
 * The language's progress as the server counts it (api.md "Progress"), fetched again after
 * every write. The last answer stays on screen while the next one loads, and a failed refresh
 * keeps it too: the bar is a summary, the segments themselves show the truth.
 */
export function useProgress(doc: string, lang: string): [LanguageProgress | undefined, () => void] {
  const [progress, setProgress] = useState<LanguageProgress>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    loadProgress(doc, controller.signal).then(
      (data) => setProgress(data.languages?.[lang]),
      () => undefined,
    );
    return () => controller.abort();
  }, [doc, lang, attempt]);

  return [progress, useCallback(() => setAttempt((n) => n + 1), [])];
}
