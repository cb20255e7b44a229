import { applyStaleRule, newSegmentRow, type TranslationRowState } from './staleRules.js';
import type { Alignment } from './types.js';
import { isDone } from '../workflow.js';

/** A stored translation row with its key. */
export interface KeyedTranslationRow extends TranslationRowState {
  segmentId: string;
  lang: string;
}

/** The whole row a new segment (added, split, merged) starts with in one language (`newSegmentRow`). */
export interface NewTranslationRow extends TranslationRowState {
  lang: string;
}

/** Per target language, what a revision does to the work done (api.md "Documents and revisions"). */
export interface ImpactByLanguage {
  /** Translations that need work: gone stale, or the starting text of a split or merged segment. */
  stale: Record<string, number>;
  /** Translations of removed segments handed to a new segment of the same hunk as its suggestion. */
  suggested: Record<string, number>;
  /** Translations retired with their segment and handed to nobody (still in history and memory). */
  retired: Record<string, number>;
}

export interface RevisionEffects extends ImpactByLanguage {
  /** Rows the stale rule changed (version already bumped), with the version they were read at. */
  revised: (KeyedTranslationRow & { oldVersion: number })[];
  /** By new segment index: the rows new translatable segments start with, one per target language. */
  newTranslations: Map<number, NewTranslationRow[]>;
  /**
   * Per language: source words (of the new revision) of the segments counted in `stale` and
   * `suggested`, each segment once: the work the publish hands to that language's translators.
   */
  wordsNeedingWork: Record<string, number>;
}

export interface EffectsInput {
  alignment: Alignment;
  targetLangs: readonly string[];
  /** The stored rows of every old segment the alignment does not keep as it is (at least). */
  translations: ReadonlyMap<string, readonly KeyedTranslationRow[]>;
  /** Old segment id → its source text (with codes). */
  oldSources: ReadonlyMap<string, string>;
  /** The revision being published. */
  revision: number;
}

/** A translation that holds work: text someone wrote (current or stale). */
export function holdsWork(row: TranslationRowState): boolean {
  return isDone(row.state) || row.state === 'stale';
}

/**
 * Everything a revision does to translations, computed once for the dry run and the apply
 * alike, so the impact report counts exactly what publishing writes. Every translation that
 * held work before ends up in one place: current (unchanged, moved), stale (modified, minor),
 * a suggestion on a new segment (split, merged, or handed over from a removed segment), or
 * retired with its segment and counted as `retired`.
 */
export function revisionEffects(input: EffectsInput): RevisionEffects {
  const { alignment, targetLangs, translations, oldSources, revision } = input;
  const perLang = () => Object.fromEntries(targetLangs.map((l) => [l, 0])) as Record<string, number>;
  const out: RevisionEffects = { revised: [], newTranslations: new Map(), stale: perLang(), suggested: perLang(), retired: perLang(), wordsNeedingWork: perLang() };
  const bump = (counts: Record<string, number>, lang: string, by = 1) => (counts[lang] = (counts[lang] ?? 0) + by);
  const rowOf = (id: string, lang: string) => (translations.get(id) ?? []).find((t) => t.lang === lang) ?? null;

  alignment.segments.forEach((a, newIndex) => {
    if (a.kind === 'modified' || a.kind === 'minor') {
      for (const row of translations.get(a.oldIds[0]) ?? []) {
        const { row: next, changed } = applyStaleRule(row, {
          kind: a.kind,
          oldSource: oldSources.get(a.oldIds[0]) ?? '',
          newSource: a.segment.text,
          revision,
        });
        if (!changed) continue;
        out.revised.push({ ...row, ...next, segmentId: row.segmentId, lang: row.lang, oldVersion: row.version });
        if (next.state === 'stale' && row.state !== 'stale') {
          bump(out.stale, row.lang);
          bump(out.wordsNeedingWork, row.lang, a.segment.words);
        }
      }
      return;
    }
    if (a.kind !== 'split' && a.kind !== 'merged' && a.kind !== 'added') return;
    if (!a.segment.translatable) return;
    const from = a.kind === 'added' ? (a.handedFrom ?? []) : a.oldIds;
    const kind = a.kind === 'added' ? 'removed' : a.kind;
    out.newTranslations.set(
      newIndex,
      targetLangs.map((lang): NewTranslationRow => {
        if (!from.length) return { lang, ...newSegmentRow(revision) };
        const parts = from.map((id) => ({ translation: rowOf(id, lang), source: oldSources.get(id) ?? '' }));
        const row = newSegmentRow(revision, { kind, parts });
        if (row.suggestion) {
          // A handed-over translation is counted once per removed segment that held work.
          if (a.kind === 'added') for (const id of from) if (usable(rowOf(id, lang))) bump(out.suggested, lang);
          if (a.kind !== 'added') bump(out.stale, lang);
          bump(out.wordsNeedingWork, lang, a.segment.words);
        }
        return { lang, ...row };
      }),
    );
  });

  const handed = new Set(alignment.segments.flatMap((a) => (a.kind === 'added' && a.segment.translatable ? (a.handedFrom ?? []) : [])));
  for (const id of alignment.removed) {
    if (handed.has(id)) continue;
    for (const row of translations.get(id) ?? []) if (holdsWork(row)) bump(out.retired, row.lang);
  }
  return out;
}

/** What `suggestionFor` (staleRules.ts) passes on from a row: its text, or the suggestion an untranslated row carried. */
function usable(row: TranslationRowState | null): boolean {
  return Boolean(row && (row.state === 'untranslated' ? row.suggestion : row.text)?.trim());
}
