import { LANGUAGE_CODES, type LanguageCode } from '@lockstep/shared';
import { useTranslation } from 'react-i18next';
import { languageInfo } from '../../languages';
import { offeredLanguages, type DocumentTargets } from './offeredLanguages';

interface Props {
  value: readonly LanguageCode[];
  /** The documents, whose target languages are the ones offered (`offeredLanguages`); all while unknown. */
  documents?: readonly DocumentTargets[];
  onChange(languages: LanguageCode[]): void;
  disabled?: boolean;
}

/** The languages a translator or reviewer works in: one checkbox per language, named in itself. */
export function LanguageChoices({ value, documents, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const toggle = (code: LanguageCode, on: boolean) =>
    onChange(LANGUAGE_CODES.filter((c) => (c === code ? on : value.includes(c))));
  return (
    <fieldset className="choices" disabled={disabled}>
      <legend>{t('users.languages')}</legend>
      <p className="field__help">{t('users.languagesHelp')}</p>
      <div className="choices__options">
        {offeredLanguages(documents, value).map((code) => {
          const info = languageInfo(code);
          return (
            <label key={code} className="choices__option">
              <input type="checkbox" value={code} checked={value.includes(code)} onChange={(e) => toggle(code, e.target.checked)} />
              <span lang={code} dir={info.direction}>
                {info.autonym}
              </span>
              <span className="language-code">{code}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Codes as their autonyms, each marked with its language. */
export function LanguageList({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  if (codes.length === 0) return <span className="muted">{t('users.allLanguages')}</span>;
  return (
    <span className="language-names">
      {codes.map((code, i) => (
        <span key={code}>
          {i > 0 && ', '}
          <span lang={code}>{languageInfo(code).autonym}</span>
        </span>
      ))}
    </span>
  );
}
