import { useTranslation } from 'react-i18next';
import type { EditorSegment } from './compactSegments';
import type { EditorModel } from './useEditor';

interface Props {
  model: EditorModel;
  segment: EditorSegment;
  canEdit: boolean;
  canApprove: boolean;
  historyOpen: boolean;
  onToggleHistory(): void;
}

/** Under the textarea: what finishes the segment on the left, the helpers on the right. */
export function SegmentActions({ model, segment, canEdit, canApprove, historyOpen, onToggleHistory }: Props) {
  const { t } = useTranslation();
  const note = model.notes[segment.id] ?? {};
  const busy = note.busy !== undefined;
  const dirty = model.drafts.has(segment.id);
  const state = segment.translation?.state;
  return (
    <div className="segment-editor__actions">
      <div className="segment-editor__main-actions">
        {canEdit && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            aria-keyshortcuts="Control+Enter"
            onClick={() => void model.save(segment.id, { next: true })}
          >
            {note.busy === 'save' ? t('editor.actions.saving') : t('editor.actions.saveNext')}
            <kbd aria-hidden="true">{t('editor.keys.saveNext.keys')}</kbd>
          </button>
        )}
        {canEdit && dirty && (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            aria-keyshortcuts="Escape"
            title={t('editor.keys.discard.keys')}
            onClick={() => model.discard(segment.id)}
          >
            {t('editor.actions.discard')}
          </button>
        )}
        {canApprove && state === 'translated' && !dirty && (
          <button type="button" className="button button--approve" disabled={busy} onClick={() => void model.approve(segment.id)}>
            {note.busy === 'approve' ? t('editor.actions.approving') : t('editor.actions.approve')}
          </button>
        )}
      </div>
      <div className="segment-editor__tools">
        {dirty && !busy && <span className="segment-editor__status">{t('editor.unsaved')}</span>}
        {canEdit && (
          <button
            type="button"
            className="button button--quiet button--small"
            disabled={busy}
            aria-keyshortcuts="Alt+S"
            title={t('editor.keys.copySource.keys')}
            onClick={() => model.setText(segment.id, segment.source)}
          >
            {t('editor.actions.copySource')}
          </button>
        )}
        <button type="button" className="button button--quiet button--small" aria-expanded={historyOpen} onClick={onToggleHistory}>
          {historyOpen ? t('editor.actions.hideHistory') : t('editor.actions.showHistory')}
        </button>
      </div>
    </div>
  );
}
