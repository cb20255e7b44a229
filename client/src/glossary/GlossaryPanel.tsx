import type { GlossaryEntry } from '@lockstep/shared/api';
import { useTranslation } from 'react-i18next';
import type { GlossaryView } from './GlossaryContext';
import { renderingsOf } from './insertTerm';

interface Props {
  glossary: GlossaryView;
  terms: readonly GlossaryEntry[];
  /** Inserts a rendering at the cursor; absent for readers who may not edit. */
  onInsert?(text: string): void;
}

/** The glossary terms of the open segment with their target terms, each insertable (Alt+T inserts the next one the translation lacks). */
export function GlossaryPanel({ glossary, terms, onInsert }: Props) {
  const { t } = useTranslation();
  if (!terms.length) return null;
  return (
    <section className="glossary-panel" aria-label={t('glossary.panel.title')}>
      <h3 className="glossary-panel__title">{t('glossary.panel.title')}</h3>
      <ul className="glossary-panel__list">
        {terms.map((entry) => {
          const renderings = renderingsOf(entry, glossary.targetLang);
          return (
            <li key={entry.id} className="glossary-panel__item">
              <span lang={glossary.sourceLang} className="glossary-panel__term">{entry.term}</span>
              {entry.note && <span className="muted"> ({entry.note})</span>}
              {' → '}
              {renderings.length === 0 && <span className="muted">{t('glossary.mark.noTranslation')}</span>}
              {renderings.map((text) =>
                onInsert ? (
                  <button key={text} type="button" className="button button--secondary button--small glossary-panel__insert" lang={glossary.targetLang}
                    aria-label={t('glossary.panel.insert', { text })} onClick={() => onInsert(text)}
                  >
                    {text}
                  </button>
                ) : (
                  <span key={text} lang={glossary.targetLang} className="glossary-panel__rendering">{text}</span>
                ),
              )}
              {entry.doNotTranslate && <span className="badge">{t('glossary.doNotTranslate')}</span>}
            </li>
          );
        })}
      </ul>
      {onInsert && <p className="muted glossary-panel__hint">{t('glossary.panel.hint')}</p>}
    </section>
  );
}
