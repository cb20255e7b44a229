import type { Document } from '@lockstep/shared/api';
import {
  alignmentKey,
  invalid,
  isLanguageCode,
  LANGUAGES,
  LockstepError,
  notFound,
  type LanguageCode,
  type Segment,
} from '@lockstep/shared';
import type { Db, Queryable } from '../db/db.js';
import { parsePool } from '../parsing/pool.js';
import * as documents from '../repos/documents.js';
import * as revisions from '../repos/revisions.js';
import * as segments from '../repos/segments.js';
import type { NewSegmentRow, SegmentSource } from '../repos/segments.js';
import { memoryWritten } from './memoryIndexer.js';
import { statisticsAfterCommit } from './statistics.js';

export const MAX_MARKDOWN_BYTES = 5 * 1024 * 1024;

export function checkMarkdown(markdown: string): void {
  if (Buffer.byteLength(markdown, 'utf8') > MAX_MARKDOWN_BYTES) {
    throw new LockstepError('too_large', 'markdown_too_large', 'The Markdown is larger than 5 MB.', { limitMb: MAX_MARKDOWN_BYTES / (1024 * 1024) });
  }
  if (markdown.trim() === '') throw new LockstepError('unprocessable', 'markdown_empty', 'The Markdown is empty.');
  checkNesting(markdown);
  checkInlineDelimiters(markdown);
}

/**
 * The parser's inline pass grows faster than quadratically with the emphasis, link and code
 * delimiters of one paragraph (measured: 16,000 `*a` in one paragraph 0.5 s, 32,000 9.5 s;
 * 32,000 `[a](` 5 s), and it blocks every other request while it runs. So the sum over
 * paragraphs of (delimiters in the paragraph)² is capped at the cost of one paragraph with
 * 10,000 of them (~1 s): a real statement with 20 per paragraph could have 250,000 paragraphs.
 */
export const MAX_DELIMITER_WORK = 10_000 ** 2;
const INLINE_DELIMITER = /[*_[\]`!<]/g;

function checkInlineDelimiters(markdown: string): void {
  let work = 0;
  let line = 1;
  for (const paragraph of markdown.split(/\n[ \t]*\n/)) {
    const k = paragraph.match(INLINE_DELIMITER)?.length ?? 0;
    work += k * k;
    if (work > MAX_DELIMITER_WORK) {
      throw new LockstepError(
        'unprocessable',
        'markdown_too_complex',
        `The paragraph at line ${line} has ${k} emphasis, link and code marks (* _ [ ] \` ! <); together with the paragraphs before it that is more than Lockstep parses in one request. Split long paragraphs or remove stray marks.`,
        { line, delimiters: k },
      );
    }
    line += paragraph.split('\n').length + 1;
  }
}

/**
 * The Markdown parser's time grows much faster than the input with container nesting
 * (100,000 `>` took minutes, a list 1,000 levels deep over a minute, blocking every request),
 * so a line whose block-quote and list markers nest deeper than any real document is refused
 * before parsing.
 */
export const MAX_MARKDOWN_NESTING = 64;
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$|>))+/gm;
const MAX_INDENT = /^[ \t]{257}/m;

function checkNesting(markdown: string): void {
  for (const m of markdown.matchAll(CONTAINER_PREFIX)) {
    const depth = m[0].match(/>|[-*+]|\d{1,9}[.)]/g)?.length ?? 0;
    if (depth > MAX_MARKDOWN_NESTING || m[0].length > 4 * MAX_MARKDOWN_NESTING) throw tooDeep(markdown, m.index);
  }
  const indented = MAX_INDENT.exec(markdown);
  if (indented) throw tooDeep(markdown, indented.index);
}

function tooDeep(markdown: string, at: number): LockstepError {
  const line = markdown.slice(0, at).split('\n').length;
  return new LockstepError('unprocessable', 'markdown_too_deep', `Line ${line} nests block quotes, lists or indentation deeper than ${MAX_MARKDOWN_NESTING} levels.`, { line });
}

