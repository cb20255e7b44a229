import { ApiError, api, apiPath } from '../api';
import type { DocumentProgress, History, HistoryEvent, Translation, TranslationResult } from '../types';

/** The translation-editing routes of api.md ("Segments and translations"), typed for the editor. */

function translationPath(doc: string, seg: string, lang: string, ...rest: string[]): string {
  return apiPath(['documents', doc, 'segments', seg, 'translations', lang, ...rest]);
}

export function saveTranslation(doc: string, seg: string, lang: string, text: string, version: number): Promise<TranslationResult> {
  return api.put<TranslationResult>(translationPath(doc, seg, lang), { text, version });
}

export function approveTranslation(doc: string, seg: string, lang: string, version: number): Promise<TranslationResult> {
  return api.post<TranslationResult>(translationPath(doc, seg, lang, 'approve'), { version });
}

export function reconfirmTranslation(doc: string, seg: string, lang: string, version: number): Promise<TranslationResult> {
  return api.post<TranslationResult>(translationPath(doc, seg, lang, 'reconfirm'), { version });
}

export function revertTranslation(
  doc: string,
  seg: string,
  lang: string,
  eventId: HistoryEvent['id'],
  version: number,
): Promise<TranslationResult> {
  return api.post<TranslationResult>(translationPath(doc, seg, lang, 'revert'), { eventId, version });
}

export async function loadHistory(doc: string, seg: string, lang: string, signal?: AbortSignal): Promise<HistoryEvent[]> {
  return (await api.get<History>(translationPath(doc, seg, lang, 'history'), signal)).events;
}

export function loadProgress(doc: string, signal?: AbortSignal): Promise<DocumentProgress> {
  return api.get<DocumentProgress>(apiPath(['documents', doc, 'progress']), signal);
}

/** The server's translation in a 409 answer (`{error, current}`), if it sent one. */
export function conflictCurrent(error: unknown): Translation | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const current = (error.payload as { current?: Translation } | undefined)?.current;
  return current && typeof current.version === 'number' ? current : undefined;
}
