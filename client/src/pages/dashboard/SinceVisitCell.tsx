import { VISIT_CHANGE_KINDS, type VisitChangeKind } from '@lockstep/shared';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format';


/** `GET /api/documents/:doc/changes?since=lastVisit`: per language, what changed since the user's last visit. */
export interface DocumentChanges {
  until: number;
  languages: Record<string, LanguageChanges>;
}

export interface LanguageChanges {
  /** The event number of the last visit; null when the user never opened this language's editor. */
  since: number | null;
  visitedAt: string | null;
  counts: { segments: number } & Record<VisitChangeKind, number>;
}

/** One language's "since your last visit": how many segments changed, and how. */
export function SinceVisitCell({ changes }: { changes: LanguageChanges | undefined }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  if (!changes) return <span className="muted">—</span>;
  if (changes.since === null) return <span className="muted">{t('dashboard.sinceVisit.never')}</span>;
  const { counts } = changes;
  if (counts.segments === 0) return <span className="muted">{t('dashboard.sinceVisit.none')}</span>;
  const kinds = VISIT_CHANGE_KINDS.filter((kind) => counts[kind] > 0);
  return (
    <span className="since-visit">
      <strong>{t('dashboard.sinceVisit.segments', { count: counts.segments })}</strong>
      <span className="since-visit__kinds">
        {kinds.map((kind) => (
          <span key={kind} className={`change-badge change-badge--${kind}`} data-kind={kind}>
            {t(`editor.changes.kinds.${kind}`)} {formatNumber(lng, counts[kind])}
          </span>
        ))}
      </span>
    </span>
  );
}