/** The parts of a segment only the Markdown rebuild needs; null when there are none. */
export function blockDataOf(s: Segment): Record<string, unknown> | null {
  const data = { ...(s.wrapper ? { wrapper: s.wrapper } : {}), ...(s.breakBefore ? { breakBefore: true } : {}) };
  return Object.keys(data).length ? data : null;
}

/** The stored form of a segment's source, for new segments and for changed ones alike. */
export function segmentSource(s: Segment): SegmentSource {
  return {
    source: s.text,
    sourceRuns: s.runs,
    plainText: s.plain,
    alignKey: alignmentKey(s.text),
    words: s.words,
    translatable: s.translatable,
    lockReason: s.lockReason ?? null,
    hoisted: s.hoisted ?? null,
    blockData: blockDataOf(s),
  };
}

export function toSegmentRows(segs: readonly Segment[]): NewSegmentRow[] {
  return segs.map((s) => ({ position: s.index, blockIndex: s.blockIndex, blockKind: s.blockKind, ...segmentSource(s), derivedFrom: [] }));
}

export interface NewDocument {
  id: string;
  title: string;
  sourceLang: LanguageCode;
  targetLangs: LanguageCode[];
  markdown: string;
}

/** Creates a document and its revision 1 in one transaction. */
export async function createDocument(db: Db, actorId: number | null, input: NewDocument) {
  checkMarkdown(input.markdown);
  const targets = [...new Set(input.targetLangs)];
  if (targets.includes(input.sourceLang)) {
    throw new LockstepError('unprocessable', 'target_is_source', `"${input.sourceLang}" is the source language; it cannot also be a target.`);
  }
  if (targets.length === 0) throw new LockstepError('unprocessable', 'no_targets', 'Name at least one target language.');
  const segmented = await parsePool().run({ kind: 'segmentMarkdown', markdown: input.markdown, lang: input.sourceLang });
  if (segmented.segments.length === 0) {
    throw new LockstepError('unprocessable', 'no_segments', 'The Markdown has no text to translate.');
  }
  const created = await db.transaction(async (tx) => {
    const created = await documents.insertDocument(tx, { ...input, targetLangs: targets, createdBy: actorId });
    if (!created) throw new LockstepError('conflict', 'document_exists', `A document with the id "${input.id}" already exists.`);
    const rows = toSegmentRows(segmented.segments);
    await revisions.insertRevision(tx, {
      documentId: input.id,
      number: 1,
      markdown: input.markdown,
      impact: { added: rows.length },
      createdBy: actorId,
    });
    await segments.insertSegments(tx, input.id, 1, rows);
    await segments.createUntranslatedRows(tx, input.id, targets, 1);
    await documents.setCurrentRevision(tx, input.id, 1);
    return { id: input.id, revision: 1, segments: rows.length };
  });
  memoryWritten(db);
  await statisticsAfterCommit(db, created.segments);
  return created;
}

export async function requireDocument(db: Queryable, id: string): Promise<documents.DocumentRow> {
  const doc = await documents.findDocument(db, id);
  if (!doc) throw notFound('document_not_found', `There is no document "${id}".`);
  return doc;
}

/** The target language of a request, or 404: a language the document is not translated into is unknown here. */
export function requireTargetLang(doc: documents.DocumentRow, lang: unknown): LanguageCode {
  if (!isLanguageCode(lang) || !doc.targetLangs.includes(lang)) {
    throw notFound('language_not_found', `The document "${doc.id}" has no target language "${String(lang)}".`);
  }
  return lang;
}

export function describeDocument(doc: documents.DocumentRow): Document {
  const { createdAt: _c, ...rest } = doc;
  return {
    ...rest,
    languages: [doc.sourceLang, ...doc.targetLangs].map((code) => LANGUAGES[code]).filter(Boolean),
  };
}

export function parseCursor(cursor: unknown): number | undefined {
  if (cursor === undefined) return undefined;
  const n = typeof cursor === 'string' ? Number.parseInt(Buffer.from(cursor, 'base64url').toString('utf8'), 10) : NaN;
  if (!Number.isInteger(n) || n < -1) throw invalid('bad_cursor', 'The cursor is not one this server returned.');
  return n;
}

export function makeCursor(position: number): string {
  return Buffer.from(String(position), 'utf8').toString('base64url');
}
