import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { groupBlocks, groupLists, type Block } from '../blocks';
import { formatDateTime, formatNumber } from '../format';
import type { Segment } from '../types';
import { LockBadge, StateBadge } from './Badges';
import { codeInfoOf, InlineText } from './InlineText';

export interface TextLanguage {
  code: string;
  direction: 'ltr' | 'rtl';
}

interface Props {
  segments: readonly Segment[];
  source: TextLanguage;
  target: TextLanguage;
}

/** Source and translation side by side, one row per segment, grouped by the Markdown block. */
export function SegmentBlocks({ segments, source, target }: Props) {
  const groups = groupLists(groupBlocks(segments));
  return (
    <div className="blocks">
      {groups.map((group) =>
        Array.isArray(group) ? (
          <ul key={group[0].key} className="block-list">
            {group.map((block) => (
              <li key={block.key} className="block block--listItem">
                <BlockRows block={block} source={source} target={target} />
              </li>
            ))}
          </ul>
        ) : (
          <section key={group.key} className={`block block--${group.kind}`}>
            <BlockRows block={group} source={source} target={target} />
          </section>
        ),
      )}
    </div>
  );
}

function BlockRows({ block, source, target }: { block: Block } & Omit<Props, 'segments'>) {
  const textClass = block.kind === 'heading' ? `segment-text--heading segment-text--h${block.level}` : `segment-text--${block.kind}`;
  return (
    <>
      {block.segments.map((segment) => (
        <SegmentRow key={segment.id} segment={segment} textClass={textClass} source={source} target={target} />
      ))}
    </>
  );
}

interface RowProps {
  segment: Segment;
  textClass: string;
  source: TextLanguage;
  target: TextLanguage;
}

function SegmentRow({ segment, textClass: blockClass, source, target }: RowProps) {
  const { t, i18n } = useTranslation();
  const codes = useMemo(() => codeInfoOf(segment.sourceRuns), [segment.sourceRuns]);
  const textClass = segment.hoisted ? `${blockClass} segment-text--hoisted-${segment.hoisted}` : blockClass;
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const { translation } = segment;
  const locked = !segment.translatable || translation === null;
  const state = locked ? 'locked' : translation.state;
  const updatedAt = translation?.updatedAt ? formatDateTime(lng, translation.updatedAt) : undefined;
  const updatedNote =
    translation?.updatedBy && updatedAt ? t('view.updatedBy', { name: translation.updatedBy, date: updatedAt }) : undefined;
  return (
    <div className={`segment-row segment-row--${state}`} id={`segment-${segment.id}`}>
      <span className="segment-row__index" title={t('view.segmentNumber', { number: segment.index + 1 })}>
        {formatNumber(lng, segment.index + 1)}
      </span>
      <div className="segment-row__source">
        <InlineText text={segment.source} lang={source.code} dir={source.direction} className={textClass} codes={codes} />
      </div>
      <div className="segment-row__target">
        {locked ? (
          // Locked segments are published as the source, so show exactly that.
          <InlineText text={segment.source} lang={source.code} dir={source.direction} className={`${textClass} segment-text--copied`} codes={codes} />
        ) : translation.text ? (
          <InlineText text={translation.text} lang={target.code} dir={target.direction} className={textClass} codes={codes} />
        ) : translation.suggestion ? (
          <>
            <p className="segment-placeholder">{t('view.suggestion')}</p>
            <InlineText text={translation.suggestion} lang={target.code} dir={target.direction} className={`${textClass} segment-text--suggestion`} codes={codes} />
          </>
        ) : (
          <p className="segment-placeholder">{t('view.notTranslated')}</p>
        )}
      </div>
      <div className="segment-row__state" title={updatedNote}>
        {locked ? <LockBadge reason={segment.lockReason} /> : <StateBadge state={translation.state} />}
      </div>
    </div>
  );
}
