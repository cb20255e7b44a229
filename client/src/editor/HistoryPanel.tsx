import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError } from '../api';
import { StateBadge } from '../components/Badges';
import { ErrorMessage, Loading } from '../components/ErrorMessage';
import { codeInfoOf, InlineText } from '../components/InlineText';
import { formatDateTime, formatNumber } from '../format';
import type { HistoryEvent } from '../types';
import type { EditorSegment } from './compactSegments';
import { loadHistory } from './editorApi';

interface Props {
  doc: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  segment: EditorSegment;
  /** Revert is offered only to those who may edit. */
  onRevert?(eventId: HistoryEvent['id']): void;
  busy: boolean;
}

/** Every change of the translation, newest first, each with its text and (for editors) a way back to it. */
export function HistoryPanel({ doc, lang, dir, segment, onRevert, busy }: Props) {
  const { t, i18n } = useTranslation();
  const ui = i18n.resolvedLanguage ?? i18n.language;
  const [events, setEvents] = useState<HistoryEvent[]>();
  const [error, setError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);
  const version = segment.translation?.version;
  const current = segment.translation?.text;

  // Again after every write (the version changes), so a revert shows up at once.
  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    loadHistory(doc, segment.id, lang, controller.signal).then(setEvents, (err: unknown) => {
      if (!controller.signal.aborted) setError(asApiError(err));
    });
    return () => controller.abort();
  }, [doc, lang, segment.id, version, attempt]);

  const codes = codeInfoOf(segment.sourceRuns);
  return (
    <section className="history" aria-label={t('editor.history.title')}>
      <h3 className="history__title">{t('editor.history.title')}</h3>
      {error && <ErrorMessage error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {!error && !events && <Loading />}
      {events?.length === 0 && <p className="muted">{t('editor.history.empty')}</p>}
      {events && events.length > 0 && (
        <ol className="history__list">
          {events.map((event, i) => (
            <li key={event.id} className="history__event">
              <div className="history__meta">
                <span className="history__kind">
                  {event.kind === 'aligned'
                    ? t('alignTranslation.historyKind')
                    : i18n.exists(`editor.history.kinds.${event.kind}`)
                      ? t(`editor.history.kinds.${event.kind}`)
                      : t('editor.history.kinds.other')}
                </span>
                <StateBadge state={event.state} />
                <span className="muted">
                  {t('editor.history.byAt', {
                    name: event.user?.name ?? t('editor.history.system'),
                    date: formatDateTime(ui, event.createdAt) ?? event.createdAt,
                  })}
                </span>
                <span className="muted">
                  {t('editor.history.versionRevision', { version: formatNumber(ui, event.version), revision: formatNumber(ui, event.revision) })}
                </span>
                {i === 0 && <span className="history__current">{t('editor.history.current')}</span>}
              </div>
              {event.text ? (
                <InlineText text={event.text} lang={lang} dir={dir} codes={codes} className="history__text" />
              ) : (
                <p className="segment-placeholder">{t('editor.history.noText')}</p>
              )}
              {onRevert && i > 0 && event.text && event.text !== current && (
                <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => onRevert(event.id)}>
                  {t('editor.history.revert')}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
