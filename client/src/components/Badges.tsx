import { useUiText } from '../uiText';
import type { TranslationState } from '../types';

export function StateBadge({ state }: { state: TranslationState }) {
  const { t } = useUiText();
  return <span className={`badge badge--${state}`}>{t(`states.${state}`)}</span>;
}

/** Locked segments have no translation: the source is copied as it is. */
export function LockBadge({ reason }: { reason?: string | null }) {
  const { t, i18n } = useUiText();
  const reasonKey = `lockReasons.${reason ?? ''}`;
  // Unknown reasons (the server may add some) fall back to the general explanation.
  const title = reason && i18n.exists(reasonKey) ? t(reasonKey) : t('lockReasons.other');
  return (
    <span className="badge badge--locked" title={title}>
      <span aria-hidden="true" className="lock-icon" />
      {t('states.locked')}
      <span className="visually-hidden">{title}</span>
    </span>
  );
}
