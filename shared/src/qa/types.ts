import type { BlockKind, SourceRun } from '../segment/types.js';

/**
 * Stable machine words for QA findings: the client translates by code, the English `message`
 * is for logs, the API and anyone without a translation. Never rename one: saved clients,
 * XLIFF tooling and the docs (docs/qa-checks.md) refer to them.
 */
export type SegmentQaCode =
  | 'inline_codes'
  | 'numbers_differ'
  | 'number_format'
  | 'dates_differ'
  | 'urls_differ'
  | 'emails_differ'
  | 'surrounding_whitespace'
  | 'double_space'
  | 'terminal_punctuation'
  | 'greek_question_mark'
  | 'hindi_danda'
  | 'french_spacing'
  | 'spanish_opening_mark'
  | 'same_as_source'
  | 'source_text_left'
  | 'hidden_characters'
  | 'glossary_term_missing'
  | 'glossary_do_not_translate';

export type DocumentQaCode = 'links_missing' | 'heading_count' | 'list_item_count';

export type QaCode = SegmentQaCode | DocumentQaCode;

/** One advisory finding. Never a rewrite: the text is saved as written. */
export interface QaWarning<C extends string = QaCode> {
  code: C;
  message: string;
  details?: Record<string, unknown>;
}

export interface SegmentQaInput {
  /** The source segment's text with inline codes (`<1>…</1>`, `<2/>`). */
  sourceCoded: string;
  /** The translation as typed, with inline codes. */
  targetCoded: string;
  sourceLang: string;
  targetLang: string;
  /** A locked segment is copied from the source, so "same as source" is expected there. */
  locked?: boolean;
  /** The source's structured runs, when at hand; otherwise read from `sourceCoded`. */
  sourceRuns?: readonly SourceRun[];
  /** Glossary terms of the source language, with their translations into the target language; none: no glossary check. */
  glossary?: readonly GlossaryQaTerm[];
}

/** A glossary term as the QA check needs it: its approved translations in the target language only. */
export interface GlossaryQaTerm {
  id: number;
  term: string;
  caseSensitive: boolean;
  doNotTranslate: boolean;
  translations: readonly string[];
}

/** A segment of a document with its translation, for the document-level checks. */
export interface DocumentQaSegment {
  id: string;
  blockIndex: number;
  blockKind: BlockKind | string;
  /** Source text with inline codes. */
  source: string;
  sourceRuns?: readonly SourceRun[];
  translatable: boolean;
  /** The translation with inline codes; null or empty when there is none (the source stands in). */
  translation: string | null;
}

export interface DocumentQaInput {
  sourceLang: string;
  targetLang: string;
  segments: readonly DocumentQaSegment[];
}

export interface BlockCount {
  /** Blocks of this kind in the source. */
  source: number;
  /** Of those, blocks whose every translatable segment has a translation, plus blocks a translation would add. */
  translated: number;
  /** Block indexes (0-based, document order) still without a complete translation. */
  untranslated: number[];
  /** Segments whose translation starts a new block of this kind with a Markdown marker. */
  added: string[];
}

export interface DocumentQaResult {
  links: { source: number; missing: { url: string; segmentIds: string[] }[] };
  headings: BlockCount;
  listItems: BlockCount;
  warnings: QaWarning<DocumentQaCode>[];
}
