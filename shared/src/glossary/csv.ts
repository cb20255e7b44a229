import { isLanguageCode, LANGUAGE_CODES } from '../languages.js';
import { GlossaryFileError, type GlossaryRecord, type ReadEntry } from './exchange.js';

/**
 * The glossary as CSV (RFC 4180, UTF-8, CRLF): columns `sourceLang, term, note,
 * doNotTranslate, caseSensitive`, then one column per target language. A language's several
 * translations share its cell, one per line (a term never contains a line break).
 */
const FIXED = ['sourceLang', 'term', 'note', 'doNotTranslate', 'caseSensitive'] as const;

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function glossaryCsvHeader(): string {
  return [...FIXED, ...LANGUAGE_CODES].join(',') + '\r\n';
}

export function glossaryCsvRow(r: GlossaryRecord): string {
  const fixed = [r.sourceLang, r.term, r.note, String(r.doNotTranslate), String(r.caseSensitive)];
  const langs = LANGUAGE_CODES.map((code) => (r.translations[code] ?? []).join('\n'));
  return [...fixed, ...langs].map(cell).join(',') + '\r\n';
}

/** RFC 4180 records; a quote left open is an error naming its line. */
function* records(text: string): Generator<{ cells: string[]; line: number }> {
  let cells: string[] = [];
  let value = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        value += c;
      }
      i++;
      continue;
    }
    if (c === '"' && value === '') quoted = true;
    else if (c === ',') {
      cells.push(value);
      value = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(value);
      yield { cells, line: start };
      cells = [];
      value = '';
      line++;
      start = line;
    } else value += c;
    i++;
  }
  if (quoted) throw new GlossaryFileError(`A quoted cell that starts on line ${start} is never closed.`);
  if (value !== '' || cells.length) {
    cells.push(value);
    yield { cells, line: start };
  }
}

const BOOLEAN: Record<string, boolean> = { '': false, true: true, false: false, yes: true, no: false, '1': true, '0': false };

/** Every row of a glossary CSV: a record, or what is wrong with it. The header must name the columns. */
export function* readGlossaryCsv(text: string): Generator<ReadEntry> {
  const rows = records(text);
  const head = rows.next();
  if (head.done) throw new GlossaryFileError('The file has no header row.');
  const columns = head.value.cells.map((c) => c.trim());
  const missing = FIXED.filter((f) => f !== 'note' && !columns.includes(f));
  if (missing.length) throw new GlossaryFileError(`The header row lacks the column(s) ${missing.join(', ')}.`);
  const unknown = columns.filter((c) => !(FIXED as readonly string[]).includes(c) && !isLanguageCode(c));
  if (unknown.length) throw new GlossaryFileError(`The header row has unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')}: use ${FIXED.join(', ')} and language codes.`);
  let index = 0;
  for (const { cells, line } of rows) {
    if (cells.length === 1 && cells[0].trim() === '') continue;
    index++;
    const where = `line ${line}`;
    const get = (name: string) => cells[columns.indexOf(name)] ?? '';
    const term = get('term').trim();
    if (cells.length > columns.length) {
      yield { index, where, term, problem: `The row has ${cells.length} cells; the header has ${columns.length}.` };
      continue;
    }
    const flags = [get('doNotTranslate'), get('caseSensitive')].map((v) => BOOLEAN[v.trim().toLowerCase()]);
    if (flags.some((f) => f === undefined)) {
      yield { index, where, term, problem: 'doNotTranslate and caseSensitive must be true or false.' };
      continue;
    }
    const translations: Record<string, string[]> = {};
    for (const code of columns.filter(isLanguageCode)) {
      const list = get(code).split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
      if (list.length) translations[code] = list;
    }
    yield { index, where, record: { sourceLang: get('sourceLang').trim(), term, note: get('note').trim(), doNotTranslate: flags[0]!, caseSensitive: flags[1]!, translations } };
  }
}
