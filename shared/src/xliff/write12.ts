import { escapeAttr, escapeNoteText, escapeText, hexOf } from './escape.js';
import { CTYPE_CODE_POINT, ctypeOfPaired12, ctypeOfStandalone12 } from './inline.js';
import type { XliffFileMeta, XliffNote } from './model.js';
import { XLIFF_NS } from './namespaces.js';
import { displayPieces, type Piece, type PreparedUnit, type Serializer } from './prepare.js';
import { EXPORT_STATES, type Export12 } from './states.js';

/*
 * XLIFF 1.2, valid against the strict schema: no foreign namespaces (the strict schema checks
 * foreign attributes strictly), so Lockstep's stamps use standard attributes — the export id in
 * `<file original>`, document and revision in `product-name`/`product-version` with
 * `tool-id="lockstep"`, the source hash in `extradata`. `xml:space="preserve"` goes on
 * `<trans-unit>` (not allowed on `<source>`/`<target>`) and on our `<alt-trans>` (whose
 * schema default is "default").
 *
 * A character XML 1.0 cannot carry has no 1.2 element of its own. It is written as a
 * placeholder whose content is its hex code point, `<ph id="cpN" ctype="x-lockstep-cp">0001</ph>`:
 * lossless (our reader turns it back into the character), schema-valid, and a CAT tool shows
 * and protects it as a tag, the way it protects the other codes.
 */

export const LOCKSTEP_TOOL_ID = 'lockstep';
export const EXTRADATA_PREFIX = 'lockstep:';

export function content12(pieces: readonly Piece[]): string {
  let out = '';
  let cps = 0;
  const cp = (char: string) => `<ph id="cp${++cps}" ctype="${CTYPE_CODE_POINT}">${hexOf(char)}</ph>`;
  for (const p of pieces) {
    switch (p.type) {
      case 'text':
        out += escapeText(p.text, cp);
        break;
      case 'open':
        out += `<g id="${p.id}"${p.kind ? ` ctype="${ctypeOfPaired12(p.kind)}"` : ''}>`;
        break;
      case 'close':
        out += '</g>';
        break;
      case 'standalone': {
        // equiv-text replaces the tag in plain-text views: right for code spans and image alt text, not for markup.
        const equiv = p.text && (p.kind === 'inlineCode' || p.kind === 'image') ? ` equiv-text="${escapeAttr(p.text)}"` : '';
        out += `<x id="${p.id}"${p.kind ? ` ctype="${ctypeOfStandalone12(p.kind)}"` : ''}${equiv}/>`;
        break;
      }
    }
  }
  return out;
}

const note = (n: XliffNote) => `<note${n.category ? ` from="${escapeAttr(n.category)}"` : ''}>${escapeNoteText(n.text)}</note>`;

/** A pre-filled untranslated target: the source, marked as still needing translation. */
const PREFILLED_12: Export12 = { target: true, state: 'needs-translation' };

export const serializer12: Serializer = {
  head(meta: XliffFileMeta): string {
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<xliff xmlns="${XLIFF_NS['1.2']}" version="1.2">\n` +
      ` <file original="${escapeAttr(meta.exportId)}" source-language="${escapeAttr(meta.srcLang)}" target-language="${escapeAttr(meta.trgLang)}"` +
      ` datatype="x-markdown" tool-id="${LOCKSTEP_TOOL_ID}" product-name="${escapeAttr(meta.documentId)}" product-version="${meta.revision}">\n` +
      `  <header><tool tool-id="${LOCKSTEP_TOOL_ID}" tool-name="Lockstep"/></header>\n` +
      '  <body>\n'
    );
  },

  unit(u: PreparedUnit): string {
    const map = u.prefilled ? PREFILLED_12 : EXPORT_STATES[u.state]['1.2'];
    let out = `   <trans-unit id="${escapeAttr(u.id)}" xml:space="preserve"`;
    if (map.translate === false) out += ' translate="no"';
    if (map.approved) out += ' approved="yes"';
    if (u.sourceHash) out += ` extradata="${escapeAttr(EXTRADATA_PREFIX + u.sourceHash)}"`;
    out += `>\n    <source>${content12(u.source)}</source>`;
    if (u.target) {
      out += '<target';
      if (map.state) out += ` state="${map.state}"`;
      if (map.stateQualifier) out += ` state-qualifier="${map.stateQualifier}"`;
      out += `>${content12(u.target)}</target>`;
    }
    out += '\n';
    const notes = [...u.notes];
    if (u.previousSource) notes.push({ category: 'lockstep:previous-source', text: u.previousSource });
    if (u.suggestion) notes.push({ category: 'lockstep:suggestion', text: u.suggestion });
    for (const n of notes) out += `    ${note(n)}\n`;
    // What CAT tools show next to the segment: the version the old translation was made
    // against, and a split/merge suggestion as a proposal (its codes may not fit the source).
    if (u.state === 'stale' && u.target && u.previousSource) {
      out += `    <alt-trans alttranstype="previous-version" origin="lockstep" xml:space="preserve">`;
      out += `<source>${content12(displayPieces(u.previousSource))}</source><target>${content12(u.target)}</target></alt-trans>\n`;
    }
    if (u.suggestion) {
      out += `    <alt-trans alttranstype="proposal" origin="lockstep:suggestion" xml:space="preserve">`;
      if (u.previousSource) out += `<source>${content12(displayPieces(u.previousSource))}</source>`;
      out += `<target>${content12(displayPieces(u.suggestion))}</target></alt-trans>\n`;
    }
    return out + '   </trans-unit>\n';
  },

  tail(): string {
    return '  </body>\n </file>\n</xliff>\n';
  },
};
