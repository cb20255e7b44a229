/**
 * Inline codes in segment text (design/api.md): `<n>` opens, `</n>` closes, `<n/>` stands
 * alone, n a positive integer. Every other `<` is literal; `\<` is an escaped literal `<`, and
 * `\\<` a literal backslash followed by a `<` read as usual.
 */
export type InlinePart =
  | { type: 'text'; text: string }
  | { type: 'code'; kind: 'open' | 'close' | 'standalone'; id: number; raw: string };

const CODE = /<(\/?)([1-9][0-9]*)(\/?)>/y;

export function parseInlineCodes(text: string): InlinePart[] {
  const parts: InlinePart[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) parts.push({ type: 'text', text: buffer });
    buffer = '';
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '\\' && text[i + 2] === '<') {
      buffer += '\\';
      i += 2; // the `<` is read on the next turn
      continue;
    }
    if (ch === '\\' && text[i + 1] === '<') {
      buffer += '<';
      i += 2;
      continue;
    }
    if (ch === '<') {
      CODE.lastIndex = i;
      const m = CODE.exec(text);
      if (m && !(m[1] && m[3])) {
        flush();
        const kind = m[1] ? 'close' : m[3] ? 'standalone' : 'open';
        parts.push({ type: 'code', kind, id: Number(m[2]), raw: m[0] });
        i += m[0].length;
        continue;
      }
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return parts;
}

/** The text a reader sees, codes removed and escapes resolved. */
export function plainText(text: string): string {
  return parseInlineCodes(text)
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('');
}
