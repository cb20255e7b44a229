import type { LanguageCode } from './languages.js';
import type { LanguageProgress } from './progress.js';
import { may, type Actor } from './roles.js';

/** Segments and their source words. */
export interface WorkCounts {
  segments: number;
  words: number;
}

/** One document × one of the person's languages, with what is left there (`GET /api/my-work`). */
export interface WorkItem {
  documentId: string;
  title: string;
  sourceLang: LanguageCode;
  lang: LanguageCode;
  revision: number;
  /** When the current revision was published (ISO 8601). */
  revisedAt: string;
  /** Untranslated and stale: what the "Needs work" filter shows. */
  toTranslate: WorkCounts;
  /** Translated, not yet approved: what a reviewer approves. Zero for those who may not approve. */
  toReview: WorkCounts;
  openQuestions: number;
}

export interface WorkSource {
  id: string;
  title: string;
  sourceLang: LanguageCode;
  targetLangs: readonly LanguageCode[];
  revision: number;
  revisedAt: string;
  progress: Readonly<Record<string, LanguageProgress>>;
}

/** Whether anything is left for this person in the item. */
export function hasWork(item: WorkItem): boolean {
  return item.toTranslate.segments > 0 || item.toReview.segments > 0;
}

/**
 * The person's work: every document × language of theirs (coordinators and admins, who have no
 * languages of their own, get none), newest revision first — a fresh revision is what brought new
 * work — then the document with more words to translate, then by title and language.
 */
export function workFor(actor: Actor, documents: readonly WorkSource[]): WorkItem[] {
  const items: WorkItem[] = [];
  for (const doc of documents) {
    for (const lang of doc.targetLangs) {
      const progress = doc.progress[lang];
      if (!progress || !(actor.languages as readonly string[]).includes(lang)) continue;
      const { segments: s, words: w } = progress;
      const reviews = actor.role === 'reviewer' && may(actor, 'approve', lang);
      items.push({
        documentId: doc.id,
        title: doc.title,
        sourceLang: doc.sourceLang,
        lang,
        revision: doc.revision,
        revisedAt: doc.revisedAt,
        toTranslate: { segments: s.untranslated + s.stale, words: w.untranslated + w.stale },
        toReview: reviews ? { segments: s.translated, words: w.translated } : { segments: 0, words: 0 },
        openQuestions: progress.openQuestions,
      });
    }
  }
  return items.sort(
    (a, b) =>
      b.revisedAt.localeCompare(a.revisedAt) ||
      b.toTranslate.words - a.toTranslate.words ||
      a.title.localeCompare(b.title) ||
      a.documentId.localeCompare(b.documentId) ||
      a.lang.localeCompare(b.lang),
  );
}

/** The first item after `current` (document × language) with work left, wrapping around; undefined when none. */
export function nextWork(items: readonly WorkItem[], current: { documentId: string; lang: string }): WorkItem | undefined {
  const at = items.findIndex((i) => i.documentId === current.documentId && i.lang === current.lang);
  for (let step = 1; step <= items.length; step++) {
    const item = items[(at + step + items.length) % items.length];
    if (!(item.documentId === current.documentId && item.lang === current.lang) && hasWork(item)) return item;
  }
  return undefined;
}
