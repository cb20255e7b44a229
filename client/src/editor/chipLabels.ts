import type { i18n as I18n, TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChipLabeler } from './chipField';
import type { SourceCode } from './codeEditing';

/** What a source code stands for in the UI language (link, bold …); a kind without a message as it is. */
export function codeKindName(t: TFunction, i18n: I18n, kind: string): string {
  return i18n.exists(`codeKinds.${kind}`) ? t(`codeKinds.${kind}`) : kind;
}

/**
 * Chip labels from the source's codes in the UI language: the kind the code stands for
 * (link, bold …) on the chip, and "start of link 1" / "end of link 1" for screen readers. A
 * number the source does not have is labelled as such.
 */
export function useChipLabeler(codes: readonly SourceCode[]): ChipLabeler {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const kinds = new Map(codes.map((c) => [c.id, c.kind]));
    return (id, kind) => {
      const known = kinds.get(id);
      if (known === undefined) return { text: t('chips.unknownLabel'), aria: t(`chips.unknown.${kind}`, { id }), unknown: true };
      const name = codeKindName(t, i18n, known);
      return { text: name, aria: t(`chips.${kind}`, { kind: name, id }), unknown: false };
    };
    // lng: labels follow a change of UI language.
  }, [codes, t, i18n, lng]);
}
