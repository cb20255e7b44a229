import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanguageInfo } from '../../languages';
import type { Document, ExchangeFileReport, ExchangeOverride } from '../../types';
import { ImportReportView } from './ImportReportView';

interface Props {
  file: ExchangeFileReport;
  document: Document;
  /** Languages this user may import into. */
  languages: string[];
  infoOf: (code: string) => LanguageInfo;
  /** False once applied or while a check runs. */
  editable: boolean;
  onOverride: (override: ExchangeOverride) => void;
}

/** One uploaded file: what it says it is, what it is imported as (changeable), and its report. */
export function ExchangeFileView({ file, document: doc, languages, infoOf, editable, onOverride }: Props) {
  const { t } = useTranslation();
  const langId = useId();
  const headingId = useId();
  const detected = file.detected;
  const options = file.lang && !languages.includes(file.lang) ? [file.lang, ...languages] : languages;

  return (
    <section className="exchange-file" aria-labelledby={headingId} data-file={file.name}>
      <h4 id={headingId} className="exchange-file__name">
        {file.name}
      </h4>
      <dl className="exchange-file__facts">
        <div>
          <dt>{t('exchange2.fileSays')}</dt>
          <dd>
            {detected.fileLang ? t('exchange2.fileLang', { lang: detected.fileLang }) : t('exchange2.noLang')}
            {' · '}
            {detected.document
              ? t(`exchange2.documentFrom.${detected.documentFrom ?? 'original'}`, { document: detected.document })
              : t('exchange2.noDocument')}
            {file.version && ` · XLIFF ${file.version}`}
          </dd>
        </div>
        <div>
          <dt>
            <label htmlFor={langId}>{t('exchange2.importAs')}</label>
          </dt>
          <dd>
            <select
              id={langId}
              value={file.lang ?? ''}
              disabled={!editable || file.version === null}
              onChange={(e) => onOverride({ lang: e.target.value })}
            >
              {!file.lang && <option value="">{t('exchange2.chooseLanguage')}</option>}
              {options.map((code) => (
                <option key={code} value={code} lang={code}>
                  {infoOf(code).autonym} ({code})
                </option>
              ))}
            </select>
            {file.overridden.lang && <span className="muted"> {t('exchange2.chosen')}</span>}
          </dd>
        </div>
      </dl>
      {file.error && (
        <div className="notice notice--error" role="alert">
          <p>
            {t('exchange2.fileRefused')} <span lang="en">{file.error.message}</span>
          </p>
          {file.error.code === 'other_document' && editable && (
            <button type="button" className="button button--secondary" onClick={() => onOverride({ document: doc.id })}>
              {t('exchange2.importHere', { document: doc.title })}
            </button>
          )}
        </div>
      )}
      {file.report && file.lang && <ImportReportView report={file.report} document={doc} lang={file.lang} info={infoOf(file.lang)} fileName={file.name} />}
    </section>
  );
}
