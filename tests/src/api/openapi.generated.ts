/* Generated from docs/openapi.yaml by `npm run api-types` (tests/src/support/openapiTypes.ts). Do not edit. */

export interface OpenApiSchemas {
AlignApplyRequest: AlignApplyRequest
AlignApplyOutcome: AlignApplyOutcome
AlignApplyReport: AlignApplyReport
/**
 * The published translation, as Markdown or as an HTML page (converted to Markdown on the server).
 */
AlignRequest: ({
markdown: string
} | {
html: string
})
AlignPair: AlignPair
AlignResult: AlignResult
Error: Error
VersionConflictError: VersionConflictError
DocumentId: string
WorkCounts: WorkCounts
WorkItem: WorkItem
MyWork: MyWork
LanguageCode: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
Language: Language
Role: ("translator" | "reviewer" | "coordinator" | "admin")
Health: Health
SignIn: SignIn
Session: Session
OwnAccountChange: OwnAccountChange
PasswordChange: PasswordChange
User: User
Me: Me
UserList: UserList
UserEnvelope: UserEnvelope
NewUser: NewUser
UserPatch: UserPatch
StateCounts: StateCounts
Progress: Progress
ProgressByLanguage: ProgressByLanguage
DocumentProgress: DocumentProgress
Dashboard: Dashboard
DocumentListEntry: DocumentListEntry
Document: Document
NewDocument: NewDocument
CreatedDocument: CreatedDocument
/**
 * One run of a segment's content; codes are numbered per segment.
 */
SourceRun: ({
type: "text"
text: string
} | {
type: "open"
id: number
kind: ("link" | "strong" | "emphasis" | "delete" | "inlineCode" | "image" | "html" | "break" | "footnote")
url?: string
title?: string
} | {
type: "close"
id: number
} | {
type: "standalone"
id: number
kind: ("link" | "strong" | "emphasis" | "delete" | "inlineCode" | "image" | "html" | "break" | "footnote")
text?: string
url?: string
})
CodeKind: ("link" | "strong" | "emphasis" | "delete" | "inlineCode" | "image" | "html" | "break" | "footnote")
DiffPart: DiffPart
TranslationState: ("untranslated" | "translated" | "stale" | "approved")
Translation: Translation
Segment: Segment
CompactTranslation: CompactTranslation
CompactSegment: CompactSegment
CompactSegmentList: CompactSegmentList
SegmentList: SegmentList
QaWarning: QaWarning
TranslationResult: TranslationResult
SaveTranslation: SaveTranslation
VersionedAction: VersionedAction
Revert: Revert
HistoryEvent: HistoryEvent
History: History
MemorySuggestion: MemorySuggestion
MemorySuggestions: MemorySuggestions
MachineSuggestions: MachineSuggestions
MachineSuggestion: MachineSuggestion
MachineTranslationEngine: ("apertium" | "deepl" | "libretranslate")
MemorySearchHit: MemorySearchHit
MemorySearchResults: MemorySearchResults
TmxUnitOutcome: ({
unit: number
outcome: ("imported" | "duplicate")
/**
 * New (source, target, language) pairs the unit added.
 */
pairs: number
} | {
unit: number
outcome: "skipped"
reason: string
})
TmxImportReport: TmxImportReport
ChangeKind: ("modified" | "minor" | "split" | "merged" | "moved" | "added" | "removed")
Impact: Impact
RevisionChange: RevisionChange
LanguageCounts: LanguageCounts
StaleCounts: StaleCounts
RevisionImpact: RevisionImpact
SideSegment: SideSegment
PublishRevision: PublishRevision
StoredImpact: StoredImpact
RevisionSummary: RevisionSummary
RevisionList: RevisionList
Revision: Revision
Timeline: Timeline
TimelinePoint: TimelinePoint
XliffWarning: XliffWarning
UnitReason: UnitReason
XliffImportReport: XliffImportReport
XliffUnitReport: XliffUnitReport
XliffExchangeFile: XliffExchangeFile
XliffExchangeReport: XliffExchangeReport
XliffInspectReport: XliffInspectReport
QaReport: QaReport
BlockCount: BlockCount
DocumentQa: DocumentQa
Visit: Visit
VisitRecorded: VisitRecorded
ChangeCounts: ChangeCounts
LanguageChanges: LanguageChanges
DocumentChanges: DocumentChanges
ConsistencyProblem: ConsistencyProblem
ConsistencyReport: ConsistencyReport
LiveEventBase: LiveEventBase
LiveReadyEvent: LiveReadyEvent
LiveResetEvent: LiveResetEvent
/**
 * `event: translation` — one translation changed.
 */
LiveTranslationEvent: (LiveEventBase & {
kind: "translation"
segment: string
lang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
version: number
state: ("untranslated" | "translated" | "stale" | "approved")
action: ("edit" | "approve" | "reconfirm" | "revert" | "import")
historyId: number
})
CommentKind: ("comment" | "question")
CommentUser: CommentUser
CommentEdit: CommentEdit
CommentText: CommentText
NewComment: NewComment
Comment: Comment
CommentThread: CommentThread
CommentEnvelope: CommentEnvelope
GlossaryTranslations: GlossaryTranslations
GlossaryUser: GlossaryUser
GlossaryProposal: GlossaryProposal
GlossaryEntry: GlossaryEntry
GlossaryList: GlossaryList
GlossaryEnvelope: GlossaryEnvelope
NewGlossaryEntry: NewGlossaryEntry
GlossaryEntryPatch: GlossaryEntryPatch
NewGlossaryProposal: NewGlossaryProposal
GlossaryImportEntry: GlossaryImportEntry
GlossaryImportReport: GlossaryImportReport
/**
 * `event: comment` — a comment or question was written, edited, deleted or resolved.
 */
LiveCommentEvent: (LiveEventBase & {
kind: "comment"
comment: number
segment: string
lang: (null | ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru"))
commentKind: ("comment" | "question")
action: ("created" | "edited" | "deleted" | "resolved")
})
/**
 * `event: revision` — a new source revision was published.
 */
LiveRevisionEvent: (LiveEventBase & {
kind: "revision"
revision: number
stale: StaleCounts
})
/**
 * `event: import` — an XLIFF import changed translations (one event for the whole file).
 */
LiveImportEvent: (LiveEventBase & {
kind: "import"
lang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
/**
 * Translations applied, with the version and state each got.
 */
units: {
segment: string
version: number
state: ("untranslated" | "translated" | "stale" | "approved")
}[]
/**
 * Conflicting units kept as suggestions, with the version each got.
 */
suggested: {
segment: string
version: number
}[]
})
PublishCounts: PublishCounts
Notice: Notice
Inbox: Inbox
/**
 * `each`: a notice per publish and language; `daily`: a day's notices collected into one digest.
 */
DigestMode: ("each" | "daily")
NoticeDigest: NoticeDigest
WebhookEvent: ("publish" | "import.applied" | "language.complete")
Webhook: Webhook
WebhookPayload: WebhookPayload
WebhookDelivery: WebhookDelivery
}
export interface AlignApplyRequest {
pairs: {
segmentIds: string[]
text: string
versions: number[]
}[]
}
export interface AlignApplyOutcome {
segmentId: string
outcome: ("translated" | "suggested" | "unchanged" | "conflict" | "rejected")
reason?: string
}
export interface AlignApplyReport {
dryRun: boolean
counts: {
translated: number
suggested: number
unchanged: number
conflict: number
rejected: number
}
segments: AlignApplyOutcome[]
}
export interface AlignPair {
/**
 * The current version of each segment's translation (send them back to apply).
 */
versions: number[]
/**
 * The source segments covered (two for a 2:1 step), in document order.
 */
segmentIds: string[]
/**
 * The target text with the first segment's inline codes where they could be matched.
 */
text: string
/**
 * The target sentences (two for a 1:2 step).
 */
sentences: string[]
confidence: number
/**
 * True when `text` carries exactly the first segment's inline codes.
 */
codesMatch: boolean
}
export interface AlignResult {
pairs: AlignPair[]
/**
 * Translatable segment ids with no target sentence.
 */
unmatchedSource: string[]
/**
 * Target sentences that match no segment.
 */
unmatchedTarget: string[]
/**
 * Locked source lines found in the target and left out.
 */
lockedMatched: number
}
export interface Error {
error: {
/**
 * A stable machine word (e.g. `document_not_found`, `version_conflict`, `invalid_inline_codes`, `wrong_state`).
 */
code: string
/**
 * What went wrong and what to fix, in English.
 */
message: string
/**
 * More about the error where there is more to say (e.g. zod issues, the line and column of an XLIFF error, the current revision).
 */
details?: {
[k: string]: unknown
}
}
}
export interface VersionConflictError {
error: {
code: "version_conflict"
message: string
details: {
current: Translation
}
}
current: Translation
}
export interface Translation {
/**
 * With inline codes; empty while untranslated.
 */
text: string
state: ("untranslated" | "translated" | "stale" | "approved")
/**
 * Bumped by every change.
 */
version: number
/**
 * The revision whose source the text was made against.
 */
basedOnRevision: (number | null)
/**
 * While stale, or for a segment born of a split or merge, the old source text (or texts).
 */
previousSource: (string | null)
/**
 * Stale only — the word diff from `previousSource` to the current source (plain text).
 */
diff: (null | DiffPart[])
/**
 * While stale, how the source changed (e.g. `modified`, `minor`).
 */
changeClass: (string | null)
/**
 * A starting text (the old translation or translations of a split or merge, or an import conflict's text).
 */
suggestion: (string | null)
/**
 * The name of whoever changed it last.
 */
updatedBy: (string | null)
updatedAt: string
}
export interface DiffPart {
op: ("equal" | "added" | "removed")
text: string
}
export interface WorkCounts {
segments: number
/**
 * Source words of those segments.
 */
words: number
}
export interface WorkItem {
documentId: string
title: string
sourceLang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
lang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
revision: number
/**
 * When the current revision was published.
 */
revisedAt: string
toTranslate: WorkCounts
toReview: WorkCounts
openQuestions: number
}
export interface MyWork {
items: WorkItem[]
minItems?: 0
}
export interface Language {
code: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
/**
 * The language's name for itself.
 */
autonym: string
englishName: string
/**
 * ISO 15924
 */
script: ("Latn" | "Hang" | "Grek" | "Deva" | "Cyrl")
direction: ("ltr" | "rtl")
}
export interface Health {
ok: true
db: ("pglite" | "postgres")
}
export interface SignIn {
email: string
password: string
}
export interface Session {
/**
 * For `Authorization: Bearer`; also the session cookie's value.
 */
token: string
/**
 * For `X-CSRF-Token` on cookie-authenticated writes.
 */
csrfToken: string
user: User
}
export interface User {
id: number
email: string
name: string
role: ("translator" | "reviewer" | "coordinator" | "admin")
/**
 * The languages a translator or reviewer works in.
 */
languages: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")[]
active: boolean
/**
 * The interface language the person chose (`PATCH /api/users/me`); null when never chosen (the browser's languages decide).
 */
uiLanguage: (("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru") | null)
}
export interface OwnAccountChange {
/**
 * Trimmed; shown to others in threads and histories.
 */
name?: string
/**
 * The interface language; null clears the choice.
 */
uiLanguage?: (("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru") | null)
}
export interface PasswordChange {
currentPassword: string
newPassword: string
}
export interface Me {
user: User
/**
 * Only when authenticated by the session cookie.
 */
csrfToken?: string
}
export interface UserList {
users: User[]
}
export interface UserEnvelope {
user: User
}
export interface NewUser {
email: string
/**
 * At least the minimum length (else 422 `weak_password`).
 */
password: string
name: string
role: ("translator" | "reviewer" | "coordinator" | "admin")
languages?: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")[]
}
export interface UserPatch {
name?: string
role?: ("translator" | "reviewer" | "coordinator" | "admin")
languages?: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")[]
active?: boolean
}
/**
 * `total` is the sum of the other keys.
 */
export interface StateCounts {
total: number
untranslated: number
translated: number
stale: number
approved: number
locked: number
}
/**
 * One target language's progress.
 */
export interface Progress {
segments: StateCounts
words: StateCounts1
/**
 * (translated + approved) / (total − locked), by segments; the same over `words` gives it by source words. Locked segments are counted and shown but are not work, so a language nobody has touched is 0. 1 when there is nothing to translate (no segments, or locked ones only).
 */
complete: number
/**
 * The newest revision against which the language was complete (every translatable segment translated or approved).
 */
completeAgainstRevision: (number | null)
lastActivity: (string | null)
/**
 * Questions still open in this language, those asked for all languages included.
 */
openQuestions: number
}
/**
 * `total` is the sum of the other keys.
 */
export interface StateCounts1 {
total: number
untranslated: number
translated: number
stale: number
approved: number
locked: number
}
export interface ProgressByLanguage {
[k: string]: Progress
}
export interface DocumentProgress {
revision: number
languages: ProgressByLanguage
}
export interface Dashboard {
documents: {
id: string
title: string
revision: number
languages: ProgressByLanguage
}[]
}
export interface DocumentListEntry {
id: string
title: string
sourceLang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
targetLangs: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")[]
/**
 * The current revision.
 */
revision: number
progress: ProgressByLanguage
}
export interface Document {
id: string
title: string
sourceLang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
targetLangs: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")[]
/**
 * The current revision.
 */
revision: number
/**
 * The source language first, then the targets, with autonyms.
 */
languages: Language[]
}
export interface NewDocument {
id: string
title: string
sourceLang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
/**
 * @minItems 1
 */
targetLangs: [("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru"), ...(("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru"))[]]
/**
 * At most 5 MB of UTF-8.
 */
markdown: string
}
export interface CreatedDocument {
id: string
revision: 1
/**
 * How many segments revision 1 has.
 */
segments: number
}
export interface Segment {
/**
 * Stable across revisions.
 */
id: string
/**
 * Position in the current revision.
 */
index: number
blockIndex: number
/**
 * The Markdown block the segment is in. GFM is parsed (issue 25) - each cell of a pipe table is a `table-cell` block of its own; a footnote's text is a `paragraph` block; `~~strikethrough~~` is an inline code, and so is a bare `www.`/`https://`/e-mail autolink.
 */
kind: ("heading1" | "heading2" | "heading3" | "heading4" | "heading5" | "heading6" | "paragraph" | "list-item" | "blockquote" | "table-cell" | "code" | "html" | "thematic-break")
/**
 * The source text with inline codes.
 */
source: string
/**
 * Items: One run of a segment's content; codes are numbered per segment.
 */
sourceRuns: ({
type: "text"
text: string
} | {
type: "open"
id: number
kind: ("link" | "strong" | "emphasis" | "delete" | "inlineCode" | "image" | "html" | "break" | "footnote")
url?: string
title?: string
} | {
type: "close"
id: number
} | {
type: "standalone"
id: number
kind: ("link" | "strong" | "emphasis" | "delete" | "inlineCode" | "image" | "html" | "break" | "footnote")
text?: string
url?: string
})[]
words: number
translatable: boolean
/**
 * Why a segment is locked (copied from the source).
 */
lockReason: (null | ("site-name" | "language-menu" | "email" | "url"))
/**
 * Internal mark of a wrapper taken out of a whole segment.
 */
hoisted: (string | null)
/**
 * For a segment born of a split or merge, the ids it came from.
 */
derivedFrom: string[]
/**
 * Null for locked segments.
 */
translation: (null | Translation)
/**
 * Questions still open on the segment in the asked language or for all languages.
 */
openQuestions: number
}
/**
 * A translation in the compact segment list; a missing `previousSource` or `suggestion` is null. The stale diff is not sent.
 */
export interface CompactTranslation {
text: string
state: ("untranslated" | "translated" | "stale" | "approved")
version: number
previousSource?: string
suggestion?: string
}
/**
 * A segment in the compact segment list: no `source` and no `words`. A field left out has
 * its empty value - `lockReason` and `hoisted` null, `derivedFrom` [], `openQuestions` 0,
 * `translation` null (a locked segment).
 * 
 */
export interface CompactSegment {
id: string
index: number
blockIndex: number
/**
 * The Markdown block the segment is in. GFM is parsed (issue 25) - each cell of a pipe table is a `table-cell` block of its own; a footnote's text is a `paragraph` block; `~~strikethrough~~` is an inline code, and so is a bare `www.`/`https://`/e-mail autolink.
 */
kind: ("heading1" | "heading2" | "heading3" | "heading4" | "heading5" | "heading6" | "paragraph" | "list-item" | "blockquote" | "table-cell" | "code" | "html" | "thematic-break")
/**
 * Items: One run of a segment's content; codes are numbered per segment.
 */
sourceRuns: ({
type: "text"
text: string
} | {
type: "open"
id: number
kind: ("link" | "strong" | "emphasis" | "delete" | "inlineCode" | "image" | "html" | "break" | "footnote")
url?: string
title?: string
} | {
type: "close"
id: number
} | {
type: "standalone"
id: number
kind: ("link" | "strong" | "emphasis" | "delete" | "inlineCode" | "image" | "html" | "break" | "footnote")
text?: string
url?: string
})[]
translatable: boolean
lockReason?: ("site-name" | "language-menu" | "email" | "url")
hoisted?: string
/**
 * Never empty when present.
 */
derivedFrom?: string[]
openQuestions?: number
translation?: CompactTranslation
}
export interface CompactSegmentList {
revision: number
segments: CompactSegment[]
/**
 * Only when `limit` was given; null on the last page.
 */
nextCursor?: (string | null)
}
export interface SegmentList {
revision: number
segments: Segment[]
/**
 * Only when `limit` was given; null on the last page.
 */
nextCursor?: (string | null)
}
export interface QaWarning {
/**
 * A stable QA code (docs/qa-checks.md), or `unchanged` for a save that wrote nothing.
 */
code: string
message: string
details?: {

}
}
export interface TranslationResult {
translation: Translation
warnings: QaWarning[]
}
export interface SaveTranslation {
/**
 * With inline codes; at most 20,000 characters; not blank.
 */
text: string
/**
 * The version the edit starts from.
 */
version: number
}
export interface VersionedAction {
version: number
}
export interface Revert {
/**
 * A history event of this translation.
 */
eventId: number
version: number
}
export interface HistoryEvent {
id: number
kind: ("edit" | "approve" | "reconfirm" | "revert" | "import" | "stale" | "source" | "suggestion" | "aligned")
text: string
state: ("untranslated" | "translated" | "stale" | "approved")
version: number
revision: number
user: (null | {
id: number
name: string
})
createdAt: string
}
export interface History {
events: HistoryEvent[]
/**
 * Pass as `before` for the next page; null when this page is the last.
 */
nextBefore: (number | null)
}
export interface MemorySuggestion {
/**
 * The stored translation (with inline codes).
 */
text: string
/**
 * The source it was made against (for a text of this segment written before its source changed: that earlier source, which `match` and `diff` compare with).
 */
source: string
/**
 * True for this segment's own text made for an earlier source of the segment: it translates `source`, not the current source, so it is never a 100% match for the new text.
 */
earlierSource: boolean
/**
 * `imported`: a unit of a TMX file (`documentId` and `segmentId` are empty).
 */
origin: ("this-segment" | "other-segment" | "imported")
/**
 * For `imported`: the name the TMX file was imported under.
 */
importedFrom?: string
documentId: string
segmentId: string
state: string
updatedAt: string
match: number
/**
 * Word diff from the suggestion's source to the current source.
 */
diff: DiffPart[]
}
export interface MemorySuggestions {
suggestions: MemorySuggestion[]
/**
 * False when the segment is longer than `fuzzyMaxChars`: only identical sources were looked up (`LOCKSTEP_MEMORY_MAX_CHARS`).
 */
fuzzy: boolean
fuzzyMaxChars: number
}
export interface MachineSuggestions {
suggestions: MachineSuggestion[]
}
export interface MachineSuggestion {
engine: ("apertium" | "deepl" | "libretranslate")
/**
 * The draft, with the source's inline codes (`<1>…</1>`, `<2/>`).
 */
text: string
/**
 * The engine did not keep the codes; they were put back by position, so the translator should check where they stand.
 */
needsCodePlacement: boolean
}
export interface MemorySearchHit {
/**
 * The source the translation was made for, without inline codes.
 */
source: string
/**
 * The translation, without inline codes.
 */
text: string
sourceLang: string
lang: string
documentId: string
segmentId: string
state: string
updatedAt: string
}
export interface MemorySearchResults {
hits: MemorySearchHit[]
page: number
hasMore: boolean
/**
 * More than `scanLimit` stored texts contain the words: only those were looked at.
 */
truncated: boolean
scanLimit: number
}
export interface TmxImportReport {
units: number
imported: number
duplicates: number
skipped: number
report: ({
unit: number
outcome: ("imported" | "duplicate")
/**
 * New (source, target, language) pairs the unit added.
 */
pairs: number
} | {
unit: number
outcome: "skipped"
reason: string
})[]
}
/**
 * Segments of the new revision per kind of change (`removed` counts old segments).
 */
export interface Impact {
unchanged: number
moved: number
modified: number
minor: number
split: number
merged: number
added: number
removed: number
}
/**
 * One segment that is not unchanged (a split is one change with one old and several new ids). Texts are plain (inline codes removed).
 */
export interface RevisionChange {
kind: ("modified" | "minor" | "split" | "merged" | "moved" | "added" | "removed")
oldIds: string[]
/**
 * In a dry run, segments that would be new are named `new:<position>`.
 */
newIds: string[]
oldTexts: string[]
newTexts: string[]
/**
 * For `added`: removed segments of the same hunk whose translations this segment receives as its suggestion.
 */
handedFrom?: string[]
/**
 * For `removed`: the new segment that receives its translations as a suggestion.
 */
handedTo?: string
}
export interface LanguageCounts {
[k: string]: number
}
/**
 * Per target language, the translations that need work after this revision.
 */
export interface StaleCounts {
[k: string]: number
}
/**
 * Nothing needs work only when `stale`, `suggested` and `retired` are zero in every language.
 */
export interface RevisionImpact {
/**
 * The new revision's number (the one a dry run would create).
 */
revision: number
impact: Impact
changes: RevisionChange[]
stale: StaleCounts
/**
 * Per language, translations of removed segments handed to a new segment of the same hunk as its suggestion.
 */
suggested: LanguageCounts
/**
 * Per language, translations retired with their segment and handed to nobody (kept in history and translation memory).
 */
retired: LanguageCounts
/**
 * Dry run with `sides=true`: the current revision's live segments (`old`) and the new revision's (`new`) in document order; an old sentence has the class of the change it went into, or `removed`.
 */
sides?: {
old: SideSegment[]
new: SideSegment[]
}
}
export interface SideSegment {
/**
 * Plain text (inline codes removed).
 */
text: string
/**
 * Sentences of one block (paragraph, heading, list item, table cell) share it.
 */
block: number
kind: ("unchanged" | "moved" | "modified" | "minor" | "split" | "merged" | "added" | "removed")
}
export interface PublishRevision {
/**
 * At most 5 MB of UTF-8.
 */
markdown: string
/**
 * The revision the preview was made against; another current revision is 409.
 */
baseRevision?: number
}
/**
 * The impact as stored with the revision (revision 1 has only `added`); later revisions also carry `stale` per language, and (since the hand-over rule) `suggested` and `retired`.
 */
export interface StoredImpact {
stale?: StaleCounts
suggested?: LanguageCounts
retired?: LanguageCounts
[k: string]: number | StaleCounts | LanguageCounts | undefined
}
export interface RevisionSummary {
number: number
impact: StoredImpact
createdAt: string
/**
 * The publisher's name.
 */
createdBy: (string | null)
}
export interface RevisionList {
revisions: RevisionSummary[]
}
export interface Revision {
number: number
markdown: string
impact: StoredImpact
createdAt: string
createdBy: (string | null)
}
export interface Timeline {
revision: number
/**
 * How the history is cut: days, or hours while it is under three days long.
 */
bucket: ("day" | "hour")
languages: {
[k: string]: TimelinePoint[]
}
/**
 * When each revision was published (`date` the UTC day, `at` the moment), to mark on the chart.
 */
revisions: {
number: number
date: string
at: string
}[]
}
/**
 * The values at the end of that UTC day or hour, holding until the next point.
 */
export interface TimelinePoint {
date: string
/**
 * The start of the day or hour (UTC).
 */
at: string
/**
 * Done segments (translated, approved).
 */
completed: number
/**
 * Live translatable segments; locked segments are not work and count in neither.
 */
total: number
completedWords: number
totalWords: number
}
export interface XliffWarning {
unit?: string
message: string
}
export interface UnitReason {
/**
 * The unit id (= segment id).
 */
unit: string
reason: string
}
/**
 * Every unit of the file is in exactly one of the lists (by unit id).
 */
export interface XliffImportReport {
/**
 * The export the file came from, when this server recorded it.
 */
exportId: (string | null)
/**
 * Every unit in file order with its outcome, the texts before and after, and the reason.
 */
units: XliffUnitReport[]
applied: string[]
unchanged: string[]
/**
 * The translation changed since the export; the file's text is kept as a suggestion.
 */
conflicts: UnitReason[]
/**
 * No live segment has this id.
 */
unknown: string[]
/**
 * The unit cannot be used (inline codes that do not match, a partial target…).
 */
rejected: UnitReason[]
warnings: XliffWarning[]
}
export interface XliffUnitReport {
/**
 * The unit id in the file = the stable segment id shown in the editor (`s40`).
 */
unit: string
/**
 * The segment's number in the editor (1-based); null for an unknown unit.
 */
position: (number | null)
outcome: ("applied" | "unchanged" | "conflict" | "unknown" | "rejected")
reason?: string
/**
 * The segment's source now (text with codes).
 */
source: (string | null)
/**
 * The server's translation now.
 */
before: (string | null)
/**
 * The file's target; null when the unit has none.
 */
after: (string | null)
}
export interface XliffExchangeFile {
/**
 * The uploaded name; a zip entry's is `archive.zip/entry.xlf`; the key of `overrides`.
 */
name: string
bytes: number
version: (string | null)
detected: {
document: (string | null)
documentFrom: ("export" | "stamp" | "original" | null)
/**
 * The Lockstep language of the file's target language.
 */
lang: (string | null)
/**
 * The target language as the file wrote it.
 */
fileLang: (string | null)
}
document: string
lang: (string | null)
overridden: {
document: boolean
lang: boolean
}
error?: {
code: string
message: string
}
report?: XliffImportReport
}
export interface XliffExchangeReport {
dryRun: boolean
files: XliffExchangeFile[]
}
export interface XliffInspectReport {
version: ("1.0" | "1.1" | "1.2" | "2.0" | "2.1" | "2.2")
/**
 * The encoding the bytes were decoded with (WHATWG name).
 */
encoding: string
srcLang: string
trgLang: (string | null)
files: number
units: number
segments: number
/**
 * Units per state as the file said it (`none` for a 1.2 unit without one).
 */
states: {
[k: string]: number
}
/**
 * Units that import would reject.
 */
rejected: number
warnings: XliffWarning[]
}
export interface QaReport {
revision: number
lang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
/**
 * Translations checked (every segment with a translation's text, stale ones included).
 */
checked: number
/**
 * How many segments have each warning code.
 */
counts: {
[k: string]: number
}
/**
 * Only the segments with at least one warning, in document order.
 */
segments: {
id: string
index: number
state: ("untranslated" | "translated" | "stale" | "approved")
warnings: QaWarning[]
}[]
document: DocumentQa
}
/**
 * Document-level checks; only translated and approved text counts.
 */
export interface DocumentQa {
links: {
source: number
missing: {
url: string
segmentIds: string[]
}[]
}
headings: BlockCount
listItems: BlockCount
warnings: QaWarning[]
}
export interface BlockCount {
source: number
translated: number
/**
 * Block indexes still without a complete translation.
 */
untranslated: number[]
/**
 * Segments whose translation starts a new block of this kind.
 */
added: string[]
}
export interface Visit {
/**
 * The newest event the user had seen.
 */
seq: number
visitedAt: string
}
export interface VisitRecorded {
previous: (null | Visit)
current: Visit
}
export interface ChangeCounts {
/**
 * Segments with at least one change.
 */
segments: number
stale: number
new: number
edited: number
approved: number
reconfirmed: number
}
/**
 * Changes since a visit (changes-since-visit for one language).
 */
export interface LanguageChanges {
lang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
/**
 * The event number counted from; null when never visited.
 */
since: (number | null)
visitedAt: (string | null)
/**
 * The document's newest event number.
 */
until: number
segments: {
id: string
changes: ("stale" | "new" | "edited" | "approved" | "reconfirmed")[]
/**
 * Who made the changes (names); empty for what a revision did.
 */
by: string[]
}[]
counts: ChangeCounts
}
export interface DocumentChanges {
until: number
languages: {
[k: string]: {
since: (number | null)
visitedAt: (string | null)
counts: ChangeCounts
}
}
}
export interface ConsistencyProblem {
kind: ("history_mismatch" | "version_order" | "progress_mismatch" | "memory_source_mismatch" | "orphan_translation" | "orphan_history" | "orphan_segment" | "orphan_revision" | "orphan_progress" | "missing_translation" | "missing_revision")
documentId?: string
segmentId?: string
lang?: string
eventId?: number
revision?: number
message: string
}
/**
 * The consistency check.
 */
export interface ConsistencyReport {
ok: boolean
problems: ConsistencyProblem[]
/**
 * Rows examined, per table.
 */
counts: {
documents: number
revisions: number
segments: number
translations: number
events: number
progressRows: number
}
/**
 * More problems than the limit (1,000 per check) were found; only the first are listed.
 */
truncated: boolean
}
export interface LiveEventBase {
/**
 * The event's number (also its SSE `id`).
 */
seq: number
kind: ("translation" | "revision" | "import" | "comment")
userId: (number | null)
/**
 * The name of whoever made the change.
 */
by: (string | null)
at: string
}
/**
 * `event: ready` — events after `seq` follow.
 */
export interface LiveReadyEvent {
seq: number
}
/**
 * `event: reset` — the reader cannot resume from its `Last-Event-ID`: reload, then continue after `seq`.
 */
export interface LiveResetEvent {
seq: number
reason: ("unknown_event_id" | "too_far_behind")
}
export interface CommentUser {
id: number
name: string
}
/**
 * An earlier text of an edited comment.
 */
export interface CommentEdit {
text: string
/**
 * When this text was replaced by the next.
 */
replacedAt: string
}
export interface CommentText {
/**
 * Up to 5,000 characters.
 */
text: string
}
export interface NewComment {
/**
 * Up to 5,000 characters.
 */
text: string
kind: ("comment" | "question")
/**
 * The thread's language; null or absent for the thread for all languages.
 */
lang?: (null | ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru"))
}
export interface Comment {
id: number
segmentId: string
/**
 * Null in the thread for all languages.
 */
lang: (null | ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru"))
kind: ("comment" | "question")
/**
 * Null once deleted.
 */
text: (string | null)
author: CommentUser
createdAt: string
editedAt: (string | null)
/**
 * Earlier texts, oldest first (empty once deleted).
 */
edits: CommentEdit[]
/**
 * The users the text mentions.
 */
mentions: CommentUser[]
/**
 * A question not yet resolved nor deleted.
 */
open: boolean
resolvedAt: (string | null)
resolvedBy: (null | CommentUser)
deleted: boolean
deletedAt: (string | null)
deletedBy: (null | CommentUser)
/**
 * The document revision current when it was written.
 */
revision: number
/**
 * The segment's source changed since it was written (a later revision modified it).
 */
sourceChanged: boolean
}
export interface CommentThread {
comments: Comment[]
}
export interface CommentEnvelope {
comment: Comment
}
/**
 * Per target language code, its approved renderings, the preferred first.
 */
export interface GlossaryTranslations {
[k: string]: string[]
}
export interface GlossaryUser {
id: number
name: string
}
export interface GlossaryProposal {
id: number
lang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
text: string
proposedBy: GlossaryUser
createdAt: string
}
export interface GlossaryEntry {
id: number
sourceLang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
term: string
/**
 * Part of speech, definition or usage note (may be empty).
 */
note: string
/**
 * Names and acronyms that stay as they are in every translation.
 */
doNotTranslate: boolean
caseSensitive: boolean
translations: GlossaryTranslations
/**
 * Pending proposals, oldest first.
 */
proposals: GlossaryProposal[]
/**
 * Moves with every write; a PATCH sends the version it read.
 */
version: number
updatedAt: string
}
export interface GlossaryList {
entries: GlossaryEntry[]
}
export interface GlossaryEnvelope {
entry: GlossaryEntry
}
export interface NewGlossaryEntry {
sourceLang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
/**
 * Up to 200 characters.
 */
term: string
note?: string
doNotTranslate?: boolean
caseSensitive?: boolean
translations?: GlossaryTranslations
}
export interface GlossaryEntryPatch {
version: number
term?: string
note?: string
doNotTranslate?: boolean
caseSensitive?: boolean
translations?: GlossaryTranslations
}
export interface NewGlossaryProposal {
lang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
text: string
}
export interface GlossaryImportEntry {
/**
 * 1-based, in file order.
 */
index: number
/**
 * Where in the file ("line 3", "termEntry \"t7\" (line 40)").
 */
where: string
term: (string | null)
action: ("created" | "updated" | "unchanged" | "rejected")
/**
 * Why it was rejected.
 */
problem: (string | null)
}
export interface GlossaryImportReport {
dryRun: boolean
applied: boolean
format: ("csv" | "tbx")
counts: {
created: number
updated: number
unchanged: number
rejected: number
}
entries: GlossaryImportEntry[]
}
/**
 * One language's part of a publish, as its impact report gave it.
 */
export interface PublishCounts {
/**
 * Translations gone stale (or the starting text of a split or merged segment).
 */
stale: number
/**
 * Translations of removed segments handed to a new segment as its suggestion.
 */
suggested: number
/**
 * Translations retired with their segment.
 */
retired: number
/**
 * `stale` + `suggested`.
 */
needsWork: number
/**
 * Source words of the segments behind `stale` and `suggested`, each segment once.
 */
words: number
}
export interface Notice {
id: number
kind: "publish"
documentId: string
documentTitle: string
revision: number
lang: ("en" | "es" | "ko" | "pt" | "el" | "hi" | "fr" | "tl" | "ru")
counts: PublishCounts
createdAt: string
read: boolean
}
export interface Inbox {
/**
 * Unread notices shown one by one, plus finished days whose digest holds an unread notice.
 */
unread: number
/**
 * `each`: a notice per publish and language; `daily`: a day's notices collected into one digest.
 */
digest: ("each" | "daily")
/**
 * Notices shown one by one (written while the user took each notice), newest first.
 */
notices: Notice[]
/**
 * Notices written while the user collected a daily digest: one entry per finished UTC day (the last 31 such days), newest first. The current day's are held until it ends.
 */
digests: NoticeDigest[]
}
export interface NoticeDigest {
/**
 * The day's latest notice; marking it read (POST /api/inbox/read) marks the whole day.
 */
id: number
day: string
read: boolean
/**
 * Summed over the day's notices.
 */
needsWork: number
words: number
notices: Notice[]
}
export interface Webhook {
id: number
url: string
events: ("publish" | "import.applied" | "language.complete")[]
createdAt: string
createdBy: (string | null)
}
/**
 * The body of a delivery. `publish`: `languages` maps each language the revision touched
 * to its `PublishCounts`. `import.applied`: the language of the file to `{applied, words}`
 * (units applied and their source words). `language.complete`: the language to
 * `{segments, words, approved, approvedWords}` (complete against `revision`).
 * 
 */
export interface WebhookPayload {
event: ("publish" | "import.applied" | "language.complete")
document: string
title?: string
revision?: number
languages: {
[k: string]: {
[k: string]: number
}
}
at: string
}
export interface WebhookDelivery {
/**
 * Sent as `X-Lockstep-Delivery`.
 */
id: number
event: ("publish" | "import.applied" | "language.complete")
state: ("pending" | "delivered" | "failed")
attempts: number
createdAt: string
deliveredAt: (string | null)
/**
 * When a pending delivery is tried next.
 */
nextAttemptAt: (string | null)
payload: WebhookPayload
log: {
attempt: number
/**
 * The receiver's HTTP status; null when it did not answer.
 */
status: (number | null)
error: (string | null)
durationMs: number
at: string
}[]
}
