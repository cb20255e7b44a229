import { useTranslation } from 'react-i18next';

/** What a coordinator writes of a term (the translations are the reviewers'). */
export interface TermDraft {
  term: string;
  note: string;
  doNotTranslate: boolean;
  caseSensitive: boolean;
}

export const EMPTY_TERM: TermDraft = { term: '', note: '', doNotTranslate: false, caseSensitive: false };

/** The term's fields, shared by the "add" form and a term's edit form. */
export function TermFields({ value, sourceLang, onChange }: { value: TermDraft; sourceLang: string; onChange(next: TermDraft): void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<TermDraft>) => onChange({ ...value, ...patch });
  return (
    <>
      <label>
        {t('glossary.add.term')}
        <input value={value.term} onChange={(e) => set({ term: e.target.value })} lang={sourceLang} required maxLength={200} />
      </label>
      <label>
        {t('glossary.add.note')}
        <input value={value.note} onChange={(e) => set({ note: e.target.value })} maxLength={1000} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={value.doNotTranslate} onChange={(e) => set({ doNotTranslate: e.target.checked })} />
        {t('glossary.doNotTranslate')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={value.caseSensitive} onChange={(e) => set({ caseSensitive: e.target.checked })} />
        {t('glossary.caseSensitive')}
      </label>
    </>
  );
}
