/*
 * Explicit escaping for the writer (xliff.md: the `xliff` package wrote raw `&` in attributes
 * and raw control characters) and the few lexical checks the reader and writer share.
 *
 * XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
 * Anything else (C0 controls, U+FFFE/U+FFFF, lone surrogates) cannot appear in an XML 1.0
 * document at all, not even as a character reference. In `<source>`/`<target>` the version
 * serializers write such a character as an element (2.0 `<cp>`, 1.2 a `<ph>`); in text-only
 * places (notes, attributes) it is written `\u{HEX}` (see `escapeNoteText`).
 */

// With the u flag a lone surrogate is one code point outside every allowed range.
const ILLEGAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ILLEGAL_SRC = ILLEGAL.source;

/** `>` is escaped too, so `]]>` can never appear; CR as a reference, or parsers turn it into LF. */
const TEXT_SPECIAL = new RegExp(`[&<>\\r]|${ILLEGAL_SRC}`, 'gu');
/** In attributes, tab and newlines are references too: parsers normalise them to spaces. */
const ATTR_SPECIAL = new RegExp(`[&<>"\\t\\n\\r]|${ILLEGAL_SRC}`, 'gu');

/**
 * Fast paths (the writer escapes every text of every unit): no u flag, and surrogates count
 * as suspicious, so a miss is certain and a hit only sends the text to the full regex.
 */
const TEXT_MAYBE = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTR_MAYBE = /[&<>"\t\n\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export function hasIllegalXmlChar(text: string): boolean {
  return ILLEGAL.test(text);
}

/** The code unit / code point of a one-character string, as uppercase hex of even length (xs:hexBinary). */
export function hexOf(char: string): string {
  const hex = char.codePointAt(0)!.toString(16).toUpperCase();
  return hex.length <= 4 ? hex.padStart(4, '0') : hex.padStart(6, '0');
}

/** A code point from hex; lone surrogates come back as themselves. */
export function charOfHex(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]{1,8}$/.test(hex)) return undefined;
  const cp = parseInt(hex, 16);
  if (cp > 0x10ffff) return undefined;
  return cp <= 0xffff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
}

/**
 * Text content. `illegal` renders a character XML 1.0 cannot carry; by default the `\u{HEX}`
 * text form (for notes).
 */
export function escapeText(text: string, illegal: (char: string) => string = noteEscapeOf): string {
  if (!TEXT_MAYBE.test(text)) return text;
  return text.replace(TEXT_SPECIAL, (c) => ENTITY[c] ?? illegal(c));
}

export function escapeAttr(value: string): string {
  if (!ATTR_MAYBE.test(value)) return value;
  return value.replace(ATTR_SPECIAL, (c) => ENTITY[c] ?? noteEscapeOf(c));
}

const noteEscapeOf = (c: string) => `\\u{${hexOf(c)}}`;

/**
 * Text-only places (2.0 `<note>` has no child elements; 1.2 none at all) keep characters that
 * XML 1.0 cannot carry as `\u{HEX}`. To stay reversible, a run of backslashes right before `u{`
 * or before such a character is doubled, the way api.md's inline-code grammar doubles them
 * before `<`; every other backslash is left alone, so ordinary notes read as written.
 */
export function escapeNoteText(text: string): string {
  const marked = text.replace(new RegExp(`(\\\\+)(?=u\\{|${ILLEGAL_SRC})`, 'gu'), '$1$1');
  return escapeText(marked);
}

export function unescapeNoteText(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/(\\+)u\{(?:([0-9A-Fa-f]{1,6})\})?/g, (m, slashes: string, hex: string | undefined) => {
    const k = slashes.length;
    const kept = '\\'.repeat(k >> 1);
    if (k % 2 === 0) return kept + m.slice(k);
    const char = hex === undefined ? undefined : charOfHex(hex);
    return char === undefined ? m : kept + char;
  });
}

/** XML 1.0 (5th ed.) NameChar+, the lexical space of xs:NMTOKEN. */
const NMTOKEN =
  /^[-.0-9:A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]+$/u;

export function isNmtoken(value: string): boolean {
  return /^[-.0-9:A-Z_a-z]+$/.test(value) || NMTOKEN.test(value);
}

/**
 * BCP 47 (RFC 5646) well-formedness: the XSDs only check xs:language, which lets `e` through
 * (OASIS bad_SrcLangNotWellFormed).
 */
const BCP47 = new RegExp(
  '^(?:' +
    '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})' + // language (+ extlang)
    '(?:-[a-z]{4})?' + // script
    '(?:-(?:[a-z]{2}|[0-9]{3}))?' + // region
    '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*' + // variants
    '(?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*' + // extensions
    '(?:-x(?:-[a-z0-9]{1,8})+)?' + // private use
    '|x(?:-[a-z0-9]{1,8})+' +
    '|i-[a-z]{3,8}|en-gb-oed|sgn-[a-z]{2}-[a-z]{2,3}' + // the irregular grandfathered tags in use
    ')$',
  'i',
);

export function isLanguageTag(tag: string): boolean {
  return BCP47.test(tag);
}
