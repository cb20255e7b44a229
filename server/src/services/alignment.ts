import { conflict, LockstepError, planAlignApply, type Actor, type ApplyPlan } from '@lockstep/shared';
import type { AlignApplyReport, AlignApplyRequest, AlignProposal, AlignRequest } from '@lockstep/shared/api';
import type { Db, Queryable } from '../db/db.js';
import { eventsCommitted } from '../events/committed.js';
import { shareLockDocument } from '../repos/documents.js';
import { insertEvent } from '../repos/events.js';
import { listSegments } from '../repos/segments.js';
import { lockLanguageRows, writeChanges, writeSuggestions } from '../repos/translations.js';
import { parsePool } from '../parsing/pool.js';
import { alignmentSource } from '../repos/alignment.js';
import { requireDocument, requireTargetLang } from './documents.js';

/*
 * Bringing a published translation in (issue 26): the translated document is aligned with the
 * current revision's stored segments on a parse thread (the aligner segments the whole
 * translation and runs two dynamic programs); nothing is written — the reviewer looks at the
 * proposal first.
 */

export async function proposeAlignment(db: Db, docId: string, lang: string, input: AlignRequest): Promise<AlignProposal> {
  const doc = await requireDocument(db, docId);
  const target = requireTargetLang(doc, lang);
  const text = input.markdown ?? input.html ?? '';
  if (!text.trim()) {
    throw new LockstepError('unprocessable', 'empty_document', 'The translated document is empty: send its Markdown in "markdown" or its HTML in "html".');
  }
  const rows = await alignmentSource(db, doc.id, target);
  if (rows.length === 0) throw new LockstepError('unprocessable', 'no_segments', `The document "${doc.id}" has no segments to align with.`);
  const source = rows.map(({ version: _v, ...s }) => s);
  const result = await parsePool().run({
    kind: 'alignTranslation',
    input: { sourceLang: doc.sourceLang, targetLang: target, source, targetMarkdown: text },
    html: input.html !== undefined,
  });
  const versions = new Map(rows.map((r) => [r.id, r.version ?? 0]));
  return { ...result, pairs: result.pairs.map((p) => ({ ...p, versions: p.segmentIds.map((id) => versions.get(id) ?? 0) })) };
}


/**
 * Applies reviewed pairs (or, with `dryRun`, says what applying would do, per segment): one
 * transaction that locks the language's rows, re-reads them and plans again (`planAlignApply`,
 * shared with the dry run), so a save arriving meanwhile either lands first and makes its
 * pair a conflict, or waits. History: `aligned` for texts written, `suggestion` otherwise.
 */
export async function applyAlignment(db: Db, actor: Actor, docId: string, lang: string, input: AlignApplyRequest, dryRun: boolean): Promise<AlignApplyReport> {
  const doc = await requireDocument(db, docId);
  const target = requireTargetLang(doc, lang);
  const planWith = async (q: Queryable, revision: number) => {
    const rows = await listSegments(q, { documentId: doc.id, lang: target });
    const segments = new Map(rows.map((s) => [s.id, { id: s.id, translatable: s.translatable, sourceRuns: s.sourceRuns, translation: s.translation }]));
    return planAlignApply(input.pairs, segments, revision);
  };
  if (dryRun) return reportOf(await planWith(db, doc.revision), true);
  const report = await db.transaction(async (tx) => {
    const revision = await shareLockDocument(tx, doc.id);
    if (revision === undefined) throw conflict('document_gone', `The document "${doc.id}" no longer exists.`);
    await lockLanguageRows(tx, doc.id, target);
    const plan = await planWith(tx, revision);
    let written = await writeChanges(tx, target, plan.writes, { kind: 'aligned', userId: actor.id });
    written += await writeSuggestions(tx, target, plan.suggestions, { userId: actor.id, revision });
    if (written !== plan.writes.length + plan.suggestions.length) {
      throw conflict('align_conflict', 'A translation changed while the alignment was applied; nothing was written. Apply again.');
    }
    if (written > 0) {
      const units = plan.writes.map((w) => ({ segment: w.segmentId, version: w.row.version, state: w.row.state }));
      const suggested = plan.suggestions.map((s) => ({ segment: s.segmentId, version: s.expectedVersion + 1 }));
      await insertEvent(tx, { documentId: doc.id, kind: 'import', payload: { lang: target, units, suggested }, userId: actor.id });
    }
    return reportOf(plan, false);
  });
  eventsCommitted(db, doc.id);
  return report;
}

function reportOf(plan: ApplyPlan, dryRun: boolean): AlignApplyReport {
  const counts = { translated: 0, suggested: 0, unchanged: 0, conflict: 0, rejected: 0 };
  for (const o of plan.outcomes) counts[o.outcome]++;
  return { dryRun, counts, segments: plan.outcomes };
}
