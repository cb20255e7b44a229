import { LockstepError, unprocessable } from './errors.js';

/**
 * Text accepted from users: UTF-8 stored as NFC. NUL and C0 controls other than tab and
 * newline are refused (PostgreSQL cannot store NUL; the rest is never intended text), and
 * so are lone surrogates, which have no UTF-8 encoding. A CR of a CRLF pair is a newline.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\r(?!\n)/;

export type TextProblem = { kind: 'control_character'; index: number; codePoint: number } | { kind: 'lone_surrogate'; index: number };

export function findTextProblem(text: string): TextProblem | undefined {
  if (!text.isWellFormed()) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
        return { kind: 'lone_surrogate', index: i };
      }
      if (c >= 0xdc00 && c <= 0xdfff) return { kind: 'lone_surrogate', index: i };
    }
  }
  // Surrogates are masked so the scan works on code units and reports code-unit indexes.
  const m = FORBIDDEN.exec(text.replace(/[\uD800-\uDFFF]/g, 'x'));
  if (m) return { kind: 'control_character', index: m.index, codePoint: text.charCodeAt(m.index) };
  return undefined;
}

export function describeTextProblem(p: TextProblem): string {
  return p.kind === 'lone_surrogate'
    ? `contains a lone surrogate at position ${p.index} (not a valid Unicode character)`
    : `contains the control character U+${p.codePoint.toString(16).toUpperCase().padStart(4, '0')} at position ${p.index}; only tab and newline are allowed`;
}

/**
 * A text a user writes (a translation, a comment) as stored: NFC, at most `max` characters
 * (413 above), not blank (422). `noun` names it in the messages.
 */
export function boundedUserText(text: string, max: number, noun: string): string {
  const nfc = text.normalize('NFC');
  const length = [...nfc].length;
  if (length > max) {
    throw new LockstepError('too_large', 'text_too_long', `A ${noun} may have at most ${max} characters; this one has ${length}.`, { limit: max, length });
  }
  if (nfc.trim() === '') throw unprocessable('text_empty', `The ${noun} is empty.`);
  return nfc;
}
