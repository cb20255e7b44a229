import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { LanguageCode } from '../languages.js';
import { decodeXliffBytes, decodeXliffString } from '../xliff/decode.js';
import { XliffError } from '../xliff/errors.js';
import { escapeAttr, escapeText } from '../xliff/escape.js';
import { lockstepLanguageOf } from '../xliff/lang.js';
import { XLIFF_MAX_BYTES } from '../xliff/model.js';

/**
 * TMX 1.4b (https://www.gala-global.org/tmx-14b), the memory exchange format of CAT tools:
 * a streaming writer for our export and a strict streaming reader for imports. Errors are
 * XliffError with the same codes and limits as XLIFF: the same bytes rules, the same size.
 */

/** Units per TMX file read at most (a unit is a few hundred bytes; 20 MB holds fewer). */
export const TMX_MAX_UNITS = 200_000;
const MAX_DEPTH = 50;
const SLICE = 64 * 1024;

export interface TmxPair {
  sourceLang: string;
  lang: string;
  /** Plain text (no inline codes): TMX inline markup is native codes we do not carry. */
  source: string;
  target: string;
  /** ISO time of the translation, when known. */
  changed?: string;
}

/** The start of a TMX document, up to `<body>`. `srclang` is `*all*` when pairs have several. */
export function tmxHead(sourceLang: string | null): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n` +
    `<header creationtool="Lockstep" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" ` +
    `srclang="${escapeAttr(sourceLang ?? '*all*')}" o-tmf="Lockstep"/>\n<body>\n`
  );
}

/** One translation unit: the source variant first. */
export function tmxUnit(p: TmxPair): string {
  const changed = p.changed ? ` changedate="${tmxDate(p.changed)}"` : '';
  return (
    `<tu srclang="${escapeAttr(p.sourceLang)}"${changed}>` +
    `<tuv xml:lang="${escapeAttr(p.sourceLang)}"><seg>${escapeText(p.source)}</seg></tuv>` +
    `<tuv xml:lang="${escapeAttr(p.lang)}"><seg>${escapeText(p.target)}</seg></tuv></tu>\n`
  );
}

export const TMX_TAIL = '</body>\n</tmx>\n';

