import { WEBHOOK_EVENTS, type WebhookEvent } from '@lockstep/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, asApiError, type ApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EVENT_KEY, type Webhook } from './webhooksApi';

/** Adds a webhook; its secret is shown once, here, right after. */
export function WebhookForm({ onCreated }: { onCreated(hook: Webhook): void }) {
  const { t } = useTranslation();
  const urlId = useId();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['publish']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [secret, setSecret] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSecret(undefined);
    try {
      const created = await api.post<Webhook & { secret: string }>('/api/webhooks', { url: url.trim(), events });
      setUrl('');
      setSecret(created.secret);
      onCreated(created);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (e: WebhookEvent, on: boolean) => setEvents((old) => (on ? [...old, e] : old.filter((x) => x !== e)));

  return (
    <form onSubmit={submit} aria-labelledby="new-webhook-title">
      <h2 id="new-webhook-title">{t('webhooks.newTitle')}</h2>
      <div className="field">
        <label htmlFor={urlId}>{t('webhooks.url')}</label>
        <input id={urlId} type="url" required placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} />
      </div>
      <fieldset className="field">
        <legend>{t('webhooks.events')}</legend>
        {WEBHOOK_EVENTS.map((e) => (
          <label key={e} className="checkbox">
            <input type="checkbox" checked={events.includes(e)} onChange={(x) => toggle(e, x.target.checked)} /> {t(`webhooks.event.${EVENT_KEY[e]}`)}
          </label>
        ))}
      </fieldset>
      {error && <ErrorMessage error={error} />}
      {secret && (
        <div className="notice" role="status">
          <p>{t('webhooks.secretOnce')}</p>
          <p>
            <code className="webhook-secret">{secret}</code>
          </p>
        </div>
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy || events.length === 0}>
          {busy ? t('webhooks.creating') : t('webhooks.create')}
        </button>
      </div>
    </form>
  );
}
