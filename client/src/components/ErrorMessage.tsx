import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api';
import { errorText } from '../errorText';

export { errorText };

export function ErrorMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>{errorText(t, error)}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('actions.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('status.loading')}
    </p>
  );
}
