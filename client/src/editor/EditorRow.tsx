import { isLanguageCode, plainTextOf, staleDiff } from '@lockstep/shared';
import { memo, useMemo } from 'react';
import { useUiText } from '../uiText';
import { LockBadge, StateBadge } from '../components/Badges';
import { codeInfoOf, InlineText } from '../components/InlineText';
import type { TextLanguage } from '../components/SegmentBlocks';
import { formatNumber } from '../format';
import type { User } from '../types';
import type { EditorSegment } from './compactSegments';
import { Notes } from './Notes';
import { ChangeBadges } from './ChangeBadges';
import { QuestionBadge } from './QuestionBadge';
import { SegmentEditor } from './SegmentEditor';
import { ThreadPanel } from './ThreadPanel';
import type { EditorModel } from './useEditor';
import type { SegmentChange } from './useSinceLastVisit';
import { WordDiff, WordDiffLegend } from './WordDiff';
import { isEditable } from './worklist';

export interface RowContext {
  doc: string;
  segments: readonly EditorSegment[];
  model: EditorModel;
  source: TextLanguage;
  target: TextLanguage & { autonym: string };
  canEdit: boolean;
  canApprove: boolean;
  user: User;
}

interface Props extends RowContext {
  segment: EditorSegment;
  textClass: string;
  active: boolean;
  /** Changes when this row's draft does, so memo lets untouched rows skip rendering. */
  draftText: string | undefined;
  /** How this segment changed since the user's last visit, if it did. */
  change?: SegmentChange;
}

/** One segment: number, source (with the diff of its change when stale), translation or the editor, state. */
export const EditorRow = memo(function EditorRow(props: Props) {
  const { segment, active, draftText, change, model, source, target, canEdit } = props;
  // A wrapper around the whole segment is taken out of its text; show it on the text instead.
  const textClass = segment.hoisted ? `${props.textClass} segment-text--hoisted-${segment.hoisted}` : props.textClass;
  const { t, i18n } = useUiText();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const codes = useMemo(() => codeInfoOf(segment.sourceRuns), [segment.sourceRuns]);
  const translation = segment.translation;
  const editable = isEditable(segment);
  const state = editable ? translation!.state : 'locked';
  // The list does not carry the stale diff: worked out here, for the rows on screen only.
  const previousSource = state === 'stale' ? (translation?.previousSource ?? null) : null;
  const diff = useMemo(
    () => (previousSource !== null && isLanguageCode(source.code) ? staleDiff(previousSource, plainTextOf(segment.sourceRuns), source.code) : null),
    [previousSource, segment.sourceRuns, source.code],
  );
  const sourceId = `source-${segment.id}`;
  const number = formatNumber(lng, segment.index + 1);
  const note = model.notes[segment.id];
  const busy = note?.busy !== undefined;
  const shown = draftText ?? translation?.text ?? '';

  return (
    <div
      className={`editor-row segment-row--${state}${active ? ' editor-row--active' : ''}`}
      id={`segment-${segment.id}`}
      data-segment={segment.id}
      // A click opens the segment, unless it ended a text selection (copying a name from the source).
      onClick={editable && !active ? () => window.getSelection()?.isCollapsed !== false && model.activate(segment.id) : undefined}
    >
      <div className="editor-row__index">
        {editable ? (
          <button
            type="button"
            className="editor-row__open"
            aria-current={active ? 'true' : undefined}
            aria-label={t('editor.openSegment', { number })}
            onClick={() => model.activate(segment.id)}
          >
            {number}
          </button>
        ) : (
          <span title={t('view.segmentNumber', { number })}>{number}</span>
        )}
        {/* The stable id: the unit id in XLIFF files, the CLI and import reports; the number moves with revisions. */}
        <span className="editor-row__id" title={t('exchange2.segmentId')}>
          {segment.id}
        </span>
      </div>
      <div className="editor-row__source" id={sourceId}>
        <InlineText text={segment.source} lang={source.code} dir={source.direction} className={textClass} codes={codes} markTerms />
        {state !== 'stale' && (segment.derivedFrom?.length ?? 0) > 0 && translation?.previousSource && (
          <div className="derived-box">
            <p className="derived-box__title">{t('editor.derived.title')}</p>
            <InlineText text={translation.previousSource} lang={source.code} dir={source.direction} />
          </div>
        )}
        {diff && diff.length > 0 && (
          <div className="stale-box">
            <p className="stale-box__title">{t('editor.stale.title')}</p>
            <WordDiff ops={diff} lang={source.code} dir={source.direction} />
            <WordDiffLegend />
            {canEdit && (
              <div className="stale-box__actions">
                <button type="button" className="button button--secondary button--small" disabled={busy || draftText !== undefined}
                  onClick={(event) => {
                    event.stopPropagation();
                    void model.reconfirm(segment.id);
                  }}
                >
                  {t('editor.stale.reconfirm')}
                </button>
                <button type="button" className="button button--quiet button--small" onClick={() => model.activate(segment.id)}>
                  {t('editor.stale.edit')}
                </button>
              </div>
            )}
          </div>
        )}
      </div>
      <div className="editor-row__target">
        {active && editable ? (
          <SegmentEditor {...props} describedBy={sourceId} />
        ) : !editable ? (
          <InlineText text={segment.source} lang={source.code} dir={source.direction} className={`${textClass} segment-text--copied`} codes={codes} />
        ) : shown ? (
          <InlineText text={shown} lang={target.code} dir={target.direction} className={textClass} codes={codes} />
        ) : translation?.suggestion ? (
          <>
            <p className="segment-placeholder">{t('view.suggestion')}</p>
            <InlineText text={translation.suggestion} lang={target.code} dir={target.direction} className={`${textClass} segment-text--suggestion`} codes={codes} />
          </>
        ) : (
          <p className="segment-placeholder">{t('view.notTranslated')}</p>
        )}
        {/* Ctrl+Enter moves on at once: what the server said about the save stays on the row it is about. */}
        {!active && note?.warnings && note.warnings.length > 0 && <Notes note={{ warnings: note.warnings }} problems={[]} />}
        <ThreadPanel doc={props.doc} lang={target.code} autonym={target.autonym} segment={segment} user={props.user} />
      </div>
      <div className="editor-row__state">
        {editable ? <StateBadge state={translation!.state} /> : <LockBadge reason={segment.lockReason} />}
        {draftText !== undefined && <span className="draft-mark">{t('editor.draftMark')}</span>}
        {change && <ChangeBadges change={change} />}
        <QuestionBadge count={segment.openQuestions} />
      </div>
    </div>
  );
}, sameRow);

/**
 * Rows other than the active one re-render only when their own data changes: typing in one
 * segment must not re-render a document of hundreds. (Their callbacks read fresh state through
 * the editor's refs, so an older `model` is safe to keep.)
 */
function sameRow(prev: Props, next: Props): boolean {
  const id = next.segment.id;
  return (
    !prev.active &&
    !next.active &&
    prev.segment === next.segment &&
    prev.draftText === next.draftText &&
    prev.change === next.change &&
    prev.model.notes[id] === next.model.notes[id] &&
    prev.canEdit === next.canEdit &&
    prev.textClass === next.textClass &&
    prev.source === next.source &&
    prev.target === next.target
  );
}
