import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError } from '../api';
import type { HistoryEvent, SaveWarning, Translation, TranslationResult } from '../types';
import type { EditorSegment } from './compactSegments';
import { checkCodes, sourceCodesOf } from './codeEditing';
import { DraftStore, draftStorageKey, sessionDraftStorage } from './drafts';
import * as writes from './editorApi';
import type { SegmentList } from './useSegmentList';
import { nextToWorkOn } from './worklist';

export type Busy = 'save' | 'approve' | 'reconfirm' | 'revert';

/** What the editor shows about one segment besides its text. */
export interface SegmentNote {
  busy?: Busy;
  warnings?: SaveWarning[];
  /** A save was refused for its inline codes: list the problems until they are fixed. */
  showProblems?: boolean;
  /** The server's answer to a failed write (422 details are shown with it). */
  error?: ApiError;
  /** A save met someone else's newer version (409): theirs, to show beside ours. */
  conflict?: Translation;
  /** An approve, re-confirm or revert met a newer version: the segment now shows it. */
  changedMeanwhile?: boolean;
  emptyText?: boolean;
  /**
   * Someone saved this segment while it held our draft (a live event): who, or '' when the
   * server did not say. The draft stays; saving it meets the 409 and shows the conflict view.
   */
  changedBy?: string;
}

interface Options {
  doc: string;
  lang: string;
  list: SegmentList;
  onWritten(): void;
}

