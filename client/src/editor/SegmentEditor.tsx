import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeInfoOf, InlineText } from '../components/InlineText';
import type { TextLanguage } from '../components/SegmentBlocks';
import type { EditorSegment } from './compactSegments';
import { checkCodes, sourceCodesOf, type SourceCode } from './codeEditing';
import { useChipLabeler } from './chipLabels';
import { GlossaryPanel } from '../glossary/GlossaryPanel';
import { useSegmentTerms } from '../glossary/useSegmentTerms';
import { CodeStrip } from './CodeStrip';
import { ConflictPanel } from './ConflictPanel';
import { HistoryPanel } from './HistoryPanel';
import { MemoryPanel } from './MemoryPanel';
import { engineName, MachineSuggestions } from './MachineSuggestions';
import { LiveQaNotes, Notes } from './Notes';
import { SegmentActions } from './SegmentActions';
import { TranslationField, type TranslationFieldHandle } from './TranslationField';
import type { EditorModel } from './useEditor';
import { useLiveQa } from './useLiveQa';
import { useMachineTranslation } from './useMachineTranslation';
import { useMemory } from './useMemory';
import { neighbour } from './worklist';

interface Props {
  doc: string;
  segment: EditorSegment;
  segments: readonly EditorSegment[];
  model: EditorModel;
  source: TextLanguage;
  target: TextLanguage & { autonym: string };
  canEdit: boolean;
  canApprove: boolean;
  describedBy: string;
}

