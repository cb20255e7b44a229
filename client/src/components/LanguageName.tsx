import { languageInfo, type LanguageInfo } from '../languages';

/** A language's own name, marked up in that language so it gets the right font. */
export function LanguageName({ code, info }: { code: string; info?: Partial<LanguageInfo> }) {
  const { autonym, direction } = languageInfo(code, info);
  return (
    <span lang={code} dir={direction} className="autonym">
      {autonym}
    </span>
  );
}
