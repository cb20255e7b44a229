/** The shapes the segmenter hands to the rest of Lockstep (server, client, XLIFF, alignment). */

export type BlockKind =
  | 'heading1'
  | 'heading2'
  | 'heading3'
  | 'heading4'
  | 'heading5'
  | 'heading6'
  | 'paragraph'
  | 'list-item'
  | 'blockquote'
  | 'table-cell'
  | 'code'
  | 'html'
  | 'thematic-break';

export interface Block {
  /** 0-based, document order. */
  index: number;
  kind: BlockKind;
  /**
   * UTF-16 offsets of the block's content in the source Markdown: for headings the text after
   * the `#` marker, for list items and block quotes the paragraph inside them (markers of the
   * first line excluded), for code, HTML and thematic breaks the whole node. A translated block
   * is spliced back into exactly this range.
   */
  start: number;
  end: number;
  /** source.slice(start, end) */
  markdown: string;
}

export type CodeKind = 'link' | 'strong' | 'emphasis' | 'delete' | 'inlineCode' | 'image' | 'html' | 'break' | 'footnote';

export type SourceRun =
  | { type: 'text'; text: string }
  | { type: 'open'; id: number; kind: CodeKind; url?: string; title?: string }
  | { type: 'close'; id: number }
  | { type: 'standalone'; id: number; kind: CodeKind; text?: string; url?: string };

export type LockReason = 'site-name' | 'language-menu' | 'email' | 'url';

/** A wrapper (strong, emphasis or link) that covered a whole segment and was taken out of it. */
export interface HoistedWrapper {
  kind: CodeKind;
  url?: string;
  title?: string;
}

export interface Segment {
  /** 0-based position in the document. */
  index: number;
  blockIndex: number;
  blockKind: BlockKind;
  /** With inline codes `<1>…</1>`, `<2/>`; a literal `<` that would read as a code is `\<` (api.md). */
  text: string;
  /** Inline codes removed, escapes resolved, whitespace collapsed (inline code spans keep their text). */
  plain: string;
  /** The same content as `text`, structured: `codesToText(runs) === text`. */
  runs: SourceRun[];
  words: number;
  /**
   * False for the locked lines (`lockReason` says why) and for segments without a letter or
   * digit to translate (an image alone on a line, a row of dashes), which have no `lockReason`.
   */
  translatable: boolean;
  lockReason?: LockReason;
  /** The wrapper hoisted out of the segment; `wrapper` carries its URL for the Markdown rebuild. */
  hoisted?: CodeKind;
  wrapper?: HoistedWrapper;
  /** True when a hard line break separates this segment from the previous one of its block. */
  breakBefore?: boolean;
}

export interface SegmentedDocument {
  blocks: Block[];
  segments: Segment[];
}
