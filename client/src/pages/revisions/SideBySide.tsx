import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';
import type { Document, SideSegment } from '../../types';

interface Props {
  document: Document;
  sides: { old: SideSegment[]; new: SideSegment[] };
  /** The revision the new text would replace. */
  base: number;
}

interface Block {
  block: number;
  sentences: SideSegment[];
  changed: boolean;
}

/** Sentences grouped into their paragraphs (headings, list items, table cells), in order. */
function blocksOf(side: readonly SideSegment[]): Block[] {
  const blocks: Block[] = [];
  for (const s of side) {
    const last = blocks[blocks.length - 1];
    if (last && last.block === s.block) {
      last.sentences.push(s);
      last.changed ||= s.kind !== 'unchanged';
    } else {
      blocks.push({ block: s.block, sentences: [s], changed: s.kind !== 'unchanged' });
    }
  }
  return blocks;
}

/**
 * The published source and the new text side by side, before publishing: every sentence the
 * revision touches is marked with its class (a coloured background, a border style and the
 * class written out, so colour is never the only sign). Unchanged paragraphs can be hidden.
 */
export function SideBySide({ document: doc, sides, base }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const toggleId = useId();
  const [onlyChanged, setOnlyChanged] = useState(true);
  const oldBlocks = useMemo(() => blocksOf(sides.old), [sides.old]);
  const newBlocks = useMemo(() => blocksOf(sides.new), [sides.new]);
  const column = (blocks: Block[], label: string, which: 'old' | 'new') => {
    const shown = onlyChanged ? blocks.filter((b) => b.changed) : blocks;
    return (
      <section className={`side-by-side__column side-by-side__column--${which}`} aria-label={label}>
        <h4>{label}</h4>
        {shown.length === 0 && <p className="muted">{t('revisions.noChanges')}</p>}
        {shown.map((b) => (
          <p key={b.block} className="side-by-side__block" lang={doc.sourceLang} dir="auto">
            {b.sentences.map((s, i) => (
              <span key={i}>
                {i > 0 && ' '}
                {s.kind === 'unchanged' ? (
                  s.text
                ) : (
                  <mark className={`side-by-side__sentence side-by-side__sentence--${s.kind}`} data-kind={s.kind}>
                    <span className={`badge badge--change-${s.kind} side-by-side__kind`}>{t(`revisions.kinds.${s.kind}`)}</span> {s.text}
                  </mark>
                )}
              </span>
            ))}
          </p>
        ))}
      </section>
    );
  };
  return (
    <div className="side-by-side">
      <div className="section-head">
        <h3>{t('revisionDiff.sideTitle')}</h3>
        <label htmlFor={toggleId} className="checkbox">
          <input id={toggleId} type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} />{' '}
          {t('revisionDiff.onlyChanged')}
        </label>
      </div>
      <p className="muted">{t('revisionDiff.legend')}</p>
      <div className="side-by-side__columns">
        {column(oldBlocks, t('revisionDiff.oldSide', { revision: formatNumber(lng, base) }), 'old')}
        {column(newBlocks, t('revisionDiff.newSide'), 'new')}
      </div>
    </div>
  );
}
