import type { WorkItem } from '@lockstep/shared';
import { editorHref } from '../../router';

export type WorkAction = 'translate' | 'review' | 'open';

/** What can be done in an item: translate what needs work, review (reviewers) what awaits it, else just open it. */
export function workActions(item: WorkItem): WorkAction[] {
  const actions: WorkAction[] = [];
  if (item.toTranslate.segments > 0) actions.push('translate');
  if (item.toReview.segments > 0) actions.push('review');
  return actions.length > 0 ? actions : ['open'];
}

/** Where an action opens the editor: on "Needs work", on the translated segments awaiting review, or on everything. */
export function workHref(item: WorkItem, action: WorkAction = workActions(item)[0]): string {
  const state = { translate: 'needs-work', review: 'translated', open: undefined }[action];
  return editorHref(item.documentId, item.lang) + (state ? `?state=${state}` : '');
}
