import { EditorState, Facet, RangeSetBuilder, StateField, Transaction, type Extension, type TransactionSpec } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import { chipSpans, tagText, type ChipKind } from './chipText';

/**
 * The CodeMirror side of the chip editor: every tag of the coded text is replaced on screen by
 * an atomic chip widget (`Decoration.replace` + `EditorView.atomicRanges`), so the cursor steps
 * over it, Backspace/Delete take it whole and a selection never ends inside it. The document
 * stays the coded text, so copy, paste and undo carry the tags as they are.
 */

/** What a chip shows and what a screen reader hears for it. */
export interface ChipLabel {
  text: string;
  aria: string;
  /** Not a code of the source: drawn as a problem. */
  unknown: boolean;
}

export type ChipLabeler = (id: number, kind: ChipKind) => ChipLabel;

/** The labeler in use (from the source's codes and the UI language), swapped by reconfiguring. */
export const chipLabeler = Facet.define<ChipLabeler, ChipLabeler>({
  combine: (values) => values[values.length - 1] ?? ((id, kind) => ({ text: tagText(kind, id), aria: tagText(kind, id), unknown: true })),
});

class ChipWidget extends WidgetType {
  constructor(
    readonly id: number,
    readonly kind: ChipKind,
    readonly label: ChipLabel,
  ) {
    super();
  }

  override eq(other: ChipWidget): boolean {
    return other.id === this.id && other.kind === this.kind && other.label.text === this.label.text && other.label.aria === this.label.aria;
  }

  toDOM(): HTMLElement {
    const chip = document.createElement('span');
    // Colour by number, so an opening chip and its closing chip read as one pair.
    chip.className = `cm-chip cm-chip--${this.kind} cm-chip--hue${this.id % 6}${this.label.unknown ? ' cm-chip--unknown' : ''}`;
    chip.setAttribute('role', 'img');
    chip.setAttribute('aria-label', this.label.aria);
    chip.title = this.label.aria;
    chip.lang = 'zxx';
    chip.dir = 'ltr';
    // The tag it stands for: what a copy of the text holds (and what tests read back).
    chip.dataset.tag = tagText(this.kind, this.id);
    const number = document.createElement('span');
    number.className = 'cm-chip__id';
    number.textContent = String(this.id);
    const name = document.createElement('span');
    name.className = 'cm-chip__label';
    name.textContent = this.label.text;
    if (this.kind === 'close') chip.append(name, number);
    else chip.append(number, name);
    return chip;
  }

  override ignoreEvent(): boolean {
    return false;
  }
}

function buildChips(state: EditorState): DecorationSet {
  const label = state.facet(chipLabeler);
  const builder = new RangeSetBuilder<Decoration>();
  for (const span of chipSpans(state.doc.toString())) {
    builder.add(span.from, span.to, Decoration.replace({ widget: new ChipWidget(span.id, span.kind, label(span.id, span.kind)) }));
  }
  return builder.finish();
}

const chipDecorations = StateField.define<DecorationSet>({
  create: buildChips,
  update(chips, tr) {
    const relabelled = tr.startState.facet(chipLabeler) !== tr.state.facet(chipLabeler);
    return tr.docChanged || relabelled ? buildChips(tr.state) : chips;
  },
  provide: (field) => [EditorView.decorations.from(field), EditorView.atomicRanges.of((view) => view.state.field(field))],
});

/**
 * A last guard behind atomicRanges: a typed or deleted change that would cut into a tag (a
 * drag, an IME, a platform command that ignores atomic ranges) is widened to the whole tag, and
 * typing inside one lands after it. A tag is never left half there.
 */
const keepTagsWhole = EditorState.transactionFilter.of((tr): Transaction | TransactionSpec => {
  if (!tr.docChanged || !(tr.isUserEvent('input') || tr.isUserEvent('delete') || tr.isUserEvent('move'))) return tr;
  const spans = chipSpans(tr.startState.doc.toString());
  let widened = false;
  const changes: { from: number; to: number; insert: string }[] = [];
  tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    let from = fromA;
    let to = toA;
    for (const s of spans) {
      if (from === to && s.from < from && from < s.to) {
        from = to = s.to;
        widened = true;
      } else {
        if (s.from < from && from < s.to) (from = s.from), (widened = true);
        if (s.from < to && to < s.to) (to = s.to), (widened = true);
      }
    }
    changes.push({ from, to, insert: inserted.toString() });
  });
  if (!widened) return tr;
  return { changes, userEvent: tr.annotation(Transaction.userEvent), scrollIntoView: true };
});

export function chipExtensions(): Extension {
  return [chipDecorations, keepTagsWhole];
}
