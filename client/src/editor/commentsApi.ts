import { api, apiPath } from '../api';
import type { Comment, CommentEnvelope, CommentKind, CommentThread } from '../types';

/** The routes of segment threads (issue 21: questions and comments), typed for the editor. */

export async function loadThread(doc: string, seg: string, lang: string, signal?: AbortSignal): Promise<Comment[]> {
  return (await api.get<CommentThread>(apiPath(['documents', doc, 'segments', seg, 'comments'], { lang }), signal)).comments;
}

export async function postComment(doc: string, seg: string, input: { text: string; kind: CommentKind; lang: string | null }): Promise<Comment> {
  return (await api.post<CommentEnvelope>(apiPath(['documents', doc, 'segments', seg, 'comments']), input)).comment;
}

export async function editComment(id: number, text: string): Promise<Comment> {
  return (await api.patch<CommentEnvelope>(apiPath(['comments', id]), { text })).comment;
}

export async function deleteComment(id: number): Promise<Comment> {
  return (await api.delete<CommentEnvelope>(apiPath(['comments', id]))).comment;
}

export async function resolveQuestion(id: number): Promise<Comment> {
  return (await api.post<CommentEnvelope>(apiPath(['comments', id, 'resolve']))).comment;
}

// The editor holds one event stream per document; an open thread panel hears through this
// that its segment's thread changed (someone else wrote), and reads it again.
const listeners = new Set<(segmentId: string) => void>();

export function threadChanged(segmentId: string): void {
  for (const listener of listeners) listener(segmentId);
}

export function onThreadChanged(listener: (segmentId: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
