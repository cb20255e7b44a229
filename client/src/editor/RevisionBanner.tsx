import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import type { PublishedRevision } from './useLiveEditor';

interface Props {
  revision: PublishedRevision | undefined;
  onReload(): void;
  onDismiss(): void;
}

/**
 * A new revision of the source was published while the editor was open: say so and offer a
 * reload, rather than reshuffling the list under the user's hands (drafts survive the reload).
 * The live region is always in the page, so the notice is announced when it appears.
 */
export function RevisionBanner({ revision, onReload, onDismiss }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className="live-banner-region" role="status" aria-live="polite">
      {revision && (
        <div className="notice notice--info live-banner">
          <p>
            {revision.by
              ? t('editor.live.revisionBy', { revision: formatNumber(lng, revision.revision), name: revision.by })
              : t('editor.live.revision', { revision: formatNumber(lng, revision.revision) })}
          </p>
          <div className="live-banner__actions">
            <button type="button" className="button button--primary button--small" onClick={onReload}>
              {t('editor.live.reload')}
            </button>
            <button type="button" className="button button--quiet button--small" onClick={onDismiss}>
              {t('editor.live.dismiss')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
