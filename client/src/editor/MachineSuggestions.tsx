import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { InlineText, type CodeInfo } from '../components/InlineText';
import './machine-suggestions.css';
import type { TextLanguage } from '../components/SegmentBlocks';
import type { MachineSuggestion, MachineTranslationState } from './useMachineTranslation';

/** Engines by their own names (brands: not translated). */
const ENGINE_NAMES: Record<MachineSuggestion['engine'], string> = { apertium: 'Apertium', deepl: 'DeepL', libretranslate: 'LibreTranslate' };

interface Props {
  mt: MachineTranslationState;
  codes: CodeInfo;
  target: TextLanguage;
  /** Puts draft `index` into the text; nothing is saved until the translator saves. */
  onInsert(index: number): void;
}

/**
 * Machine-translation drafts inside the memory panel, each labelled by its engine. Shown only
 * when there are some: with no engine configured, the panel looks as it did.
 */
export function MachineSuggestions({ mt, codes, target, onInsert }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  if (mt.status !== 'ready' || mt.suggestions.length === 0) return null;
  return (
    <section className="machine-suggestions" aria-labelledby={titleId}>
      <h4 className="machine-suggestions__title" id={titleId}>
        {t('mt.title')}
      </h4>
      <ul className="machine-suggestions__list">
        {mt.suggestions.map((s, i) => (
          <li key={s.engine} className="machine-suggestions__item" data-engine={s.engine}>
            <div className="machine-suggestions__head">
              <span className="machine-suggestions__engine">{t('mt.engine', { engine: ENGINE_NAMES[s.engine] })}</span>
              {s.needsCodePlacement && <span className="muted">{t('mt.needsCodePlacement')}</span>}
            </div>
            <InlineText text={s.text} lang={target.code} dir={target.direction} className="machine-suggestions__text" codes={codes} />
            <button type="button" className="button button--secondary button--small" onClick={() => onInsert(i)}>
              {t('mt.insert', { engine: ENGINE_NAMES[s.engine] })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function engineName(engine: MachineSuggestion['engine']): string {
  return ENGINE_NAMES[engine];
}
