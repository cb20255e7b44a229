import { useUiText } from '../uiText';
import { formatNumber } from '../format';

/** Open questions on a segment (in this language or for all languages); nothing when none. */
export function QuestionBadge({ count }: { count: number }) {
  const { t, i18n } = useUiText();
  if (count <= 0) return null;
  const label = t('editor.threads.badge', { n: formatNumber(i18n.resolvedLanguage ?? i18n.language, count) });
  return (
    <span className="badge question-badge" title={label} data-open-questions={count}>
      <span aria-hidden="true">?</span> {formatNumber(i18n.resolvedLanguage ?? i18n.language, count)}
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
