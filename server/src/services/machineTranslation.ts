import { isLanguageCode, notFound } from '@lockstep/shared';
import type { MachineSuggestions } from '@lockstep/shared/api';
import type { Db } from '../db/db.js';
import type { MachineTranslation } from '../mt/machineTranslation.js';
import { findTranslationTarget } from '../repos/translations.js';
import type { MemoryRef } from './memory.js';

/**
 * Machine-translation suggestions for one segment and language. The segment is read first, in
 * a short interactive read; the engines are asked after it has ended, so no database
 * connection waits on an engine.
 */
export async function machineSuggestions(db: Db, mt: MachineTranslation, ref: MemoryRef, signal?: AbortSignal): Promise<MachineSuggestions> {
  const target = await db.interactive(signal, (tx) => findTranslationTarget(tx, ref.documentId, ref.segmentId, ref.lang));
  if (!target) throw notFound('document_not_found', `There is no document "${ref.documentId}".`);
  if (!target.targetLangs.includes(ref.lang) || !isLanguageCode(ref.lang)) {
    throw notFound('language_not_found', `The document "${ref.documentId}" has no target language "${ref.lang}".`);
  }
  const segment = target.segment;
  if (!segment) throw notFound('segment_not_found', `The document "${ref.documentId}" has no segment "${ref.segmentId}".`);
  // A locked segment has nothing to translate; a retired one is no longer worked on.
  if (!segment.translatable || segment.retiredIn !== null || !mt.configured) return { suggestions: [] };
  return { suggestions: await mt.suggest({ sourceRuns: segment.sourceRuns, sourceLang: target.sourceLang, targetLang: ref.lang }, signal) };
}
