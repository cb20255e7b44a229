import {
  conflict,
  decodeGlossaryBytes,
  GlossaryFileError,
  glossaryCsvHeader,
  glossaryCsvRow,
  isLanguageCode,
  LockstepError,
  readGlossaryCsv,
  readGlossaryTbx,
  TBX_TAIL,
  tbxEntry,
  tbxHead,
  unprocessable,
  type GlossaryRecord,
  type ReadEntry,
} from '@lockstep/shared';
import type { GlossaryImportEntry, GlossaryImportReport } from '@lockstep/shared/api';
import type { Db } from '../db/db.js';
import * as glossary from '../repos/glossary.js';
import { retrying } from '../db/retrying.js';
import { termNote, termText, termTranslations, withoutEmpty } from './glossary.js';

export type GlossaryFormat = 'csv' | 'tbx';

/** Writes the glossary of a source language, entry by entry, through `write` (which applies backpressure). */
export async function exportGlossary(db: Db, sourceLang: string, format: GlossaryFormat, write: (chunk: string) => Promise<void>): Promise<void> {
  const terms = await glossary.termsWithTranslations(db, sourceLang);
  await write(format === 'csv' ? glossaryCsvHeader() : tbxHead(sourceLang));
  // Entries go out in batches: one write per entry costs more than the entry.
  let batch = '';
  for (const t of terms) {
    batch += format === 'csv' ? glossaryCsvRow(t) : tbxEntry(t, `t${t.id}`);
    if (batch.length >= 64 * 1024) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch + (format === 'tbx' ? TBX_TAIL : ''));
}

function readEntries(bytes: Uint8Array, format: GlossaryFormat, sourceLang: string): ReadEntry[] {
  try {
    const text = decodeGlossaryBytes(bytes);
    return format === 'csv' ? [...readGlossaryCsv(text)] : readGlossaryTbx(text, sourceLang);
  } catch (err) {
    if (err instanceof GlossaryFileError) throw unprocessable('glossary_file_invalid', err.message);
    throw err;
  }
}

/** A record as it would be stored, or the message saying what is wrong with it. */
function cleanRecord(r: GlossaryRecord): GlossaryRecord | string {
  if (!isLanguageCode(r.sourceLang)) return `The source language "${r.sourceLang}" is not one Lockstep knows.`;
  try {
    if (/[\r\n]/.test(r.term)) return 'A term is one line.';
    const translations = termTranslations(r.sourceLang, r.translations);
    return { ...r, term: termText(r.term), note: termNote(r.note), translations: withoutEmpty(translations) };
  } catch (err) {
    if (err instanceof LockstepError) return err.message;
    throw err;
  }
}

const keyOf = (r: GlossaryRecord) => `${r.sourceLang}\u0000${r.term.toLowerCase()}\u0000${r.note.toLowerCase()}`;

interface Planned {
  record: GlossaryRecord;
  existing?: { id: number; version: number; translations: Record<string, string[]> };
}

/**
 * Reads a CSV or TBX glossary, decides each entry, and (unless a dry run, and only when no
 * entry is rejected) writes them all in one transaction. Known terms keep every translation
 * they have; the file adds the ones they lack and sets the note and flags.
 */
export async function importGlossary(
  db: Db,
  actorId: number,
  file: { bytes: Uint8Array; format: GlossaryFormat; sourceLang: string },
  dryRun: boolean,
): Promise<GlossaryImportReport> {
  const read = readEntries(file.bytes, file.format, file.sourceLang);
  if (!read.length) throw unprocessable('glossary_file_empty', 'The file has no glossary entries.');
  // In the file's order: a refused entry's report, or the record to compare with the stored terms.
  const checked: (GlossaryImportEntry | { index: number; where: string; record: GlossaryRecord })[] = [];
  const seen = new Map<string, number>();
  for (const e of read) {
    const reject = (problem: string, term?: string) => checked.push({ index: e.index, where: e.where, term: term ?? null, action: 'rejected', problem });
    if ('problem' in e) {
      reject(e.problem, e.term);
      continue;
    }
    const record = cleanRecord(e.record);
    if (typeof record === 'string') {
      reject(record, e.record.term);
      continue;
    }
    const earlier = seen.get(keyOf(record));
    if (earlier !== undefined) {
      reject(`Entry ${earlier} has the same term and note; give one of them another note or merge them.`, record.term);
      continue;
    }
    seen.set(keyOf(record), e.index);
    checked.push({ index: e.index, where: e.where, record });
  }
  const records = checked.flatMap((c) => ('record' in c ? [c.record] : []));
  const stored = await glossary.findSameTerms(db, records);
  const plans: Planned[] = [];
  let place = 0;
  const entries = checked.map((c): GlossaryImportEntry => {
    if (!('record' in c)) return c;
    const { record } = c;
    const found = stored.get(place++);
    const existing = found && { id: found.id, version: found.version, translations: found.translations };
    const merged = existing ? mergeTranslations(existing.translations, record.translations) : record.translations;
    const changed =
      !found ||
      found.doNotTranslate !== record.doNotTranslate ||
      found.caseSensitive !== record.caseSensitive ||
      found.term !== record.term ||
      found.note !== record.note ||
      JSON.stringify(merged) !== JSON.stringify(found.translations);
    if (changed) plans.push({ record: { ...record, translations: merged }, existing });
    return { index: c.index, where: c.where, term: record.term, action: !found ? 'created' : changed ? 'updated' : 'unchanged', problem: null };
  });
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const e of entries) counts[e.action]++;
  const applied = !dryRun && counts.rejected === 0;
  if (applied && plans.length) {
    await retrying(() =>
      db.transaction(async (tx) => {
        for (const p of plans) {
          if (!p.existing) {
            if ((await glossary.insertTerm(tx, p.record, actorId)) === undefined) throw conflict('term_exists', `"${p.record.term}" was added while the file was read; import it again.`);
          } else if ((await glossary.updateTerm(tx, p.existing.id, p.existing.version, p.record)) !== 'updated') {
            throw conflict('version_conflict', `"${p.record.term}" was changed while the file was read; import it again.`);
          }
        }
      }),
    );
  }
  return { dryRun, applied, format: file.format, counts, entries };
}

/** The stored translations, then those of the file they lack, per language. */
function mergeTranslations(stored: Record<string, string[]>, incoming: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = { ...stored };
  for (const [lang, list] of Object.entries(incoming)) {
    const have = out[lang] ?? [];
    const add = list.filter((t) => !have.includes(t));
    if (add.length) out[lang] = [...have, ...add];
  }
  return out;
}
