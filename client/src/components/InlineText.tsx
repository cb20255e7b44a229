import { Fragment, useMemo } from 'react';
import { useUiText } from '../uiText';
import { TermMarks } from '../glossary/TermMarks';
import { splitHiddenCharacters } from '../hiddenText';
import { parseInlineCodes, type InlinePart } from '../inlineCodes';
import type { SourceRun } from '../types';

/** What each code of a segment stands for, from the source runs: id → kind and URL. */
export type CodeInfo = ReadonlyMap<number, { kind: string; url?: string }>;

export function codeInfoOf(runs: readonly SourceRun[] | undefined): CodeInfo {
  const info = new Map<number, { kind: string; url?: string }>();
  for (const run of runs ?? []) {
    if (run.type === 'open' || run.type === 'standalone') info.set(run.id, { kind: run.kind, url: run.url });
  }
  return info;
}

interface Props {
  text: string;
  lang: string;
  dir?: 'ltr' | 'rtl';
  className?: string;
  codes?: CodeInfo;
  /** Mark the glossary's terms (source texts in the editor). */
  markTerms?: boolean;
}

/**
 * Segment text as React text nodes, with each inline code shown as a small token. The token
 * is markup, not language (`lang="zxx"`); its tooltip says what it stands for.
 */
export function InlineText({ text, lang, dir, className, codes, markTerms }: Props) {
  const { t, i18n } = useUiText();
  const parts = useMemo(() => parseInlineCodes(text), [text]);

  const describe = (part: Extract<InlinePart, { type: 'code' }>) => {
    const code = t(`inline.${part.kind}`, { id: part.id });
    const info = codes?.get(part.id);
    const kindKey = `codeKinds.${info?.kind ?? ''}`;
    if (!info || !i18n.exists(kindKey)) return code;
    return info.url
      ? t('inline.describedWithUrl', { code, kind: t(kindKey), url: info.url })
      : t('inline.described', { code, kind: t(kindKey) });
  };

  return (
    <p lang={lang} dir={dir} className={className ? `segment-text ${className}` : 'segment-text'}>
      {parts.map((part, i) =>
        part.type === 'text' ? (
          <Fragment key={i}>
            {markTerms ? <TermMarks text={part.text} render={(s) => <VisibleText text={s} />} /> : <VisibleText text={part.text} />}
          </Fragment>
        ) : (
          <span key={i} lang="zxx" dir="ltr" className={`code-token code-token--${part.kind}`} title={describe(part)}>
            {part.raw}
          </span>
        ),
      )}
    </p>
  );
}

/** Text with each invisible or text-direction character shown as a small mark naming it. */
function VisibleText({ text }: { text: string }) {
  return (
    <>
      {splitHiddenCharacters(text).map((p, i) =>
        p.type === 'text' ? (
          <Fragment key={i}>{p.text}</Fragment>
        ) : (
          <span key={i} lang="zxx" dir="ltr" className="hidden-char" title={p.title}>
            {p.label}
          </span>
        ),
      )}
    </>
  );
}