/** The active segment: the chip field, inline codes, checks, the server's answers, actions and history. */
export function SegmentEditor({ doc, segment, segments, model, source, target, canEdit, canApprove, describedBy }: Props) {
  const { t } = useTranslation();
  const field = useRef<TranslationFieldHandle>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const translation = segment.translation!;
  const note = model.notes[segment.id] ?? {};
  const text = model.textOf(segment);
  const dirty = model.drafts.has(segment.id);
  const codes = useMemo(() => sourceCodesOf(segment.sourceRuns), [segment.sourceRuns]);
  const labeler = useChipLabeler(codes);
  const check = useMemo(() => checkCodes(text, segment.sourceRuns, codes), [text, segment.sourceRuns, codes]);
  const busy = note.busy !== undefined;
  const qa = useLiveQa(segment, canEdit && dirty ? text : '', source.code, target.code);
  const memory = useMemory(doc, segment.id, target.code, translation.version);
  // Everything inserted goes through the field: codes become chips, one undo step, a draft.
  const insert = (coded: string) => {
    const { dropped } = field.current?.insertCoded(coded, 'replace') ?? { dropped: 0 };
    if (dropped > 0) model.announce(t('chips.dropped', { count: dropped }));
  };
  const insertMemory = (index: number) => {
    const chosen = memory.status === 'ready' ? memory.suggestions[index] : undefined;
    if (!chosen) return;
    insert(chosen.text);
    model.announce(t('editor.memory.inserted', { number: index + 1 }));
  };
  // Glossary terms go in at the cursor, through the field like every other insertion.
  const terms = useSegmentTerms(segment, target.code, {
    text: () => text,
    insertAtSelection: (term) => {
      field.current?.insertCoded(term, 'selection');
      field.current?.focus();
    },
  });
  const mt = useMachineTranslation(doc, segment.id, target.code, canEdit);
  const insertMachine = (index: number) => {
    const chosen = mt.status === 'ready' ? mt.suggestions[index] : undefined;
    if (!chosen) return;
    insert(chosen.text);
    model.announce(t('mt.inserted', { engine: engineName(chosen.engine) }));
  };
  // A split or merge offers the old translations while there is none; an XLIFF import that met a
  // newer text here (a conflict) left the file's text as a suggestion, shown whatever the state.
  const derived = (segment.derivedFrom?.length ?? 0) > 0;
  const offered = derived ? translation.state === 'untranslated' : true;
  const suggestion = offered && translation.suggestion && text !== translation.suggestion ? translation.suggestion : undefined;

  // Focus follows the active segment when it was moved by keyboard or click (not on every render).
  useEffect(() => {
    if (model.focusRequest.id !== segment.id) return;
    field.current?.focus();
    document.getElementById(`segment-${segment.id}`)?.scrollIntoView({ block: 'nearest' });
  }, [model.focusRequest, segment.id]);

  const place = (code: SourceCode) => field.current?.placeCode(code);

  const onKeyDown = (event: KeyboardEvent): boolean => {
    const { key, code, altKey, ctrlKey, metaKey, shiftKey } = event;
    let handled = true;
    if (key === 'Enter' && (ctrlKey || metaKey)) void model.save(segment.id, { next: true });
    else if (key === 'Escape' && dirty) model.discard(segment.id);
    else if (altKey && shiftKey && !ctrlKey && !metaKey && /^Digit[1-3]$/.test(code)) insertMemory(Number(code.slice(5)) - 1);
    else if (altKey && !shiftKey && !ctrlKey && !metaKey && /^Digit[1-9]$/.test(code)) {
      // `code`, not `key`: Alt+digit types other characters on some layouts (macOS: ¡ ™ £).
      const wanted = codes.find((c) => c.id === Number(code.slice(5)));
      if (wanted) place(wanted);
    } else if (altKey && !shiftKey && (key === 'ArrowDown' || key === 'ArrowUp')) {
      const id = neighbour(segments, segment.id, key === 'ArrowDown' ? 1 : -1);
      if (id) model.activate(id);
    } else if (altKey && code === 'KeyU' && translation.suggestion) insert(translation.suggestion);
    else if (altKey && code === 'KeyS') insert(segment.source);
    else if (altKey && !shiftKey && !ctrlKey && !metaKey && code === 'KeyT') terms.insertNext();
    else handled = false;
    if (handled) event.preventDefault();
    return handled;
  };

  return (
    <div className="segment-editor">
      {note.conflict && (
        <ConflictPanel
          theirs={note.conflict}
          mine={text}
          lang={target.code}
          dir={target.direction}
          sourceRuns={segment.sourceRuns}
          busy={busy}
          onKeepMine={() => model.keepMine(segment.id)}
          onTakeTheirs={() => model.takeTheirs(segment.id)}
        />
      )}
      {suggestion && (
        <div className="suggestion">
          <p className="suggestion__label">
            {!derived
              ? t('editor.suggestion.imported')
              : segment.derivedFrom!.length > 1
                ? t('editor.suggestion.merged', { count: segment.derivedFrom!.length })
                : t('editor.suggestion.split')}
          </p>
          <InlineText text={suggestion} lang={target.code} dir={target.direction} codes={codeInfoOf(segment.sourceRuns)} />
          {canEdit && (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-keyshortcuts="Alt+U"
              onClick={() => insert(suggestion)}
            >
              {t('editor.suggestion.use')}
              <kbd aria-hidden="true">{t('editor.keys.suggestion.keys')}</kbd>
            </button>
          )}
        </div>
      )}
      {canEdit ? (
        <TranslationField
          fieldRef={field}
          text={text}
          onChange={(next) => model.setText(segment.id, next)}
          codes={codes}
          labeler={labeler}
          lang={target.code}
          dir={target.direction}
          ariaLabel={t('editor.textLabel', { language: target.autonym })}
          describedBy={describedBy}
          invalid={!check.ok && (dirty || note.showProblems === true)}
          placeholder={t('editor.placeholder')}
          onKey={onKeyDown}
        />
      ) : (
        <InlineText text={text} lang={target.code} dir={target.direction} codes={codeInfoOf(segment.sourceRuns)} />
      )}
      <CodeStrip codes={codes} status={check.status} onPlace={canEdit ? place : undefined} />
      {/* Missing or extra codes are listed while the draft is open, before any save is tried. */}
      <Notes note={note} problems={note.showProblems || (canEdit && dirty) ? check.problems : []} />
      {canEdit && <LiveQaNotes warnings={qa} />}
      <SegmentActions
        model={model}
        segment={segment}
        canEdit={canEdit}
        canApprove={canApprove}
        historyOpen={historyOpen}
        onToggleHistory={() => setHistoryOpen((open) => !open)}
      />
      {terms.glossary && (
        <GlossaryPanel glossary={terms.glossary} terms={terms.entries} onInsert={canEdit ? terms.insert : undefined} />
      )}
      <MemoryPanel memory={memory} segment={segment} source={source} target={target} onInsert={canEdit ? insertMemory : undefined}>
        {canEdit && <MachineSuggestions mt={mt} codes={codeInfoOf(segment.sourceRuns)} target={target} onInsert={insertMachine} />}
      </MemoryPanel>
      {historyOpen && (
        <HistoryPanel
          doc={doc}
          lang={target.code}
          dir={target.direction}
          segment={segment}
          busy={busy}
          onRevert={canEdit ? (eventId) => void model.revert(segment.id, eventId) : undefined}
        />
      )}
    </div>
  );
}
