/**
 * The normalised key revision alignment compares (architecture.md, step 2): NFC,
 * whitespace collapsed, typography folded, so that a re-wrap or straight → curly quotes
 * is "unchanged" rather than an edit that would make eight translations stale.
 * Inline codes stay in the key (numbered per segment): moving a link is a real change.
 */
const TYPOGRAPHY: [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2007\u202F\u2009\u200A\u2002\u2003]/g, ' '],
  [/[\u200B\u200C\u200D\u2060\uFEFF]/g, ''],
];

export function alignmentKey(text: string): string {
  let key = text.normalize('NFC');
  for (const [re, to] of TYPOGRAPHY) key = key.replace(re, to);
  return key.replace(/\s+/g, ' ').trim();
}
