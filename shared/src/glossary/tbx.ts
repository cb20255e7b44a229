import { SaxesParser } from 'saxes';
import { isLanguageCode } from '../languages.js';
import { escapeAttr, escapeText } from '../xliff/escape.js';
import { GlossaryFileError, type GlossaryRecord, type ReadEntry } from './exchange.js';

/**
 * The glossary as TBX-Basic in the 2008 `martif` format (ISO 30042:2008), which
 * translate-toolkit and OmegaT read: one `termEntry` per term, a `langSet` for the source
 * term and one per target language with a `tig` per translation. The note is the entry's
 * `<note>`; the two flags, which TBX-Basic has no category for, are `termNote`s of the source
 * term (`x-doNotTranslate`, `x-caseSensitive`), which other tools keep or ignore.
 */


export function tbxHead(sourceLang: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<martif type="TBX-Basic" xml:lang="${escapeAttr(sourceLang)}">\n` +
    '  <martifHeader>\n    <fileDesc><sourceDesc><p>Lockstep glossary</p></sourceDesc></fileDesc>\n' +
    '    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>\n  </martifHeader>\n' +
    '  <text>\n    <body>\n'
  );
}

export const TBX_TAIL = '    </body>\n  </text>\n</martif>\n';

const tig = (term: string, notes = '') => `<tig><term>${escapeText(term)}</term>${notes}</tig>`;

export function tbxEntry(r: GlossaryRecord, id: string): string {
  const flags =
    (r.doNotTranslate ? '<termNote type="x-doNotTranslate">true</termNote>' : '') +
    (r.caseSensitive ? '<termNote type="x-caseSensitive">true</termNote>' : '');
  let out = `      <termEntry id="${escapeAttr(id)}">\n`;
  if (r.note) out += `        <note>${escapeText(r.note)}</note>\n`;
  out += `        <langSet xml:lang="${escapeAttr(r.sourceLang)}">${tig(r.term, flags)}</langSet>\n`;
  for (const [lang, list] of Object.entries(r.translations)) {
    if (list.length) out += `        <langSet xml:lang="${escapeAttr(lang)}">${list.map((t) => tig(t)).join('')}</langSet>\n`;
  }
  return out + '      </termEntry>\n';
}

interface EntryBuild {
  id: string;
  line: number;
  note: string[];
  langs: { lang: string; terms: string[] }[];
  flags: Set<string>;
}

/**
 * The entries of a TBX file, read strictly and in slices: a DOCTYPE, a root other than
 * `martif` or XML that is not well-formed stops the read (a GlossaryFileError naming the line);
 * an entry without a source term or with an unknown language is reported and the others read.
 * `sourceLang` is the martif's `xml:lang`, else the given fallback.
 */
export function readGlossaryTbx(text: string, fallbackSourceLang: string): ReadEntry[] {
  const parser = new SaxesParser({ position: true });
  const out: ReadEntry[] = [];
  const stack: string[] = [];
  let sourceLang = fallbackSourceLang;
  let entry: EntryBuild | undefined;
  let lang: string | undefined;
  let textBuf: string | undefined;
  let termNoteType: string | undefined;
  let index = 0;
  const fail = (message: string): never => {
    throw new GlossaryFileError(`Line ${parser.line}: ${message}`);
  };
  parser.on('doctype', () => fail('the file has a DOCTYPE; TBX needs none, and Lockstep never reads one (entities could expand without bound or read other files).'));
  parser.on('error', (err) => fail(err.message.replace(/^\d+:\d+: /, '')));
  parser.on('opentag', (tag) => {
    const name = tag.name;
    // Without the xmlns option saxes gives plain attribute values.
    const attributes = tag.attributes as Record<string, string>;
    if (!stack.length && name !== 'martif') fail(`the root element is <${name}>; a TBX 2008 file starts with <martif>.`);
    if (name === 'martif' && typeof attributes['xml:lang'] === 'string') sourceLang = attributes['xml:lang'];
    stack.push(name);
    if (name === 'termEntry') {
      entry = { id: String(attributes.id ?? ''), line: parser.line, note: [], langs: [], flags: new Set() };
    } else if (entry && name === 'langSet') {
      lang = String(attributes['xml:lang'] ?? '');
      entry.langs.push({ lang, terms: [] });
    } else if (entry && (name === 'term' || name === 'note' || (name === 'descrip' && attributes.type === 'definition'))) {
      textBuf = '';
    } else if (entry && name === 'termNote') {
      termNoteType = String(attributes.type ?? '');
      textBuf = '';
    }
  });
  parser.on('text', (t) => {
    if (textBuf !== undefined) textBuf += t;
  });
  parser.on('closetag', (tag) => {
    const name = stack.pop();
    if (entry && textBuf !== undefined) {
      const value = textBuf.trim();
      if (name === 'term' && lang !== undefined) entry.langs[entry.langs.length - 1].terms.push(value);
      else if ((name === 'note' || name === 'descrip') && value && lang === undefined) entry.note.push(value);
      else if (name === 'termNote' && termNoteType?.startsWith('x-') && value === 'true') entry.flags.add(termNoteType.slice(2));
      if (name === 'term' || name === 'note' || name === 'descrip' || name === 'termNote') textBuf = undefined;
    }
    if (tag.name === 'langSet') lang = undefined;
    if (tag.name === 'termEntry' && entry) {
      out.push(finish(entry, ++index, sourceLang));
      entry = undefined;
    }
  });
  // Fed in slices, so saxes's buffers stay small on large files.
  const SLICE = 64 * 1024;
  for (let i = 0; i < text.length; i += SLICE) parser.write(text.slice(i, i + SLICE));
  parser.close();
  return out;
}

function finish(e: EntryBuild, index: number, sourceLang: string): ReadEntry {
  const where = `termEntry ${e.id ? `"${e.id}" ` : ''}(line ${e.line})`;
  const source = e.langs.find((l) => l.lang.toLowerCase() === sourceLang.toLowerCase());
  const term = source?.terms[0];
  if (!term) return { index, where, problem: `It has no term in the source language "${sourceLang}".` };
  const translations: Record<string, string[]> = {};
  for (const l of e.langs) {
    if (l === source) continue;
    const code = l.lang.toLowerCase().split('-')[0];
    if (!isLanguageCode(code)) return { index, where, term, problem: `Its language "${l.lang}" is not one Lockstep knows.` };
    translations[code] = [...(translations[code] ?? []), ...l.terms.filter(Boolean)];
  }
  return {
    index,
    where,
    record: {
      sourceLang: sourceLang.toLowerCase().split('-')[0],
      term,
      note: e.note.join('\n'),
      doNotTranslate: e.flags.has('doNotTranslate'),
      caseSensitive: e.flags.has('caseSensitive'),
      translations,
    },
  };
}
