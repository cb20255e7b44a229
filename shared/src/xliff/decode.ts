import { XliffError } from './errors.js';

// shared/ compiles without DOM or Node types; TextDecoder is global in both (WHATWG Encoding).
declare const TextDecoder: {
  new (label?: string, options?: { fatal?: boolean }): { readonly encoding: string; decode(input?: Uint8Array, options?: { stream?: boolean }): string };
};
type TextDecoder = InstanceType<typeof TextDecoder>;

/*
 * Bytes → text (xliff.md "Import rules"): the encoding comes from the byte order mark, else
 * from the XML declaration, else UTF-8, and is decoded with a fatal TextDecoder — invalid
 * bytes are an error with their offset, never U+FFFD. TextDecoder follows WHATWG, so a
 * declared `iso-8859-1` (or `latin1`, `us-ascii`) decodes as windows-1252; for files really
 * in ISO-8859-1 the two differ only in C1 controls, which no translatable text contains.
 */

export interface Decoded {
  text: string;
  /** The WHATWG name of the encoding used. */
  encoding: string;
  warnings: string[];
}

type Family = 'utf-8' | 'utf-16le' | 'utf-16be';

function sniff(b: Uint8Array): { family: Family; bom: boolean } | null {
  if (b[0] === 0x00 && b[1] === 0x00 && (b[2] === 0xfe || b[2] === 0x00)) return null; // UTF-32 BOM or UTF-32 BE '<'
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return null; // UTF-32 LE BOM
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x00 && b[3] === 0x00) return null; // UTF-32 LE '<'
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { family: 'utf-8', bom: true };
  if (b[0] === 0xff && b[1] === 0xfe) return { family: 'utf-16le', bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { family: 'utf-16be', bom: true };
  // XML 1.0 appendix F: '<?' in UTF-16 without a BOM.
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) return { family: 'utf-16le', bom: false };
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) return { family: 'utf-16be', bom: false };
  return { family: 'utf-8', bom: false };
}

const DECL = /^\uFEFF?<\?xml[ \t\r\n][^>]*?encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/;

/** The encoding named in the XML declaration, read in the family the bytes were sniffed as. */
function declaredEncoding(b: Uint8Array, family: Family): string | undefined {
  const head = new TextDecoder(family === 'utf-8' ? 'windows-1252' : family).decode(b.subarray(0, 1024));
  return DECL.exec(head)?.[2];
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    const decoder = new TextDecoder(label, { fatal: true });
    // Not encodings one can read XML in.
    return decoder.encoding === 'replacement' || decoder.encoding === 'x-user-defined' ? undefined : decoder;
  } catch {
    return undefined;
  }
}

export function decodeXliffBytes(bytes: Uint8Array, maxBytes: number): Decoded {
  if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
  if (bytes.length === 0) throw new XliffError('empty', 'The file is empty.');
  const sniffed = sniff(bytes);
  if (!sniffed) throw new XliffError('encoding', 'The file is in UTF-32, which XLIFF tools do not use; save it as UTF-8 or UTF-16.');
  const warnings: string[] = [];
  const declared = declaredEncoding(bytes, sniffed.family);
  let decoder: TextDecoder | undefined;
  if (sniffed.bom || sniffed.family !== 'utf-8') {
    decoder = decoderFor(sniffed.family);
    const named = declared && decoderFor(declared)?.encoding;
    const same = !named || named === sniffed.family || (named === 'utf-16le' && sniffed.family === 'utf-16be');
    if (!same) warnings.push(`The file declares encoding "${declared}" but starts with a ${sniffed.family.toUpperCase()} byte order mark; read as ${sniffed.family.toUpperCase()}.`);
  } else if (declared) {
    decoder = decoderFor(declared);
    if (!decoder) throw new XliffError('encoding', `The declared encoding "${declared}" is not supported; save the file as UTF-8.`);
    if (decoder.encoding.startsWith('utf-16')) {
      // Its declaration was readable as ASCII, so the bytes cannot be UTF-16.
      throw new XliffError('encoding', `The file declares encoding "${declared}" but is not UTF-16 (no byte order mark, 8-bit text).`);
    }
  } else decoder = decoderFor('utf-8');
  try {
    const text = decoder!.decode(bytes);
    return { text: decoder!.encoding === 'windows-1252' ? fixWindows1252(text) : text, encoding: decoder!.encoding, warnings };
  } catch {
    const offset = firstInvalidByte(bytes, decoder!.encoding);
    throw new XliffError('encoding', `The bytes are not valid ${decoder!.encoding.toUpperCase()} at byte offset ${offset}.`, { offset });
  }
}

/**
 * WHATWG windows-1252 for bytes 0x80–0x9F. Node 20.18.3+ decodes windows-1252 (and so every
 * `iso-8859-1`/`latin1` label) as Latin-1, turning € and curly quotes into C1 controls
 * (nodejs/node#60888, #56542). A correct decoder never yields these C1 characters for the
 * mapped bytes, so mapping them afterwards is right on every runtime.
 */
const CP1252 = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009F]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]);
}

/**
 * The offset of the first byte the decoder rejects: the shortest prefix that fails to decode
 * in streaming mode (a prefix cut inside a character is not an error there), found by
 * bisection — about 25 decodes of a 20 MB file, only on the error path.
 */
export function firstInvalidByte(bytes: Uint8Array, encoding: string): number {
  const fails = (n: number) => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  if (!fails(bytes.length)) {
    // Only the end is bad: a character cut off by the end of the file. Point at its start.
    let i = bytes.length - 1;
    if (encoding === 'utf-8') while (i > 0 && (bytes[i] & 0xc0) === 0x80) i--;
    else i = bytes.length - (bytes.length % 2 === 1 ? 1 : 2);
    return Math.max(0, i);
  }
  let lo = 0;
  let hi = bytes.length; // fails(hi) is true, fails(lo) is false
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (fails(mid)) hi = mid;
    else lo = mid;
  }
  const at = hi - 1;
  if (encoding !== 'utf-8' || (bytes[at] & 0xc0) === 0x80) return at;
  // A byte that cannot continue a sequence ends the incomplete one before it: point at its lead byte.
  for (let j = at - 1; j >= Math.max(0, at - 3); j--) {
    if ((bytes[j] & 0xc0) !== 0x80) return bytes[j] >= 0xc2 ? j : at;
  }
  return at;
}

/** A string is already decoded; only its size (as UTF-8) and a leading BOM matter. */
export function decodeXliffString(text: string, maxBytes: number): Decoded {
  // UTF-8 is at most 3 bytes per UTF-16 code unit: measure exactly only when it could matter.
  if (text.length * 3 > maxBytes) {
    const size = utf8Length(text);
    if (size > maxBytes) throw tooLarge(size, maxBytes);
  }
  if (text.length === 0) throw new XliffError('empty', 'The file is empty.');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8', warnings: [] };
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function tooLarge(size: number, max: number): XliffError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new XliffError('too_large', `The file is ${mb(size)}; the limit is ${mb(max)}.`);
}
