import type { ImpactByLanguage } from './align/effects.js';

/** What a coordinator's webhook may subscribe to (issue 22). */
export const WEBHOOK_EVENTS = ['publish', 'import.applied', 'language.complete'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The signature header every delivery carries: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const SIGNATURE_HEADER = 'X-Lockstep-Signature';

/** One language's part of a publish: the impact report's counts, and the source words to (re)translate. */
export interface PublishCounts {
  /** Translations gone stale, or the starting text of a split or merged segment. */
  stale: number;
  /** Translations of removed segments handed to a new segment as its suggestion. */
  suggested: number;
  /** Translations retired with their segment (kept in history and memory). */
  retired: number;
  /** stale + suggested: what the language's translators have to look at. */
  needsWork: number;
  /** Source words of the segments behind `stale` and `suggested`, each segment once. */
  words: number;
}

/**
 * Per target language, the counts a publish's notices and webhooks report: exactly the
 * impact report's (`revisionEffects`), for the languages it touches (any count above zero).
 */
export function publishCountsByLanguage(
  impact: ImpactByLanguage & { wordsNeedingWork: Record<string, number> },
  targetLangs: readonly string[],
): Record<string, PublishCounts> {
  const out: Record<string, PublishCounts> = {};
  for (const lang of targetLangs) {
    const stale = impact.stale[lang] ?? 0;
    const suggested = impact.suggested[lang] ?? 0;
    const retired = impact.retired[lang] ?? 0;
    if (stale + suggested + retired === 0) continue;
    out[lang] = { stale, suggested, retired, needsWork: stale + suggested, words: impact.wordsNeedingWork[lang] ?? 0 };
  }
  return out;
}

/** A notice in a user's inbox, as the API sends it (`createdAt` in ISO 8601). */
export interface Notice {
  id: number;
  kind: 'publish';
  documentId: string;
  documentTitle: string;
  revision: number;
  lang: string;
  counts: PublishCounts;
  createdAt: string;
  read: boolean;
}

/** How a user hears about publishes: a notice each time, or a day's notices as one digest. */
export const DIGEST_MODES = ['each', 'daily'] as const;
export type DigestMode = (typeof DIGEST_MODES)[number];

/** A finished UTC day's notices of a user who collects a daily digest, as one inbox entry. */
export interface NoticeDigest<N extends Pick<Notice, 'id' | 'read' | 'counts'> = Notice> {
  /** The id of the day's latest notice; marking it read marks the whole day. */
  id: number;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  /** Every notice of the day read. */
  read: boolean;
  /** Summed over the day's notices (a segment touched by two publishes counts twice). */
  needsWork: number;
  words: number;
  /** The day's notices, newest first. */
  notices: N[];
}

/** The UTC day of a moment, `YYYY-MM-DD`. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** Groups held notices (newest first, each with its day) into one digest per day, newest day first. */
export function collectDigests<N extends Pick<Notice, 'id' | 'read' | 'counts'>>(rows: readonly (N & { day: string })[]): NoticeDigest<N>[] {
  const digests: NoticeDigest<N>[] = [];
  for (const { day, ...rest } of rows) {
    const notice = rest as unknown as N;
    let digest = digests[digests.length - 1];
    if (!digest || digest.day !== day) {
      digest = { id: notice.id, day, read: true, needsWork: 0, words: 0, notices: [] };
      digests.push(digest);
    }
    digest.id = Math.max(digest.id, notice.id);
    digest.read &&= notice.read;
    digest.needsWork += notice.counts.needsWork;
    digest.words += notice.counts.words;
    digest.notices.push(notice);
  }
  return digests;
}
