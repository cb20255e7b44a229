import { ApiError, api, apiPath } from '../api';
import type { HistoryEvent, ProgressResponse, SaveResponse, SaveWarning, Translation } from '../types';

/** The translation-editing routes of api.md ("Segments and translations"), typed for the editor. */

export interface WriteResult {
  translation: Translation;
  warnings: SaveWarning[];
}

function translationPath(doc: string, seg: string, lang: string, ...rest: string[]): string {
  return apiPath(['documents', doc, 'segments', seg, 'translations', lang, ...rest]);
}

/** The answer of a write: `{translation, warnings}` by the contract, a bare translation tolerated. */
function asWriteResult(body: SaveResponse | Translation): WriteResult {
  if ('translation' in body && body.translation) return { translation: body.translation, warnings: body.warnings ?? [] };
  return { translation: body as Translation, warnings: [] };
}

export async function saveTranslation(doc: string, seg: string, lang: string, text: string, version: number): Promise<WriteResult> {
  return asWriteResult(await api.put<SaveResponse>(translationPath(doc, seg, lang), { text, version }));
}

export async function approveTranslation(doc: string, seg: string, lang: string, version: number): Promise<WriteResult> {
  return asWriteResult(await api.post<SaveResponse>(translationPath(doc, seg, lang, 'approve'), { version }));
}

export async function reconfirmTranslation(doc: string, seg: string, lang: string, version: number): Promise<WriteResult> {
  return asWriteResult(await api.post<SaveResponse>(translationPath(doc, seg, lang, 'reconfirm'), { version }));
}

export async function revertTranslation(
  doc: string,
  seg: string,
  lang: string,
  eventId: HistoryEvent['id'],
  version: number,
): Promise<WriteResult> {
  return asWriteResult(await api.post<SaveResponse>(translationPath(doc, seg, lang, 'revert'), { eventId, version }));
}

export async function loadHistory(doc: string, seg: string, lang: string, signal?: AbortSignal): Promise<HistoryEvent[]> {
  const body = await api.get<HistoryEvent[] | { events: HistoryEvent[] }>(translationPath(doc, seg, lang, 'history'), signal);
  return Array.isArray(body) ? body : body.events;
}

export function loadProgress(doc: string, signal?: AbortSignal): Promise<ProgressResponse> {
  return api.get<ProgressResponse>(apiPath(['documents', doc, 'progress']), signal);
}

/** The server's translation in a 409 answer (`{error, current}`), if it sent one. */
export function conflictCurrent(error: unknown): Translation | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const current = (error.payload as { current?: Translation } | undefined)?.current;
  return current && typeof current.version === 'number' ? current : undefined;
}
