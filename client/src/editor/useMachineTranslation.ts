import { useEffect, useState } from 'react';
import { api, apiPath } from '../api';
import type { MachineSuggestion, MachineSuggestions } from '../types';

export type { MachineSuggestion };

/** `off`: nothing is asked (a reader, who could not insert a draft). */
export type MachineTranslationState = { status: 'off' } | { status: 'loading' } | { status: 'ready'; suggestions: MachineSuggestion[] };

/**
 * Machine-translation drafts for the open segment, asked once per segment and language (a
 * draft depends on the source only). The server answers an empty list when no engine serves
 * the pair or none answered in time; a failed request is shown the same way, since a missing
 * draft must never stand in a translator's way.
 */
export function useMachineTranslation(doc: string, segmentId: string, lang: string, enabled: boolean): MachineTranslationState {
  // Tagged with its segment: another segment's drafts are never shown (or inserted) here.
  const [state, setState] = useState<{ key: string; mt: MachineTranslationState }>({ key: '', mt: { status: 'loading' } });
  const key = `${doc}\u0000${segmentId}\u0000${lang}`;
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const set = (mt: MachineTranslationState) => setState({ key, mt });
    api.get<MachineSuggestions>(apiPath(['documents', doc, 'segments', segmentId, 'mt', lang]), controller.signal).then(
      (data) => set({ status: 'ready', suggestions: data.suggestions }),
      () => {
        if (!controller.signal.aborted) set({ status: 'ready', suggestions: [] });
      },
    );
    return () => controller.abort();
  }, [doc, segmentId, lang, enabled, key]);
  if (!enabled) return { status: 'off' };
  return state.key === key ? state.mt : { status: 'loading' };
}
