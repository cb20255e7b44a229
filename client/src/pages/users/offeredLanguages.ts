import { LANGUAGE_CODES, type LanguageCode } from '@lockstep/shared';

/**
 * The languages a translator or reviewer can be given: those some document is translated into,
 * plus any the person already has. A document's source language is not work for a translator,
 * so it is not offered unless another document translates into it. With no documents yet,
 * every language.
 */
export interface DocumentTargets {
  targetLangs: readonly LanguageCode[];
}

export function offeredLanguages(documents: readonly DocumentTargets[] | undefined, current: readonly LanguageCode[]): LanguageCode[] {
  if (!documents || documents.length === 0) return [...LANGUAGE_CODES];
  const targets = new Set<LanguageCode>([...documents.flatMap((d) => d.targetLangs), ...current]);
  return LANGUAGE_CODES.filter((c) => targets.has(c));
}