export function useEditor({ doc, lang, list, onWritten }: Options) {
  const { t } = useTranslation();
  const drafts = useMemo(() => new DraftStore(draftStorageKey(doc, lang), sessionDraftStorage()), [doc, lang]);
  const [, setDraftTick] = useState(0);
  const [notes, setNotes] = useState<Record<string, SegmentNote>>({});
  const [activeId, setActiveId] = useState<string>();
  /** Which segment's textarea should take focus; a new object each time, so asking twice works. */
  const [focusRequest, setFocusRequest] = useState<{ id?: string }>({});
  const [announcement, setAnnouncement] = useState('');
  // Rows keep callbacks from older renders (EditorRow's memo): they read state through refs.
  const segmentsRef = useRef<EditorSegment[]>([]);
  segmentsRef.current = list.segments ?? [];
  const notesRef = useRef(notes);
  notesRef.current = notes;

  const find = (id: string) => segmentsRef.current.find((s) => s.id === id);
  const note = useCallback((id: string, next: SegmentNote) => setNotes((old) => ({ ...old, [id]: next })), []);
  const draftsChanged = () => setDraftTick((n) => n + 1);

  // Closing or reloading the tab with unsaved drafts asks first (the drafts survive a reload anyway).
  useEffect(() => {
    const guard = (event: BeforeUnloadEvent) => {
      if (drafts.size === 0) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [drafts]);

  const activate = useCallback((id: string | undefined, focus = true) => {
    setActiveId(id);
    if (focus) setFocusRequest({ id });
  }, []);

  const textOf = (segment: EditorSegment) => drafts.get(segment.id)?.text ?? segment.translation?.text ?? '';

  const setText = (id: string, text: string) => {
    const translation = find(id)?.translation;
    if (!translation) return;
    const base = drafts.get(id)?.baseVersion ?? translation.version;
    if (text === translation.text && base === translation.version) drafts.delete(id);
    else drafts.set(id, { text, baseVersion: base });
    draftsChanged();
    // What was said about the last save or attempt no longer describes the text being typed.
    const old = notesRef.current[id];
    if (old?.emptyText || old?.warnings || (old?.error && !old.conflict)) {
      note(id, { ...old, emptyText: false, error: undefined, warnings: undefined });
    }
  };

  const discard = (id: string) => {
    if (!drafts.has(id)) return;
    drafts.delete(id);
    draftsChanged();
    note(id, {});
    setAnnouncement(t('editor.announce.discarded'));
  };

  /** After a write: show the server's translation, refresh the progress bar, say what happened. */
  const written = (id: string, translation: Translation, message: string, extra: SegmentNote = {}) => {
    list.update(id, translation);
    note(id, extra);
    onWritten();
    setAnnouncement(message);
  };

  const failed = (id: string, error: unknown, base: SegmentNote) => {
    const current = writes.conflictCurrent(error);
    if (current) {
      list.update(id, current);
      return current;
    }
    note(id, { ...base, busy: undefined, error: asApiError(error) });
    setAnnouncement(t('editor.announce.failed'));
    return undefined;
  };

  const save = async (id: string, { next = false, version }: { next?: boolean; version?: number } = {}) => {
    const segment = find(id);
    const translation = segment?.translation;
    if (!segment || !translation || notesRef.current[id]?.busy) return;
    const draft = drafts.get(id);
    const text = draft?.text ?? translation.text;
    const unchanged = !draft && translation.state !== 'stale';
    if (unchanged && translation.text) {
      // Nothing to write: Ctrl+Enter on a finished segment just moves on.
      if (next) activate(nextToWorkOn(segmentsRef.current, id) ?? id);
      return;
    }
    if (!text.trim()) return note(id, { emptyText: true });
    if (!checkCodes(text, segment.sourceRuns, sourceCodesOf(segment.sourceRuns)).ok) {
      setAnnouncement(t('editor.announce.codeProblems'));
      return note(id, { showProblems: true });
    }
    note(id, { busy: 'save' });
    try {
      const result = await writes.saveTranslation(doc, id, lang, text, version ?? draft?.baseVersion ?? translation.version);
      // Typing may have gone on while the request was out: keep that as a draft on the new version.
      const later = drafts.get(id);
      if (later && later.text !== text) drafts.set(id, { text: later.text, baseVersion: result.translation.version });
      else drafts.delete(id);
      draftsChanged();
      written(id, result.translation, t('editor.announce.saved'), { warnings: result.warnings });
      if (next) {
        const after = segmentsRef.current.map((s) => (s.id === id ? { ...s, translation: result.translation } : s));
        activate(nextToWorkOn(after, id) ?? id);
      }
    } catch (error) {
      const current = failed(id, error, { showProblems: error instanceof ApiError && error.status === 422 });
      if (!current) return;
      // Keep our text as a draft on top of their version, and show both.
      drafts.set(id, { text, baseVersion: draft?.baseVersion ?? translation.version });
      draftsChanged();
      note(id, { conflict: current });
      setAnnouncement(t('editor.announce.conflict'));
    }
  };

  /** Conflict: write our text over theirs, now knowingly (their version as the base). */
  const keepMine = (id: string) => {
    const theirs = notesRef.current[id]?.conflict;
    const draft = drafts.get(id);
    if (!theirs || !draft) return;
    drafts.set(id, { text: draft.text, baseVersion: theirs.version });
    // The choice's buttons go with the conflict: the keyboard focus goes back to the segment.
    void save(id, { version: theirs.version }).then(() => activate(id));
  };

  /** Conflict: drop our text; the segment already shows theirs. */
  const takeTheirs = (id: string) => {
    drafts.delete(id);
    draftsChanged();
    note(id, {});
    setAnnouncement(t('editor.announce.tookTheirs'));
    activate(id);
  };

  const simpleWrite = async (id: string, busy: Exclude<Busy, 'save'>, call: (version: number) => Promise<TranslationResult>) => {
    const translation = find(id)?.translation;
    if (!translation || notesRef.current[id]?.busy) return;
    note(id, { busy });
    try {
      const result = await call(translation.version);
      written(id, result.translation, t(`editor.announce.${busy}`), { warnings: result.warnings });
      return result.translation;
    } catch (error) {
      if (failed(id, error, {})) {
        note(id, { changedMeanwhile: true });
        setAnnouncement(t('editor.changedMeanwhile'));
      }
    }
  };

  /**
   * After a write whose button goes away with the state it acted on (approve, re-confirm), focus
   * goes on: to the next segment that needs work after a re-confirm (as after a save), else back
   * to the segment.
   */
  const focusAfter = (id: string, translation: Translation | undefined, onward: boolean) => {
    if (!translation) return;
    const after = segmentsRef.current.map((s) => (s.id === id ? { ...s, translation } : s));
    activate((onward ? nextToWorkOn(after, id) : undefined) ?? id);
  };
  const approve = async (id: string) => focusAfter(id, await simpleWrite(id, 'approve', (v) => writes.approveTranslation(doc, id, lang, v)), false);
  const reconfirm = async (id: string) => focusAfter(id, await simpleWrite(id, 'reconfirm', (v) => writes.reconfirmTranslation(doc, id, lang, v)), true);
  /** A live event says someone else wrote this segment: if it holds our draft, say so beside it. */
  const changedUnderneath = (id: string, by: string | null) => {
    if (!drafts.has(id)) return false;
    note(id, { ...notesRef.current[id], changedBy: by ?? '' });
    const name = by ?? t('editor.conflict.someone');
    setAnnouncement(t('editor.live.changedUnderneath', { name }));
    return true;
  };

  const revert = (id: string, eventId: HistoryEvent['id']) =>
    simpleWrite(id, 'revert', (v) => writes.revertTranslation(doc, id, lang, eventId, v));

  return {
    drafts,
    notes,
    activeId,
    activate,
    focusRequest,
    announcement,
    textOf,
    setText,
    discard,
    save,
    keepMine,
    takeTheirs,
    approve,
    reconfirm,
    revert,
    changedUnderneath,
    announce: setAnnouncement,
  };
}

export type EditorModel = ReturnType<typeof useEditor>;
