import type { LanguageCode } from '../languages.js';
import { cutBlock } from './assemble.js';
import { codesToText } from './codes.js';
import { lockReasonOf } from './locks.js';
import { parseBlocks } from './markdown.js';
import { rulesFor } from './rules.js';
import type { Segment, SegmentedDocument, SourceRun } from './types.js';
import { countWords } from './words.js';

export type * from './types.js';
export { codesToText, codeTagSpans, parseCodedText, plainOfCoded, validateCodedText } from './codes.js';
export type { CodedRun, CodeProblem, CodeProblemKind, CodeTagSpan, ParsedCodedText, ValidatedCodedText } from './codes.js';
export { splitSentences, sentenceStarts } from './sentences.js';
export { languageData, type LanguageData } from './rules.js';
export { countWords } from './words.js';
export { parseBlocks, parseMarkdown, parseWhole } from './markdown.js';

const HAS_WORD = /[\p{L}\p{N}]/u;

/** What a reader sees: text runs and inline code spans, whitespace collapsed. */
export function plainTextOf(runs: readonly SourceRun[]): string {
  let out = '';
  for (const run of runs) {
    if (run.type === 'text') out += run.text;
    else if (run.type === 'standalone' && run.kind === 'inlineCode' && run.text) out += run.text;
  }
  return out.replace(/[ \t\n\v\f\r]+/g, ' ').trim();
}

/**
 * Markdown → blocks → sentence segments with numbered inline codes (architecture.md
 * "Segmentation"). Pure: the same input and ICU version always give the same segments.
 */
export function segmentMarkdown(markdown: string, lang: LanguageCode): SegmentedDocument {
  const rules = rulesFor(lang);
  const parsed = parseBlocks(markdown);
  const segments: Segment[] = [];
  for (const { block, tokens } of parsed) {
    if (!tokens) continue;
    for (const draft of cutBlock(tokens, rules)) {
      const plain = plainTextOf(draft.runs);
      const lockReason = lockReasonOf(draft.runs, plain);
      const segment: Segment = {
        index: segments.length,
        blockIndex: block.index,
        blockKind: block.kind,
        text: codesToText(draft.runs),
        plain,
        runs: draft.runs,
        words: countWords(plain, lang),
        translatable: lockReason === undefined && HAS_WORD.test(plain),
      };
      if (lockReason) segment.lockReason = lockReason;
      if (draft.wrapper) {
        segment.hoisted = draft.wrapper.kind;
        segment.wrapper = draft.wrapper;
      }
      if (draft.breakBefore) segment.breakBefore = true;
      segments.push(segment);
    }
  }
  return { blocks: parsed.map((p) => p.block), segments };
}
