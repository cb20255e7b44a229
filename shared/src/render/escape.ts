/*
 * Escaping translated text for CommonMark. Translators type plain text: any character that
 * Markdown would read as syntax must stay text. Inside a line the inline-significant
 * characters are always escaped; characters that only matter at the start of a line (block
 * markers) or at the end of a heading are escaped there. Over-escaping is harmless (a
 * backslash before ASCII punctuation always renders the character), under-escaping is not.
 */

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** Emphasis, code spans, links, raw HTML/autolinks and (GFM) strike-through. */
const INLINE_SYNTAX = new Set(['*', '_', '`', '[', ']', '<', '~']);
/** `&copy;`, `&#123;`, `&#x1F;`: would be decoded as a character reference. */
const ENTITY_AHEAD = /^&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{0,31});/;
/** A translation is one line: a line break in it would end the paragraph or start a block. */
const LINE_BREAKS = /[ \t]*(?:\r\n?|\n|\u2028|\u2029)+[ \t]*/g;

/** Translated (or source) text → Markdown that renders exactly that text, on one line. */
export function escapeText(text: string): string {
  const t = text.replace(LINE_BREAKS, ' ');
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '\\') {
      // A backslash escapes the punctuation after it, and at the end of a run the next
      // character is markup (or a hard-break newline): double it there too.
      const next = t[i + 1];
      out += next === undefined || ASCII_PUNCTUATION.test(next) ? '\\\\' : '\\';
    } else if (INLINE_SYNTAX.has(c)) out += `\\${c}`;
    else if (c === '&' && ENTITY_AHEAD.test(t.slice(i, i + 40))) out += '\\&';
    else out += c;
  }
  return out;
}

/**
 * Escapes what would open a block at the start of a line: headings, block quotes, list
 * items, setext underlines, thematic breaks. (`*`, `_`, `` ` ``, `<`, `~` are escaped
 * everywhere by `escapeText`; code bytes copied from the source never start with these.)
 */
export function escapeLineStart(line: string): string {
  if (/^[#>+=-]/.test(line)) return `\\${line}`;
  const ordered = /^(\d{1,9})([.)])/.exec(line);
  if (ordered) return `${ordered[1]}\\${line.slice(ordered[1].length)}`;
  return line;
}

/** A heading's content must not end in ` #…`, which Markdown reads as a closing sequence. */
export function escapeHeadingEnd(content: string): string {
  const closing = /(^|[ \t])(#+)([ \t]*)$/.exec(content);
  if (!closing) return content;
  const at = closing.index + closing[1].length;
  return `${content.slice(0, at)}\\${content.slice(at)}`;
}

/** A link destination in its `<…>` form, which takes any character once `<`, `>`, `\` are escaped. */
export function linkDestination(url: string): string {
  return `<${url.replace(/[<>\\&]/g, (c) => `\\${c}`).replace(/[\r\n]/g, (c) => encodeURIComponent(c))}>`;
}

/** A link title in double quotes. */
export function linkTitle(title: string): string {
  return `"${title.replace(/["\\&]/g, (c) => `\\${c}`)}"`;
}

/** A code span for `text`, with a backtick fence longer than any run inside it. */
export function codeSpan(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
