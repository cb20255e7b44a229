import { EditorView } from '@codemirror/view';

/**
 * The field's look. The editor lives in a shadow root (see TranslationField), where the app's
 * stylesheets do not reach, so its styles are a CodeMirror theme; the app's colours still come
 * in through the inherited CSS variables, and the script's face through the `lang` on the field.
 * A pair of chips shares its number and colour; the opening chip is rounded on the left, the
 * closing one on the right, like brackets.
 */
const hues: Record<string, { fill: string; edge: string }> = {
  '.cm-chip--hue0': { fill: '#e8eef9', edge: '#1f4f9e' },
  '.cm-chip--hue1': { fill: '#e7f4ec', edge: '#2e7a4c' },
  '.cm-chip--hue2': { fill: '#fbf0dc', edge: '#8a5a06' },
  '.cm-chip--hue3': { fill: '#f3e8f8', edge: '#7a3a99' },
  '.cm-chip--hue4': { fill: '#e3f4f5', edge: '#1b6f75' },
  '.cm-chip--hue5': { fill: '#f9e9ef', edge: '#9a2f55' },
};

export const fieldTheme = EditorView.theme({
  '&': {
    minHeight: '4.5rem',
    font: 'inherit',
    lineHeight: '1.55',
    border: '1px solid #9aa4b2',
    borderRadius: '6px',
    background: 'var(--surface, #fff)',
    color: 'var(--text, #1d2530)',
  },
  '&:lang(ko)': { fontFamily: "'NanumGothic', 'Noto Sans KR', var(--font-sans)" },
  '&:lang(hi)': { fontFamily: "'Lohit Devanagari', 'Noto Sans Devanagari', var(--font-sans)", lineHeight: '1.75' },
  '&.cm-focused': { outline: '2px solid var(--focus, #1f4f9e)', outlineOffset: '1px' },
  '&:has([aria-invalid="true"])': { borderColor: 'var(--danger, #a3261b)' },
  '.cm-scroller': { fontFamily: 'inherit', lineHeight: 'inherit' },
  '.cm-content': { padding: '0.45rem 0.6rem', minHeight: '4.5rem' },
  '.cm-line': { padding: '0' },
  '.cm-placeholder': { color: 'var(--muted, #566170)' },
  '.cm-chip': {
    display: 'inline-flex',
    alignItems: 'baseline',
    gap: '0.2em',
    margin: '0 0.1em',
    padding: '0 0.35em',
    fontFamily: 'var(--font-sans)',
    fontSize: '0.78em',
    lineHeight: '1.4',
    border: '1px solid var(--chip-edge)',
    background: 'var(--chip-fill)',
    color: '#1d2530',
    borderRadius: '0.7em',
    cursor: 'default',
    userSelect: 'none',
    verticalAlign: '0.05em',
  },
  '.cm-chip--open': { borderRadius: '0.9em 0.15em 0.15em 0.9em' },
  '.cm-chip--close': { borderRadius: '0.15em 0.9em 0.9em 0.15em' },
  '.cm-chip__id': { fontWeight: '700', fontVariantNumeric: 'tabular-nums' },
  ...Object.fromEntries(Object.entries(hues).map(([selector, { fill, edge }]) => [selector, { '--chip-fill': fill, '--chip-edge': edge }])),
  '.cm-chip--unknown': { '--chip-fill': 'var(--danger-soft, #fbecea)', '--chip-edge': 'var(--danger, #a3261b)', borderStyle: 'dashed' },
});
