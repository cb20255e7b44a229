import type { GlossaryEntry } from '@lockstep/shared/api';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { TermFields, type TermDraft } from './TermFields';

interface Props {
  entry: GlossaryEntry;
  /** Runs the write and reports its error (the entry's own error line). */
  run(write: () => Promise<unknown>): Promise<void>;
  onClose(): void;
}

/** A coordinator's edit of a term, its note and flags, against the version shown (a stale one is refused). */
export function TermEditForm({ entry, run, onClose }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<TermDraft>({ term: entry.term, note: entry.note, doNotTranslate: entry.doNotTranslate, caseSensitive: entry.caseSensitive });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api.patch(`/api/glossary/${entry.id}`, { version: entry.version, ...draft }));
  };
  return (
    <form className="glossary-form" onSubmit={submit}>
      <TermFields value={draft} sourceLang={entry.sourceLang} onChange={setDraft} />
      <button type="submit" className="button button--small">
        {t('glossary.save')}
      </button>
      <button type="button" className="button button--quiet button--small" onClick={onClose}>
        {t('glossary.cancel')}
      </button>
    </form>
  );
}
