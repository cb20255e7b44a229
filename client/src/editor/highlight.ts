/** A run of text, marked when it is an occurrence of the searched words. */
export interface HighlightPart {
  text: string;
  match: boolean;
}

/**
 * Splits `text` around every occurrence of `words`, letter case aside (as the concordance
 * search matched them; whitespace runs in `words` match any whitespace). Pure text out: the
 * component renders the parts as text nodes and `<mark>`, never as markup.
 */
export function highlightParts(text: string, words: string): HighlightPart[] {
  const needle = words.trim();
  if (needle === '') return [{ text, match: false }];
  const pattern = needle
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const parts: HighlightPart[] = [];
  let last = 0;
  for (const m of text.matchAll(new RegExp(pattern, 'giu'))) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at), match: false });
    parts.push({ text: m[0], match: true });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}
