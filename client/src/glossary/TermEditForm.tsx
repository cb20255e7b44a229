import type { GlossaryEntry } from '@lockstep/shared/api';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';

interface Props {
  entry: GlossaryEntry;
  /** Runs the write and reports its error (the entry's own error line). */
  run(write: () => Promise<unknown>): Promise<void>;
  onClose(): void;
}

/** A coordinator's edit of a term, its note and flags, against the version shown (a stale one is refused). */
export function TermEditForm({ entry, run, onClose }: Props) {
  const { t } = useTranslation();
  const [term, setTerm] = useState(entry.term);
  const [note, setNote] = useState(entry.note);
  const [doNotTranslate, setDoNotTranslate] = useState(entry.doNotTranslate);
  const [caseSensitive, setCaseSensitive] = useState(entry.caseSensitive);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api.patch(`/api/glossary/${entry.id}`, { version: entry.version, term, note, doNotTranslate, caseSensitive }));
  };
  return (
    <form className="glossary-form" onSubmit={submit}>
      <label>
        {t('glossary.add.term')}
        <input value={term} onChange={(e) => setTerm(e.target.value)} lang={entry.sourceLang} required maxLength={200} />
      </label>
      <label>
        {t('glossary.add.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={doNotTranslate} onChange={(e) => setDoNotTranslate(e.target.checked)} />
        {t('glossary.doNotTranslate')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} />
        {t('glossary.caseSensitive')}
      </label>
      <button type="submit" className="button button--small">
        {t('glossary.save')}
      </button>
      <button type="button" className="button button--quiet button--small" onClick={onClose}>
        {t('glossary.cancel')}
      </button>
    </form>
  );
}
