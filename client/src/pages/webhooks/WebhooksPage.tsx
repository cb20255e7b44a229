import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../../api';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import type { User } from '../../types';
import { useResource } from '../../useResource';
import { DeliveryLog } from './DeliveryLog';
import { WebhookForm } from './WebhookForm';
import { EVENT_KEY, type Webhook } from './webhooksApi';

const SIGNATURE = 'X-Lockstep-Signature: sha256=<HMAC-SHA256>';

/** `/webhooks` (coordinators, administrators): outgoing webhooks, a new one, and each one's delivery log. */
export function WebhooksPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const allowed = user.role === 'coordinator' || user.role === 'admin';
  const [list, reload] = useResource<{ webhooks: Webhook[] }>(allowed ? '/api/webhooks' : undefined, { keepWhileReloading: true });
  const [open, setOpen] = useState<number>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    document.title = t('webhooks.documentTitle', { app: t('app.name') });
  }, [t]);

  if (!allowed) {
    return (
      <div className="notice notice--error" role="alert">
        <p>{t('webhooks.coordinatorOnly')}</p>
      </div>
    );
  }

  const remove = async (hook: Webhook) => {
    if (!window.confirm(t('webhooks.confirmDelete', { url: hook.url }))) return;
    setError(undefined);
    try {
      await api.delete(`/api/webhooks/${hook.id}`);
      reload();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('webhooks.title')}</h1>
      </div>
      <p>{t('webhooks.intro', { header: SIGNATURE })}</p>
      <section className="card page-section" aria-labelledby="webhook-list">
        <h2 id="webhook-list">{t('webhooks.listTitle')}</h2>
        {error && <ErrorMessage error={error} />}
        {list.status === 'loading' && <Loading />}
        {list.status === 'error' && <ErrorMessage error={list.error} onRetry={reload} />}
        {list.status === 'ready' && list.data.webhooks.length === 0 && <p>{t('webhooks.none')}</p>}
        {list.status === 'ready' && (
          <ul className="webhook-list">
            {list.data.webhooks.map((hook) => (
              <li key={hook.id} className="webhook-list__item">
                <p>
                  <code>{hook.url}</code> · {hook.events.map((e) => t(`webhooks.event.${EVENT_KEY[e]}`)).join(', ')}
                </p>
                <div className="button-row">
                  <button type="button" className="button button--secondary" aria-expanded={open === hook.id} onClick={() => setOpen(open === hook.id ? undefined : hook.id)}>
                    {t('webhooks.log')}
                  </button>
                  <button type="button" className="button button--secondary" onClick={() => void remove(hook)}>
                    {t('webhooks.delete')}
                  </button>
                </div>
                {open === hook.id && <DeliveryLog hook={hook} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card page-section">
        <WebhookForm onCreated={reload} />
      </section>
    </>
  );
}
