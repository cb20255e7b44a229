import { history, historyKeymap, standardKeymap } from '@codemirror/commands';
import { Annotation, Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { chipExtensions, chipLabeler, type ChipLabeler } from './chipField';
import { fieldTheme } from './fieldTheme';
import { fitCodes, minimalChange } from './chipText';
import { placeCode, type SourceCode } from './codeEditing';

/**
 * What the rest of the editor may do to the field. Every insertion — a memory match, a
 * machine translation, a glossary term, the source, a split/merge suggestion — goes through
 * `insertCoded`, so codes become chips, the change is one undo step and the draft follows.
 */
export interface TranslationFieldHandle {
  focus(): void;
  /**
   * Inserts coded text: `replace` takes the whole field, otherwise it goes at the selection.
   * Codes the source does not have (or of the wrong type) are dropped, their text kept; codes
   * the text lacks stay missing chips to place. Returns how many codes were dropped.
   */
  insertCoded(text: string, mode: 'replace' | 'selection'): { dropped: number };
  /** Places (or moves) one source code at the selection, as Alt+digit and the code strip do. */
  placeCode(code: SourceCode): void;
}

interface Props {
  text: string;
  onChange(text: string): void;
  codes: readonly SourceCode[];
  labeler: ChipLabeler;
  lang: string;
  dir: 'ltr' | 'rtl' | undefined;
  ariaLabel: string;
  describedBy: string;
  invalid: boolean;
  placeholder: string;
  /** The editor's own keys (save, move, Alt+digit …); true when handled. Runs before the field's. */
  onKey(event: KeyboardEvent): boolean;
  fieldRef: Ref<TranslationFieldHandle>;
}

/** Text set from outside (a discard, their version taken): not the translator typing. */
const fromOutside = Annotation.define<boolean>();

/** The translation field: CodeMirror 6 over the coded text, inline codes as atomic chips. */
export function TranslationField(props: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const latest = useRef(props);
  /**
   * Texts this field reported through onChange whose echo (the same text coming back as
   * `props.text`) has not arrived yet. An echo can arrive after the person typed on: applying
   * it as a change from outside would undo their newest keystrokes and leave the cursor before
   * what they typed (seen: Alt+S, End, typing '키보드' gave '보드…키').
   */
  const reported = useRef<string[]>([]);
  latest.current = props;
  const labels = useRef(new Compartment());
  const attributes = useRef(new Compartment());

  const contentAttributes = (p: Props) =>
    EditorView.contentAttributes.of({
      'aria-label': p.ariaLabel,
      'aria-describedby': p.describedBy,
      'aria-multiline': 'true',
      ...(p.invalid ? { 'aria-invalid': 'true' } : {}),
      lang: p.lang,
      spellcheck: 'true',
    });

  useEffect(() => {
    const p = latest.current;
    // A shadow root of its own: CodeMirror's styles go into an adopted stylesheet there, which
    // the app's CSP (`style-src 'self'`, no inline <style>) allows; in the document it would
    // need a <style> element.
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const created = new EditorView({
      parent: shadow,
      root: shadow,
      state: EditorState.create({
        doc: p.text,
        extensions: [
          Prec.highest(EditorView.domEventHandlers({ keydown: (event) => latest.current.onKey(event) })),
          history(),
          keymap.of([...historyKeymap, ...standardKeymap]),
          EditorView.lineWrapping,
          fieldTheme,
          placeholderText(p.placeholder),
          EditorView.editorAttributes.of({ class: 'segment-editor__text', lang: p.lang, ...(p.dir ? { dir: p.dir } : {}) }),
          attributes.current.of(contentAttributes(p)),
          labels.current.of(chipLabeler.of(p.labeler)),
          chipExtensions(),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.every((tr) => tr.annotation(fromOutside))) return;
            const text = update.state.doc.toString();
            reported.current.push(text);
            latest.current.onChange(text);
          }),
        ],
      }),
    });
    view.current = created;
    return () => created.destroy();
    // One view per mounted field; later prop changes are applied below without recreating it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The text changed outside the field (discard, their version, a live refresh): follow it.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const echo = reported.current.lastIndexOf(props.text);
    if (echo >= 0) {
      // Our own change coming back (perhaps behind newer typing): nothing to apply.
      reported.current.splice(0, echo + 1);
      return;
    }
    reported.current = [];
    const change = minimalChange(v.state.doc.toString(), props.text);
    if (change) v.dispatch({ changes: change, annotations: fromOutside.of(true) });
  }, [props.text]);

  useEffect(() => {
    view.current?.dispatch({ effects: labels.current.reconfigure(chipLabeler.of(props.labeler)) });
  }, [props.labeler]);

  const { ariaLabel, describedBy, invalid, lang } = props;
  useEffect(() => {
    view.current?.dispatch({ effects: attributes.current.reconfigure(contentAttributes(latest.current)) });
  }, [ariaLabel, describedBy, invalid, lang]);

  useImperativeHandle(
    props.fieldRef,
    (): TranslationFieldHandle => ({
      focus: () => view.current?.focus(),
      insertCoded(text, mode) {
        const v = view.current;
        if (!v) return { dropped: 0 };
        const fitted = fitCodes(text, latest.current.codes);
        const { from, to } = v.state.selection.main;
        const range = mode === 'replace' ? { from: 0, to: v.state.doc.length } : { from, to };
        const before = v.state.doc.sliceString(range.from, range.to);
        const change = minimalChange(before, fitted.text);
        if (change) {
          v.dispatch({
            changes: { from: range.from + change.from, to: range.from + change.to, insert: change.insert },
            selection: { anchor: range.from + fitted.text.length },
            userEvent: 'chips.insert',
            scrollIntoView: true,
          });
        }
        return { dropped: fitted.dropped };
      },
      placeCode(code) {
        const v = view.current;
        if (!v) return;
        const { from, to } = v.state.selection.main;
        const text = v.state.doc.toString();
        const next = placeCode({ text, start: from, end: to }, code);
        const change = minimalChange(text, next.text);
        if (!change) return;
        v.dispatch({ changes: change, selection: { anchor: next.start, head: next.end }, userEvent: 'chips.place', scrollIntoView: true });
      },
    }),
    [],
  );

  return <div ref={host} className="translation-field" />;
}
