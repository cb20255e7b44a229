import type { GlossaryEntry } from '@lockstep/shared/api';
import { useMemo } from 'react';
import type { Segment } from '../types';
import { termsIn, useGlossary, type GlossaryView } from './GlossaryContext';
import { insertAt, nextTermToInsert } from './insertTerm';

/** Inline code tags out, their text kept: terms are found in what the reader reads. */
const readable = (coded: string) => coded.replace(/<\/?\d+\/?>/g, '');

export interface SegmentTerms {
  glossary?: GlossaryView;
  entries: GlossaryEntry[];
  /** Puts `text` at the field's cursor (in place of its selection). */
  insert(field: HTMLTextAreaElement, text: string): void;
  /** Alt+T: the next term the translation lacks. */
  insertNext(field: HTMLTextAreaElement): void;
}

/**
 * The open segment's glossary terms and their insertion. `setText` is the editor's one way
 * to change the draft (the same the memory suggestions use), given the new text and cursor.
 */
export function useSegmentTerms(segment: Segment, targetLang: string, setText: (text: string, cursor: number) => void): SegmentTerms {
  const glossary = useGlossary();
  const entries = useMemo(() => termsIn(glossary, readable(segment.source)), [glossary, segment.source]);
  const insert = (field: HTMLTextAreaElement, text: string) => {
    const next = insertAt(field.value, field.selectionStart, field.selectionEnd, text);
    setText(next.text, next.cursor);
    field.focus();
  };
  return {
    glossary,
    entries,
    insert,
    insertNext(field) {
      const text = nextTermToInsert(entries, field.value, targetLang);
      if (text === undefined) return;
      insert(field, text);
    },
  };
}
