import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/ErrorMessage';
import { useResource } from '../../useResource';
import { EVENT_KEY, type Delivery, type Webhook } from './webhooksApi';

/** A webhook's deliveries, newest first, each with its attempts: what was sent, what came back. */
export function DeliveryLog({ hook }: { hook: Webhook }) {
  const { t, i18n } = useTranslation();
  const [log, reload] = useResource<{ deliveries: Delivery[] }>(`/api/webhooks/${hook.id}/deliveries?limit=50`, { keepWhileReloading: true });
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.resolvedLanguage, { dateStyle: 'short', timeStyle: 'medium' });
  if (log.status === 'loading') return <Loading />;
  if (log.status === 'error') return <ErrorMessage error={log.error} onRetry={reload} />;
  return (
    <div className="delivery-log">
      <button type="button" className="button button--secondary" onClick={reload}>
        {t('webhooks.refresh')}
      </button>
      {log.data.deliveries.length === 0 ? (
        <p>{t('webhooks.logEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('webhooks.when')}</th>
                <th scope="col">{t('webhooks.events')}</th>
                <th scope="col">{t('webhooks.state')}</th>
                <th scope="col">{t('webhooks.attempts')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.deliveries.map((d) => (
                <tr key={d.id}>
                  <td>
                    <time dateTime={d.createdAt}>{time(d.createdAt)}</time>
                  </td>
                  <td>{t(`webhooks.event.${EVENT_KEY[d.event]}`)}</td>
                  <td>
                    {t(`webhooks.states.${d.state}`)}
                    {d.nextAttemptAt && <> · {t('webhooks.nextAttempt', { time: time(d.nextAttemptAt) })}</>}
                  </td>
                  <td>
                    <ol className="delivery-log__attempts">
                      {d.log.map((a) => (
                        <li key={a.attempt}>
                          {a.status !== null ? `HTTP ${a.status}` : t('webhooks.noAnswer')}
                          {a.error && a.status === null && <> · <span className="delivery-log__error">{a.error}</span></>} · {a.durationMs} ms
                        </li>
                      ))}
                    </ol>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
