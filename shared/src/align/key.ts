import { parseCodedText } from '../segment/codes.js';

/**
 * The normalised key revision alignment compares (architecture.md, step 2): NFC,
 * whitespace collapsed, typography folded, so that a re-wrap or straight → curly quotes
 * is "unchanged" rather than an edit that would make eight translations stale.
 * Inline codes stay in the key (numbered per segment): moving a link is a real change.
 */
const TYPOGRAPHY: [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u201B\u2032\u02BC\u2039\u203A]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2007\u202F\u2009\u200A\u2002\u2003]/g, ' '],
  // Soft hyphens and zero-width characters are invisible: a re-typeset source adds or drops them.
  [/[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/g, ''],
];

/** Printable ASCII with single inner spaces is its own key; most segments of a Latin text are. */
const ALREADY_NORMAL = /^(?:[\x21-\x7E]+ )*[\x21-\x7E]+$/;

export function alignmentKey(text: string): string {
  if (ALREADY_NORMAL.test(text)) return text;
  let key = text.normalize('NFC');
  for (const [re, to] of TYPOGRAPHY) key = key.replace(re, to);
  return key.replace(/\s+/g, ' ').trim();
}

const CODE_TAG = /<(\/?)\d+(\/?)>/g;

/**
 * The key as similarity sees it: code numbers dropped, since they restart in every segment and
 * would make the halves of a split differ from the whole where nothing changed.
 */
export function similarityKey(key: string): string {
  return key.includes('<') ? key.replace(CODE_TAG, '<$1$2>') : key;
}

/** The inline codes of a text, numbers dropped: `<>`, `</>`, `</>`…; equal skeletons = same markup. */
export function codeSkeleton(text: string): string {
  if (!text.includes('<')) return '';
  return (text.match(CODE_TAG) ?? []).map((tag) => tag.replace(/\d+/, '')).join('');
}

/**
 * Plain text of a stored `<n>…</n>` text when its stored plain text is not at hand: codes
 * removed, escapes resolved, whitespace collapsed. Inline code spans (`<n/>` standing for
 * `code`) lose their content here, which is why callers prefer the stored plain text.
 */
export function plainFromCodedText(text: string): string {
  if (!text.includes('<')) return text.replace(/\s+/g, ' ').trim();
  const parsed = parseCodedText(text);
  let out = '';
  for (const run of parsed.runs) if (run.type === 'text') out += run.text;
  return out.replace(/\s+/g, ' ').trim();
}
