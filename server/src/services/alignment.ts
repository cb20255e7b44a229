import { LockstepError, type BitextResult } from '@lockstep/shared';
import type { AlignRequest } from '@lockstep/shared/api';
import type { Db } from '../db/db.js';
import { parsePool } from '../parsing/pool.js';
import { alignmentSource } from '../repos/alignment.js';
import { requireDocument, requireTargetLang } from './documents.js';

/*
 * Bringing a published translation in (issue 26): the translated document is aligned with the
 * current revision's stored segments on a parse thread (the aligner segments the whole
 * translation and runs two dynamic programs); nothing is written — the reviewer looks at the
 * proposal first.
 */

export async function proposeAlignment(db: Db, docId: string, lang: string, input: AlignRequest): Promise<BitextResult> {
  const doc = await requireDocument(db, docId);
  const target = requireTargetLang(doc, lang);
  if (!input.markdown.trim()) {
    throw new LockstepError('unprocessable', 'empty_document', 'The translated document is empty: send its Markdown in "markdown".');
  }
  const source = await alignmentSource(db, doc.id);
  if (source.length === 0) throw new LockstepError('unprocessable', 'no_segments', `The document "${doc.id}" has no segments to align with.`);
  return parsePool().run({
    kind: 'alignTranslation',
    input: { sourceLang: doc.sourceLang, targetLang: target, source, targetMarkdown: input.markdown },
  });
}

