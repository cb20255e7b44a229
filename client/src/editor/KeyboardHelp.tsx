import { useTranslation } from 'react-i18next';

const SHORTCUTS = ['saveNext', 'discard', 'codes', 'move', 'suggestion', 'copySource', 'memory'] as const;

/** The editor's keys, one click away; each key combination is a translatable string too (names of keys differ). */
export function KeyboardHelp() {
  const { t } = useTranslation();
  return (
    <details className="keyboard-help">
      <summary>{t('editor.keys.title')}</summary>
      <dl>
        {SHORTCUTS.map((name) => (
          <div key={name}>
            <dt>
              <kbd>{t(`editor.keys.${name}.keys`)}</kbd>
            </dt>
            <dd>{t(`editor.keys.${name}.does`)}</dd>
          </div>
        ))}
        <div>
          <dt>
            <kbd>{t('chips.keys.undo.keys')}</kbd>
          </dt>
          <dd>{t('chips.keys.undo.does')}</dd>
        </div>
        <div>
          <dt>
            <kbd>{t('glossary.keys.keys')}</kbd>
          </dt>
          <dd>{t('glossary.keys.does')}</dd>
        </div>
      </dl>
    </details>
  );
}
