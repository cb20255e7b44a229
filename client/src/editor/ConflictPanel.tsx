import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { codeInfoOf, InlineText } from '../components/InlineText';
import { formatDateTime } from '../format';
import type { SourceRun, Translation } from '../types';

interface Props {
  theirs: Translation;
  mine: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  sourceRuns?: SourceRun[];
  busy: boolean;
  onKeepMine(): void;
  onTakeTheirs(): void;
}

/** A save met a newer version (409): both texts side by side, and the choice. Nothing is lost either way. */
export function ConflictPanel({ theirs, mine, lang, dir, sourceRuns, busy, onKeepMine, onTakeTheirs }: Props) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const codes = codeInfoOf(sourceRuns);
  const when = theirs.updatedAt ? formatDateTime(i18n.resolvedLanguage ?? i18n.language, theirs.updatedAt) : undefined;
  const who = theirs.updatedBy ?? t('editor.conflict.someone');
  // The save just met this conflict: the decision is the next thing to do, so it gets the focus.
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => keepRef.current?.focus(), []);
  return (
    <section className="conflict" role="alert" aria-labelledby={titleId}>
      <h3 id={titleId} className="conflict__title">
        {t('editor.conflict.title')}
      </h3>
      <p className="conflict__intro">{t('editor.conflict.intro')}</p>
      <div className="conflict__sides">
        <div className="conflict__side conflict__side--theirs">
          <p className="conflict__label">
            {when ? t('editor.conflict.theirsBy', { name: who, date: when }) : t('editor.conflict.theirsByNoDate', { name: who })}
          </p>
          {theirs.text ? (
            <InlineText text={theirs.text} lang={lang} dir={dir} codes={codes} />
          ) : (
            <p className="segment-placeholder">{t('editor.conflict.theirsEmpty')}</p>
          )}
        </div>
        <div className="conflict__side conflict__side--mine">
          <p className="conflict__label">{t('editor.conflict.mine')}</p>
          <InlineText text={mine} lang={lang} dir={dir} codes={codes} />
        </div>
      </div>
      <div className="conflict__actions">
        <button type="button" ref={keepRef} className="button button--primary" onClick={onKeepMine} disabled={busy}>
          {t('editor.conflict.keepMine')}
        </button>
        <button type="button" className="button button--secondary" onClick={onTakeTheirs} disabled={busy}>
          {t('editor.conflict.takeTheirs')}
        </button>
      </div>
    </section>
  );
}
