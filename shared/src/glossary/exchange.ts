/**
 * A glossary term as it travels in a file (CSV or TBX): everything but ids and versions.
 * Translations keep their order (the preferred first).
 */
export interface GlossaryRecord {
  sourceLang: string;
  term: string;
  note: string;
  doNotTranslate: boolean;
  caseSensitive: boolean;
  translations: Record<string, string[]>;
}

/** One entry of a file as read: its place in the file, and the record or what is wrong with it. */
export type ReadEntry = { index: number; where: string; record: GlossaryRecord } | { index: number; where: string; term?: string; problem: string };

/** A glossary file may be at most this large (a glossary of ~100,000 terms). */
export const GLOSSARY_FILE_MAX_BYTES = 20 * 1024 * 1024;

export class GlossaryFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlossaryFileError';
  }
}

// shared/ compiles without DOM or Node types; TextDecoder is global in both.
declare const TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(input: Uint8Array): string };

/** A glossary file's text: UTF-8 (a BOM is dropped); anything else is refused, never guessed. */
export function decodeGlossaryBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new GlossaryFileError('The file is empty.');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new GlossaryFileError('The file is UTF-16; save it as UTF-8.');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new GlossaryFileError('The file is not valid UTF-8; save it as UTF-8.');
  }
}
