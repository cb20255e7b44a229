import { checkSegment, glossaryForQa, type QaWarning } from '@lockstep/shared';
import { useEffect, useMemo, useState } from 'react';
import { useGlossary } from '../glossary/GlossaryContext';
import type { EditorSegment } from './compactSegments';

/** Long enough to skip the keystrokes of a word typed at speed, short enough to feel immediate. */
const QA_DELAY_MS = 150;

/**
 * The shared QA checks (`checkSegment`, the same code the server runs on save) on the text
 * being typed, a moment after typing pauses. Inline codes are left out: the code strip under
 * the text already shows each code's state as it is typed, and a save refuses wrong codes.
 */
export function useLiveQa(segment: EditorSegment, text: string, sourceLang: string, targetLang: string): QaWarning[] {
  const [warnings, setWarnings] = useState<QaWarning[]>([]);
  const { source, sourceRuns } = segment;
  const entries = useGlossary()?.entries;
  const glossary = useMemo(() => (entries ? glossaryForQa(entries, targetLang) : undefined), [entries, targetLang]);

  useEffect(() => {
    if (text.trim() === '') {
      setWarnings([]);
      return;
    }
    const timer = setTimeout(() => {
      try {
        const found = checkSegment({
          sourceCoded: source,
          targetCoded: text,
          sourceLang,
          targetLang,
          sourceRuns,
          glossary,
        });
        setWarnings(found.filter((w) => w.code !== 'inline_codes'));
      } catch {
        // A check that trips over unusual text must not take the editor down; the save checks again.
        setWarnings([]);
      }
    }, QA_DELAY_MS);
    return () => clearTimeout(timer);
  }, [source, sourceRuns, text, sourceLang, targetLang, glossary]);

  return warnings;
}
