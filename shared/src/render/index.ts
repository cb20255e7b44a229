export { translatedMarkdown } from './translatedMarkdown.js';
export type { Fallback, FallbackReason, SpliceSegment, TranslatedMarkdown } from './translatedMarkdown.js';
export { matchStoredSegments, type StoredSegmentRef } from './revisionSegments.js';