/** TMX dates are ISO 8601 basic UTC: 20261207T113000Z. */
function tmxDate(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** A unit of a TMX file as read: its 1-based number, and its pairs or why it has none. */
export interface TmxReadUnit {
  unit: number;
  pairs: { sourceLang: LanguageCode; lang: LanguageCode; source: string; target: string }[];
  /** Why the unit gives nothing (no source variant, an unknown language, empty text). */
  skipped?: string;
}

export interface TmxReadResult {
  units: TmxReadUnit[];
}

/** Inline elements whose content is native code, not text (TMX 1.4b section 3.7). */
const CODE_ELEMENTS = new Set(['bpt', 'ept', 'ph', 'it', 'ut', 'sub']);

/**
 * Reads a TMX file strictly and as a stream (saxes, XML 1.0, no DTD processing): a DOCTYPE is
 * accepted only as a bare external identifier (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, as
 * translate-toolkit writes), which is never fetched; an internal subset, and so any entity
 * declaration, is refused, and so is a reference to any entity but the five of XML.
 */
export function readTmx(input: Uint8Array | string, maxBytes = XLIFF_MAX_BYTES): TmxReadResult {
  const decoded = typeof input === 'string' ? decodeXliffString(input, maxBytes) : decodeXliffBytes(input, maxBytes);
  const parser = new SaxesParser({ position: true, defaultXMLVersion: '1.0', forceXMLVersion: true });
  const fail = (code: ConstructorParameters<typeof XliffError>[0], message: string): never => {
    throw new XliffError(code, message, { line: parser.line, column: parser.column + 1 });
  };
  const units: TmxReadUnit[] = [];
  const stack: string[] = [];
  let headerLang: string | undefined;
  let tu: { srclang?: string; variants: { lang: string; text: string }[] } | undefined;
  let tuvLang: string | undefined;
  let seg: string | undefined;
  let codeDepth = 0;

  parser.on('doctype', (doctype) => {
    if (doctype.includes('[') || !/^\s*tmx\s+(SYSTEM\s+("[^"]*"|'[^']*')|PUBLIC\s+("[^"]*"|'[^']*')\s+("[^"]*"|'[^']*'))\s*$/.test(doctype)) {
      fail('doctype', 'The DOCTYPE has more than an external identifier (an internal subset or entity declarations): Lockstep reads none; remove it or keep only <!DOCTYPE tmx SYSTEM "tmx14.dtd">.');
    }
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_DEPTH) fail('too_deep', `Elements are nested more than ${MAX_DEPTH} deep.`);
    const parent = stack[stack.length - 1];
    stack.push(tag.name);
    // Without xmlns, saxes gives attributes as plain strings.
    const attrs = tag.attributes as SaxesTagPlain['attributes'];
    const attr = (name: string): string | undefined => attrs[name];
    if (parent === undefined && tag.name !== 'tmx') fail('not_xliff', `The root element is <${tag.name}>, not <tmx>: this is not a TMX file.`);
    if (tag.name === 'header' && parent === 'tmx') headerLang = attr('srclang');
    else if (tag.name === 'tu' && parent === 'body') {
      if (units.length >= TMX_MAX_UNITS) fail('too_large', `More than ${TMX_MAX_UNITS} translation units: split the file.`);
      tu = { srclang: attr('srclang'), variants: [] };
    } else if (tag.name === 'tuv' && parent === 'tu') tuvLang = attr('xml:lang') ?? attr('lang');
    else if (tag.name === 'seg' && parent === 'tuv') seg = '';
    else if (seg !== undefined && CODE_ELEMENTS.has(tag.name)) codeDepth++;
  });
  const text = (t: string) => {
    if (seg !== undefined && codeDepth === 0) seg += t;
  };
  parser.on('text', text);
  parser.on('cdata', text);
  parser.on('closetag', (tag) => {
    stack.pop();
    if (seg !== undefined && CODE_ELEMENTS.has(tag.name)) codeDepth--;
    else if (tag.name === 'seg' && seg !== undefined) {
      if (tu && tuvLang) tu.variants.push({ lang: tuvLang, text: seg.replace(/\s+/g, ' ').trim() });
      seg = undefined;
    } else if (tag.name === 'tu' && tu) {
      units.push(unitOf(units.length + 1, tu.srclang ?? headerLang, tu.variants));
      tu = undefined;
    }
  });
  try {
    for (let i = 0; i < decoded.text.length; i += SLICE) parser.write(decoded.text.slice(i, i + SLICE));
    parser.close();
  } catch (e) {
    if (e instanceof XliffError) throw e;
    const message = (e instanceof Error ? e.message : String(e)).replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    if (/undefined entity/.test(message)) fail('entity', 'An entity reference other than &amp; &lt; &gt; &quot; &apos;: write the character itself or a numeric reference.');
    fail('not_well_formed', `The file is not well-formed XML: ${message}`);
  }
  return { units };
}

function unitOf(unit: number, srclang: string | undefined, variants: { lang: string; text: string }[]): TmxReadUnit {
  if (!srclang || srclang === '*all*') return { unit, pairs: [], skipped: 'No source language (srclang) for this unit.' };
  const source = variants.find((v) => v.lang.toLowerCase() === srclang.toLowerCase()) ?? variants.find((v) => lockstepLanguageOf(v.lang)?.code === lockstepLanguageOf(srclang)?.code);
  const sourceLang = lockstepLanguageOf(srclang)?.code;
  if (!sourceLang) return { unit, pairs: [], skipped: `The source language "${srclang}" is not one Lockstep translates.` };
  if (!source || source.text === '') return { unit, pairs: [], skipped: `No text in the source language "${srclang}".` };
  const pairs: TmxReadUnit['pairs'] = [];
  for (const v of variants) {
    const lang = lockstepLanguageOf(v.lang)?.code;
    if (v === source || !lang || lang === sourceLang || v.text === '') continue;
    pairs.push({ sourceLang, lang, source: source.text, target: v.text });
  }
  return pairs.length ? { unit, pairs } : { unit, pairs, skipped: 'No translation in a language Lockstep translates into.' };
}
