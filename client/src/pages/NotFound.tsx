import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router';

export function NotFound() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('notFound.documentTitle', { app: t('app.name') });
  }, [t]);
  return (
    <div className="empty-state">
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </div>
  );
}
