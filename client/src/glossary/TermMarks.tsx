import { Fragment, useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GlossaryEntry } from '@lockstep/shared/api';
import { occurrencesIn, useGlossary, type GlossaryView } from './GlossaryContext';
import { renderingsOf } from './insertTerm';

/**
 * A source text with its glossary terms marked. Each mark can take focus, and its target
 * term shows on hover and on focus, in a tooltip the mark is described by (screen readers
 * read it with the term).
 */
export function TermMarks({ text, render }: { text: string; render: (text: string) => ReactNode }) {
  const glossary = useGlossary();
  // Every row of the list renders this for each piece of its source: match once per text.
  const found = useMemo(() => occurrencesIn(glossary, text), [glossary, text]);
  if (!glossary || !found.length) return <>{render(text)}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const o of found) {
    if (o.start > at) parts.push(<Fragment key={`t${at}`}>{render(text.slice(at, o.start))}</Fragment>);
    parts.push(<TermMark key={`m${o.start}`} entry={glossary.byId.get(o.termId)!} glossary={glossary} text={text.slice(o.start, o.end)} />);
    at = o.end;
  }
  if (at < text.length) parts.push(<Fragment key={`t${at}`}>{render(text.slice(at))}</Fragment>);
  return <>{parts}</>;
}

function TermMark({ entry, glossary, text }: { entry: GlossaryEntry; glossary: GlossaryView; text: string }) {
  const { t } = useTranslation();
  const tip = useId();
  const renderings = renderingsOf(entry, glossary.targetLang);
  const says = entry.doNotTranslate
    ? t('glossary.mark.doNotTranslate', { term: entry.term })
    : renderings.length
      ? t('glossary.mark.translation', { translations: renderings.join(' / ') })
      : t('glossary.mark.noTranslation');
  return (
    // Focusable so keyboard users reach the tooltip; the row's own click still opens the segment.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <span className="glossary-term" tabIndex={0} aria-describedby={tip} data-term={entry.id}>
      {text}
      <span role="tooltip" id={tip} className="glossary-term__tip">
        {says}
        {entry.note && <span className="glossary-term__note"> — {entry.note}</span>}
      </span>
    </span>
  );
}
