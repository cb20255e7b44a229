import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { codeKindName } from './chipLabels';
import type { CodeStatus, SourceCode } from './codeEditing';

interface Props {
  codes: readonly SourceCode[];
  status: ReadonlyMap<number, CodeStatus>;
  /** Places the code at the field's selection; the field keeps focus. */
  onPlace?(code: SourceCode): void;
}

/** The source's inline codes as tokens: what each stands for, whether it is placed, and its key. */
export function CodeStrip({ codes, status, onPlace }: Props) {
  const { t, i18n } = useTranslation();
  const idPrefix = useId();
  if (codes.length === 0) return null;
  const kindOf = (code: SourceCode) => codeKindName(t, i18n, code.kind);
  return (
    <div className="code-strip" role="group" aria-label={t('editor.codes.label')}>
      <span className="code-strip__title" aria-hidden="true">
        {t('editor.codes.label')}
      </span>
      {codes.map((code) => {
        const state = status.get(code.id) ?? 'missing';
        const token = code.paired ? `<${code.id}>…</${code.id}>` : `<${code.id}/>`;
        const shortcut = code.id <= 9 ? t('editor.codes.shortcut', { n: code.id }) : undefined;
        const description = t(`editor.codes.${state}`, { kind: kindOf(code), id: code.id });
        return (
          <Fragment key={code.id}>
            <button
              type="button"
              className={`code-chip code-chip--${state}`}
              disabled={!onPlace}
              // Keep the field's selection: the code goes where the translator's cursor is.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onPlace?.(code)}
              title={code.url ? t('editor.codes.withUrl', { description, url: code.url }) : description}
              // Named by its visible kind; state and key are its description (a name unlike the
              // visible text would not match what a voice-control user says).
              aria-describedby={`${idPrefix}-${code.id}`}
            >
              <span className="code-token" lang="zxx" dir="ltr" aria-hidden="true">
                {token}
              </span>
              <span className="code-chip__kind">{kindOf(code)}</span>
              {shortcut && (
                <kbd className="code-chip__key" aria-hidden="true">
                  {shortcut}
                </kbd>
              )}
            </button>
            <span className="visually-hidden" id={`${idPrefix}-${code.id}`}>
              {shortcut ? t('editor.codes.buttonWithShortcut', { description, shortcut }) : description}
            </span>
          </Fragment>
        );
      })}
    </div>
  );
}
