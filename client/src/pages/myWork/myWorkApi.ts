import type { WorkItem } from '@lockstep/shared';
import { editorHref } from '../../router';

/**
 * Where an item's link opens the editor: on "Needs work" when there is something to translate,
 * else (a reviewer's) on the translated segments that await review, else on everything.
 */
export function workHref(item: WorkItem): string {
  const state = item.toTranslate.segments > 0 ? 'needs-work' : item.toReview.segments > 0 ? 'translated' : undefined;
  return editorHref(item.documentId, item.lang) + (state ? `?state=${state}` : '');
}
