import {
  isDone,
  matchStoredSegments,
  notFound,
  type SourceRun,
  type SpliceSegment,
} from '@lockstep/shared';
import type { Db } from '../db/db.js';
import { parsePool } from '../parsing/pool.js';
import type { DocumentRow } from '../repos/documents.js';
import * as exportsRepo from '../repos/markdownExport.js';
import { findRevision } from '../repos/revisions.js';
import { requireTargetLang } from './documents.js';

/*
 * The translated statement (api.md "Translated document"). Splicing re-parses the Markdown,
 * so it runs on a parse thread like every other parse.
 *
 * Current revision: its stored segments (never a re-segmentation) with the translations that
 * are translated or approved now.
 *
 * An earlier revision n: segments are stored once with their latest source and place, so
 * revision n's Markdown is segmented again and each sentence given the stored id it had then
 * (`matchStoredSegments`); its translation is the one it had while the document was at n or
 * earlier — the newest history event recorded at a revision ≤ n, used when that event left it
 * translated or approved. (Not "today's text if based on ≤ n": a translation edited later
 * would then drop out, and one approved at n but edited since would show the new text.)
 * A sentence that cannot be matched is shown in the source and counted as a fallback without
 * an id.
 *
 * The source language itself: the revision's Markdown as published, with no fallbacks.
 */

export interface MarkdownExport {
  filename: string;
  revision: number;
  markdown: string;
  /** Ids of the segments shown in the source language, in document order. */
  fallbackIds: string[];
  /** Every fallback, including earlier-revision sentences that have no stored id. */
  fallbackCount: number;
}

function toSplice(id: string, blockIndex: number, runs: SourceRun[], translatable: boolean, data: exportsRepo.CurrentSegmentRow['blockData']): SpliceSegment {
  return {
    id,
    blockIndex,
    runs,
    translatable,
    wrapper: data?.wrapper ?? null,
    breakBefore: data?.breakBefore === true,
  };
}

function finish(doc: DocumentRow, lang: string, revision: number, markdown: string, fallbackIds: string[], fallbackCount: number): MarkdownExport {
  return { filename: `${doc.id}.${lang}.md`, revision, markdown, fallbackIds, fallbackCount };
}

async function currentRevision(db: Db, doc: DocumentRow, lang: string): Promise<MarkdownExport> {
  const rows = await exportsRepo.currentRevisionRows(db, doc.id, lang);
  if (!rows) throw notFound('revision_not_found', `The document "${doc.id}" has no published revision.`);
  if (lang === doc.sourceLang) return finish(doc, lang, rows.revision, rows.markdown, [], 0);
  const segments = rows.segments.map((s) => toSplice(s.id, s.blockIndex, s.runs, s.translatable, s.blockData));
  const translations = new Map<string, string>();
  for (const s of rows.segments) if (s.text !== null) translations.set(s.id, s.text);
  const result = await parsePool().run({ kind: 'translatedMarkdown', markdown: rows.markdown, segments, translations });
  const ids = result.fallbacks.map((f) => f.id);
  return finish(doc, lang, rows.revision, result.markdown, ids, ids.length);
}

const UNMATCHED = 'unmatched:';

async function earlierRevision(db: Db, doc: DocumentRow, lang: string, revision: number): Promise<MarkdownExport> {
  const rev = await findRevision(db, doc.id, revision);
  if (!rev) throw notFound('revision_not_found', `The document "${doc.id}" has no revision ${revision}.`);
  if (lang === doc.sourceLang) return finish(doc, lang, revision, rev.markdown, [], 0);
  const stored = await exportsRepo.earlierRevisionRows(db, doc.id, lang, revision);
  const segmented = (await parsePool().run({ kind: 'segmentMarkdown', markdown: rev.markdown, lang: doc.sourceLang })).segments;
  const ids = matchStoredSegments(
    segmented.map((s) => s.text),
    stored,
  );
  const byId = new Map(stored.map((s) => [s.id, s]));
  const translations = new Map<string, string>();
  const segments = segmented.map((s, i): SpliceSegment => {
    const id = ids[i] ?? `${UNMATCHED}${i}`;
    const row = byId.get(id);
    if (row?.text != null && row.state !== null && isDone(row.state)) translations.set(id, row.text);
    return { id, blockIndex: s.blockIndex, runs: s.runs, translatable: s.translatable, wrapper: s.wrapper ?? null, breakBefore: s.breakBefore === true };
  });
  const result = await parsePool().run({ kind: 'translatedMarkdown', markdown: rev.markdown, segments, translations });
  const listed = result.fallbacks.map((f) => f.id).filter((id) => !id.startsWith(UNMATCHED));
  return finish(doc, lang, revision, result.markdown, listed, result.fallbacks.length);
}

/**
 * The document in `lang` at its current revision or at `revision`. 404 for a language that is
 * neither the source nor a target, and for a revision the document does not have.
 */
export async function exportMarkdown(db: Db, doc: DocumentRow, lang: string, revision?: number): Promise<MarkdownExport> {
  const language = lang === doc.sourceLang ? lang : requireTargetLang(doc, lang);
  if (revision !== undefined && (revision > doc.revision || revision < 1)) {
    throw notFound('revision_not_found', `The document "${doc.id}" has no revision ${revision}.`);
  }
  if (revision === undefined || revision === doc.revision) return currentRevision(db, doc, language);
  return earlierRevision(db, doc, language, revision);
}
