import { useUiText } from '../uiText';
import type { DiffPart } from '../types';

interface Props {
  ops: readonly DiffPart[];
  lang: string;
  dir: 'ltr' | 'rtl';
}

/**
 * The word diff of a source change. Removed words are struck through, added ones marked, and
 * both carry hidden text labels, because strike-through and colour alone are lost on screen
 * readers (and colour on some readers' eyes). The labels are in the UI language, the words in
 * the source's.
 */
export function WordDiff({ ops, lang, dir }: Props) {
  const { t, i18n } = useUiText();
  const ui = i18n.resolvedLanguage ?? i18n.language;
  const label = (key: string) => (
    <span className="visually-hidden" lang={ui}>
      {t(key)}
    </span>
  );
  return (
    <p className="word-diff" lang={lang} dir={dir}>
      {ops.map((op, i) =>
        op.op === 'equal' ? (
          <span key={i}>{op.text}</span>
        ) : op.op === 'removed' ? (
          <del key={i} className="word-diff__removed">
            {label('editor.diff.removedStart')}
            {op.text}
            {label('editor.diff.removedEnd')}
          </del>
        ) : (
          <ins key={i} className="word-diff__added">
            {label('editor.diff.addedStart')}
            {op.text}
            {label('editor.diff.addedEnd')}
          </ins>
        ),
      )}
    </p>
  );
}

/** The key under the diff, so the marks need no guessing. */
export function WordDiffLegend() {
  const { t } = useUiText();
  return (
    <p className="word-diff-legend" aria-hidden="true">
      <del className="word-diff__removed">{t('editor.diff.removed')}</del>
      <ins className="word-diff__added">{t('editor.diff.added')}</ins>
    </p>
  );
}
