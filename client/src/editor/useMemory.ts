import { useEffect, useState } from 'react';
import { api, apiPath } from '../api';
import type { MemorySuggestion, MemorySuggestions } from '../types';

export type { MemorySuggestion };

/** `fuzzy` false: the segment is longer than `fuzzyMaxChars`, so only identical sources were looked up. */
export type MemoryState = { status: 'loading' } | { status: 'ready'; suggestions: MemorySuggestion[]; fuzzy: boolean; fuzzyMaxChars: number } | { status: 'error' };

/** As many suggestions as have a keystroke (Alt+Shift+1 … 3). */
export const MEMORY_SHOWN = 3;

/**
 * Suggestions for the open segment, fetched when it opens and again after each new version
 * (its own earlier texts are part of the memory).
 */
export function useMemory(doc: string, segmentId: string, lang: string, version: number): MemoryState {
  // Tagged with its segment: another segment's suggestions are never shown (or inserted) here.
  const [state, setState] = useState<{ segmentId: string; memory: MemoryState }>({ segmentId, memory: { status: 'loading' } });
  useEffect(() => {
    const controller = new AbortController();
    const set = (memory: MemoryState) => setState({ segmentId, memory });
    const path = apiPath(['documents', doc, 'segments', segmentId, 'memory', lang], { limit: String(MEMORY_SHOWN) });
    api.get<MemorySuggestions>(path, controller.signal).then(
      (data) => set({ status: 'ready', suggestions: data.suggestions.slice(0, MEMORY_SHOWN), fuzzy: data.fuzzy, fuzzyMaxChars: data.fuzzyMaxChars }),
      () => {
        if (!controller.signal.aborted) set({ status: 'error' });
      },
    );
    return () => controller.abort();
  }, [doc, segmentId, lang, version]);
  return state.segmentId === segmentId ? state.memory : { status: 'loading' };
}
