import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, ApiError, apiPath, fetchFile } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { saveBlob } from '../../download';
import type { LanguageInfo } from '../../languages';
import type { Document } from '../../types';

// 1.2 first: the version most CAT tools read (OmegaT 3.6 reads no 2.0); 2.0 is one choice away.
const VERSIONS = ['1.2', '2.0'] as const;
const SCOPES = ['all', 'todo'] as const;
const PROFILES = ['generic', 'omegat'] as const;

/** Choose the XLIFF version and scope, then download one language's file or all of them as a zip. */
export function XliffDownload({ document: doc, infoOf }: { document: Document; infoOf: (code: string) => LanguageInfo }) {
  const { t } = useTranslation();
  const versionId = useId();
  const scopeId = useId();
  const profileId = useId();
  const [version, setVersion] = useState<(typeof VERSIONS)[number]>('1.2');
  const [scope, setScope] = useState<(typeof SCOPES)[number]>('all');
  const [profile, setProfile] = useState<(typeof PROFILES)[number]>('generic');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();

  const download = async (lang?: string) => {
    const key = lang ?? 'all';
    setBusy(key);
    setError(undefined);
    setDone(undefined);
    try {
      const path = apiPath(lang ? ['documents', doc.id, 'xliff', lang] : ['documents', doc.id, 'xliff'], { version, scope, profile });
      const file = await fetchFile(path);
      const filename = file.filename ?? (lang ? `${doc.id}.${lang}.xlf` : `${doc.id}.xliff.zip`);
      saveBlob(file.blob, filename);
      setDone(filename);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="card page-section" aria-labelledby="xliff-download">
      <h2 id="xliff-download">{t('xliff.downloadTitle')}</h2>
      <p className="muted">{t('xliff.downloadIntro')}</p>
      <div className="form-row">
        <div className="field">
          <label htmlFor={versionId}>{t('xliff.version')}</label>
          <select id={versionId} value={version} onChange={(e) => setVersion(e.target.value as typeof version)}>
            {VERSIONS.map((v) => (
              <option key={v} value={v}>
                {t('xliff.versionOption', { version: v })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={scopeId}>{t('xliff.scope')}</label>
          <select id={scopeId} value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`xliff.scopes.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={profileId}>{t('exchange2.profile')}</label>
          <select id={profileId} value={profile} onChange={(e) => setProfile(e.target.value as typeof profile)}>
            {PROFILES.map((p) => (
              <option key={p} value={p}>
                {t(`exchange2.profiles.${p}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ul className="download-list">
        {doc.targetLangs.map((lang) => {
          const info = infoOf(lang);
          return (
            <li key={lang}>
              <button type="button" className="button button--secondary" disabled={busy !== undefined} onClick={() => void download(lang)} data-lang={lang}>
                <span lang={lang} dir={info.direction}>
                  {info.autonym}
                </span>{' '}
                <span className="language-code">{lang}</span>
                <span className="visually-hidden"> {t('xliff.downloadOne')}</span>
              </button>
            </li>
          );
        })}
        <li>
          <button type="button" className="button button--primary" disabled={busy !== undefined} onClick={() => void download()}>
            {t('xliff.downloadAll')}
          </button>
        </li>
      </ul>
      <p role="status" className="muted">
        {busy ? t('xliff.preparing') : done ? t('xliff.downloaded', { filename: done }) : ''}
      </p>
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
