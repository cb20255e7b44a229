import type { CodeKind } from '../segment/types.js';
import { escapeAttr, escapeNoteText, escapeText, hexOf } from './escape.js';
import { attrs20 } from './inline.js';
import { LOCKSTEP_NS, XLIFF_NS } from './namespaces.js';
import type { XliffFileMeta, XliffNote } from './model.js';
import type { Piece, PreparedUnit, Serializer } from './prepare.js';
import { EXPORT_STATES } from './states.js';

/*
 * XLIFF 2.0 (xliff_core_2.0.xsd). One `<segment>` per unit, without an id: segment ids share
 * the unit's id space with inline codes (`1`, `2`, …), so leaving it out avoids any clash.
 * `xml:space="preserve"` goes on `<unit>` (the schema allows it there, not on `<segment>`);
 * there is no indentation inside `<source>`/`<target>`.
 */

const cp = (char: string) => `<cp hex="${hexOf(char)}"/>`;

export function content20(pieces: readonly Piece[]): string {
  let out = '';
  for (const p of pieces) {
    switch (p.type) {
      case 'text':
        out += escapeText(p.text, cp);
        break;
      case 'open':
        out += `<pc id="${p.id}"${typeAttrs(p.kind)} canReorder="yes">`;
        break;
      case 'close':
        out += '</pc>';
        break;
      case 'standalone': {
        const disp = p.text !== undefined && p.text !== '' ? ` disp="${escapeAttr(p.text)}"` : '';
        out += `<ph id="${p.id}"${typeAttrs(p.kind)}${disp} canReorder="yes"/>`;
        break;
      }
    }
  }
  return out;
}

function typeAttrs(kind: CodeKind | undefined): string {
  if (!kind) return '';
  const { type, subType } = attrs20(kind);
  return subType ? ` type="${type}" subType="${subType}"` : ` type="${type}"`;
}

const note = (n: XliffNote) =>
  `<note${n.category ? ` category="${escapeAttr(n.category)}"` : ''}>${escapeNoteText(n.text)}</note>`;

export const serializer20: Serializer = {
  head(meta: XliffFileMeta): string {
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<xliff xmlns="${XLIFF_NS['2.0']}" xmlns:ls="${LOCKSTEP_NS}" version="2.0" srcLang="${escapeAttr(meta.srcLang)}" trgLang="${escapeAttr(meta.trgLang)}">\n` +
      ` <file id="${escapeAttr(meta.exportId)}" original="${escapeAttr(meta.documentId)}" ls:document="${escapeAttr(meta.documentId)}" ls:revision="${meta.revision}">\n`
    );
  },

  unit(u: PreparedUnit): string {
    const map = EXPORT_STATES[u.state]['2.0'];
    let out = `  <unit id="${escapeAttr(u.id)}" xml:space="preserve"`;
    if (map.translate === false) out += ' translate="no"';
    if (u.sourceHash) out += ` ls:sourceHash="${escapeAttr(u.sourceHash)}"`;
    out += '>\n';
    const notes = [...u.notes];
    if (u.previousSource) notes.push({ category: 'lockstep:previous-source', text: u.previousSource });
    if (u.suggestion) notes.push({ category: 'lockstep:suggestion', text: u.suggestion });
    if (notes.length) out += `   <notes>${notes.map(note).join('')}</notes>\n`;
    out += '   <segment';
    if (map.state) out += ` state="${map.state}"`;
    if (map.subState) out += ` subState="${map.subState}"`;
    out += `><source>${content20(u.source)}</source>`;
    if (u.target) out += `<target>${content20(u.target)}</target>`;
    return out + '</segment>\n  </unit>\n';
  },

  tail(units: number): string {
    // An export with nothing in scope is still a valid file: <file> needs a unit or a group.
    return (units ? '' : '  <group id="empty"/>\n') + ' </file>\n</xliff>\n';
  },
};
