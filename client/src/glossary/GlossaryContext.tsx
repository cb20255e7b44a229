import { findTerms, type TermOccurrence } from '@lockstep/shared';
import type { GlossaryEntry, GlossaryList } from '@lockstep/shared/api';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { apiPath } from '../api';
import { useResource } from '../useResource';

/** The glossary of the document's source language, seen from one target language. */
export interface GlossaryView {
  sourceLang: string;
  targetLang: string;
  entries: readonly GlossaryEntry[];
  byId: ReadonlyMap<number, GlossaryEntry>;
}

const GlossaryContext = createContext<GlossaryView | undefined>(undefined);

/** Loads the terms once per editor page; rows and the open segment read them from here. */
export function GlossaryProvider({ sourceLang, targetLang, children }: { sourceLang: string; targetLang: string; children: ReactNode }) {
  const [list] = useResource<GlossaryList>(apiPath(['glossary'], { sourceLang }));
  const entries = list.status === 'ready' ? list.data.entries : undefined;
  const view = useMemo<GlossaryView | undefined>(
    () => (entries ? { sourceLang, targetLang, entries, byId: new Map(entries.map((e) => [e.id, e])) } : undefined),
    [entries, sourceLang, targetLang],
  );
  return <GlossaryContext.Provider value={view}>{children}</GlossaryContext.Provider>;
}

export function useGlossary(): GlossaryView | undefined {
  return useContext(GlossaryContext);
}

/** The glossary's terms in a source text, each once, in order of first appearance. */
export function termsIn(glossary: GlossaryView | undefined, text: string): GlossaryEntry[] {
  if (!glossary?.entries.length) return [];
  const seen = new Set<number>();
  const out: GlossaryEntry[] = [];
  for (const o of findTerms(text, glossary.sourceLang, glossary.entries)) {
    if (seen.has(o.termId)) continue;
    seen.add(o.termId);
    out.push(glossary.byId.get(o.termId)!);
  }
  return out;
}

export function occurrencesIn(glossary: GlossaryView | undefined, text: string): TermOccurrence[] {
  return glossary?.entries.length ? findTerms(text, glossary.sourceLang, glossary.entries) : [];
}
