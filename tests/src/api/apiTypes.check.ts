import type * as Api from '@lockstep/shared/api';
import type { OpenApiSchemas as Schemas } from './openapi.generated.js';

/**
 * The API types of `@lockstep/shared/api` against the schemas of docs/openapi.yaml, checked by
 * `tsc -b` (nothing here runs): each pair must be assignable both ways, so a field added,
 * dropped, renamed, made optional or given another type on one side only fails the build,
 * naming the pair. The other side of the bargain: openapi.test.ts checks that the generated
 * file is current and that real responses match the YAML.
 */

/** True when A and B accept the same values (each assignable to the other), else false. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

interface Pairs {
  User: [Api.User, Schemas['User']];
  AlignRequest: [Api.AlignRequest, Schemas['AlignRequest']];
  AlignPair: [Api.AlignPair, Schemas['AlignPair']];
  AlignResult: [Api.AlignProposal, Schemas['AlignResult']];
  AlignApplyRequest: [Api.AlignApplyRequest, Schemas['AlignApplyRequest']];
  AlignApplyReport: [Api.AlignApplyReport, Schemas['AlignApplyReport']];
  Session: [Api.Session, Schemas['Session']];
  Me: [Api.Me, Schemas['Me']];
  UserEnvelope: [Api.UserEnvelope, Schemas['UserEnvelope']];
  OwnAccountChange: [Api.OwnAccountChange, Schemas['OwnAccountChange']];
  WorkItem: [Api.WorkItem, Schemas['WorkItem']];
  MyWork: [Api.MyWork, Schemas['MyWork']];
  UserList: [Api.UserList, Schemas['UserList']];
  Progress: [Api.LanguageProgress, Schemas['Progress']];
  ProgressByLanguage: [Api.ProgressByLanguage, Schemas['ProgressByLanguage']];
  DocumentProgress: [Api.DocumentProgress, Schemas['DocumentProgress']];
  DocumentListEntry: [Api.DocumentListEntry, Schemas['DocumentListEntry']];
  Language: [Api.Language, Schemas['Language']];
  Document: [Api.Document, Schemas['Document']];
  CreatedDocument: [Api.CreatedDocument, Schemas['CreatedDocument']];
  SourceRun: [Api.SourceRun, Schemas['SourceRun']];
  DiffPart: [Api.DiffPart, Schemas['DiffPart']];
  TranslationState: [Api.TranslationState, Schemas['TranslationState']];
  Translation: [Api.Translation, Schemas['Translation']];
  Segment: [Api.Segment, Schemas['Segment']];
  CompactTranslation: [Api.CompactTranslation, Schemas['CompactTranslation']];
  CompactSegment: [Api.CompactSegment, Schemas['CompactSegment']];
  CompactSegmentList: [Api.CompactSegmentList, Schemas['CompactSegmentList']];
  SegmentList: [Api.SegmentList, Schemas['SegmentList']];
  QaWarning: [Api.SaveWarning, Schemas['QaWarning']];
  TranslationResult: [Api.TranslationResult, Schemas['TranslationResult']];
  HistoryEvent: [Api.HistoryEvent, Schemas['HistoryEvent']];
  History: [Api.History, Schemas['History']];
  CommentKind: [Api.CommentKind, Schemas['CommentKind']];
  CommentUser: [Api.CommentUser, Schemas['CommentUser']];
  CommentEdit: [Api.CommentEdit, Schemas['CommentEdit']];
  Comment: [Api.Comment, Schemas['Comment']];
  CommentThread: [Api.CommentThread, Schemas['CommentThread']];
  CommentEnvelope: [Api.CommentEnvelope, Schemas['CommentEnvelope']];
  GlossaryUser: [Api.GlossaryUser, Schemas['GlossaryUser']];
  GlossaryProposal: [Api.GlossaryProposal, Schemas['GlossaryProposal']];
  GlossaryEntry: [Api.GlossaryEntry, Schemas['GlossaryEntry']];
  GlossaryList: [Api.GlossaryList, Schemas['GlossaryList']];
  GlossaryEnvelope: [Api.GlossaryEnvelope, Schemas['GlossaryEnvelope']];
  NewGlossaryEntry: [Api.NewGlossaryEntry, Schemas['NewGlossaryEntry']];
  GlossaryEntryPatch: [Api.GlossaryEntryPatch, Schemas['GlossaryEntryPatch']];
  NewGlossaryProposal: [Api.NewGlossaryProposal, Schemas['NewGlossaryProposal']];
  GlossaryImportEntry: [Api.GlossaryImportEntry, Schemas['GlossaryImportEntry']];
  GlossaryImportReport: [Api.GlossaryImportReport, Schemas['GlossaryImportReport']];
  ChangeKind: [Api.RevisionChangeKind, Schemas['ChangeKind']];
  Impact: [Api.Impact, Schemas['Impact']];
  LanguageCounts: [Api.LanguageCounts, Schemas['LanguageCounts']];
  RevisionChange: [Api.RevisionChange, Schemas['RevisionChange']];
  RevisionImpact: [Api.RevisionImpact, Schemas['RevisionImpact']];
  StoredImpact: [Api.StoredImpact, Schemas['StoredImpact']];
  RevisionSummary: [Api.RevisionSummary, Schemas['RevisionSummary']];
  RevisionList: [Api.RevisionList, Schemas['RevisionList']];
  Revision: [Api.Revision, Schemas['Revision']];
  TimelinePoint: [Api.TimelinePoint, Schemas['TimelinePoint']];
  Timeline: [Api.Timeline, Schemas['Timeline']];
  XliffImportReport: [Api.ImportReport, Schemas['XliffImportReport']];
  XliffUnitReport: [Api.ImportUnitReport, Schemas['XliffUnitReport']];
  XliffExchangeFile: [Api.ExchangeFileReport, Schemas['XliffExchangeFile']];
  XliffExchangeReport: [Api.ExchangeReport, Schemas['XliffExchangeReport']];
  MemorySuggestion: [Api.MemorySuggestion, Schemas['MemorySuggestion']];
  MemorySuggestions: [Api.MemorySuggestions, Schemas['MemorySuggestions']];
  MachineSuggestions: [Api.MachineSuggestions, Schemas['MachineSuggestions']];
  MachineSuggestion: [Api.MachineSuggestion, Schemas['MachineSuggestion']];
  MachineTranslationEngine: [Api.MachineTranslationEngine, Schemas['MachineTranslationEngine']];
  MemorySearchHit: [Api.MemorySearchHit, Schemas['MemorySearchHit']];
  MemorySearchResults: [Api.MemorySearchResults, Schemas['MemorySearchResults']];
  TmxUnitOutcome: [Api.TmxUnitOutcome, Schemas['TmxUnitOutcome']];
  TmxImportReport: [Api.TmxImportReport, Schemas['TmxImportReport']];
}

/** Fails to compile at the first pair that differs: its value must be `true`. */
export const API_TYPES_MATCH_OPENAPI: { [K in keyof Pairs]: Same<Pairs[K][0], Pairs[K][1]> } = {
  User: true,
  AlignRequest: true,
  AlignPair: true,
  AlignResult: true,
  AlignApplyRequest: true,
  AlignApplyReport: true,
  Session: true,
  Me: true,
  UserEnvelope: true,
  OwnAccountChange: true,
  WorkItem: true,
  MyWork: true,
  UserList: true,
  Progress: true,
  ProgressByLanguage: true,
  DocumentProgress: true,
  DocumentListEntry: true,
  Language: true,
  Document: true,
  CreatedDocument: true,
  SourceRun: true,
  DiffPart: true,
  TranslationState: true,
  Translation: true,
  Segment: true,
  CompactTranslation: true,
  CompactSegment: true,
  CompactSegmentList: true,
  SegmentList: true,
  QaWarning: true,
  TranslationResult: true,
  HistoryEvent: true,
  History: true,
  CommentKind: true,
  CommentUser: true,
  CommentEdit: true,
  Comment: true,
  CommentThread: true,
  CommentEnvelope: true,
  GlossaryUser: true,
  GlossaryProposal: true,
  GlossaryEntry: true,
  GlossaryList: true,
  GlossaryEnvelope: true,
  NewGlossaryEntry: true,
  GlossaryEntryPatch: true,
  NewGlossaryProposal: true,
  GlossaryImportEntry: true,
  GlossaryImportReport: true,
  ChangeKind: true,
  Impact: true,
  LanguageCounts: true,
  RevisionChange: true,
  RevisionImpact: true,
  StoredImpact: true,
  RevisionSummary: true,
  RevisionList: true,
  Revision: true,
  TimelinePoint: true,
  Timeline: true,
  XliffImportReport: true,
  XliffUnitReport: true,
  XliffExchangeFile: true,
  XliffExchangeReport: true,
  MemorySuggestion: true,
  MemorySuggestions: true,
  MachineSuggestions: true,
  MachineSuggestion: true,
  MachineTranslationEngine: true,
  MemorySearchHit: true,
  MemorySearchResults: true,
  TmxUnitOutcome: true,
  TmxImportReport: true,
};
