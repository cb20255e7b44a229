import { useUiText } from '../uiText';
import { VISIT_CHANGE_KINDS } from '@lockstep/shared';
import type { SegmentChange } from './useSinceLastVisit';

/** How a segment changed since the user's last visit (stale, new, edited, approved, re-confirmed) and by whom. */
export function ChangeBadges({ change }: { change: SegmentChange }) {
  const { t } = useUiText();
  const kinds = VISIT_CHANGE_KINDS.filter((kind) => change.changes.includes(kind));
  return (
    <span className="change-badges">
      <span className="visually-hidden">{t('editor.changes.label')}</span>
      {kinds.map((kind) => (
        <span key={kind} className={`change-badge change-badge--${kind}`}>
          {t(`editor.changes.kinds.${kind}`)}
        </span>
      ))}
      {change.by.length > 0 && <span className="change-badges__by">{t('editor.changes.by', { names: change.by.join(', ') })}</span>}
    </span>
  );
}
