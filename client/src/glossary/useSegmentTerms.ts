import { plainOfCoded } from '@lockstep/shared';
import type { GlossaryEntry } from '@lockstep/shared/api';
import { useMemo } from 'react';
import type { Segment } from '../types';
import { termsIn, useGlossary, type GlossaryView } from './GlossaryContext';
import { nextTermToInsert } from './insertTerm';

/** Inline code tags out, their text kept: terms are found in what the reader reads. */

export interface SegmentTerms {
  glossary?: GlossaryView;
  entries: GlossaryEntry[];
  /** Puts `text` at the field's cursor (in place of its selection). */
  insert(text: string): void;
  /** Alt+T: the next term the translation lacks. */
  insertNext(): void;
}

/** The translation field as the glossary uses it: the chip editor (TranslationField). */
export interface TermTarget {
  /** The coded text the field holds now. */
  text(): string;
  /** Inserts at the selection, through the field's one insertion path (one undo step, a draft). */
  insertAtSelection(text: string): void;
}

/** The open segment's glossary terms and their insertion into the translation field. */
export function useSegmentTerms(segment: Pick<Segment, 'source'>, targetLang: string, target: TermTarget): SegmentTerms {
  const glossary = useGlossary();
  const entries = useMemo(() => termsIn(glossary, plainOfCoded(segment.source)), [glossary, segment.source]);
  return {
    glossary,
    entries,
    insert: (text) => target.insertAtSelection(text),
    insertNext() {
      const text = nextTermToInsert(entries, target.text(), targetLang);
      if (text !== undefined) target.insertAtSelection(text);
    },
  };
}
