import { parseCodedText } from '@lockstep/shared';

/**
 * Inline codes in segment text (design/api.md): `<n>` opens, `</n>` closes, `<n/>` stands
 * alone, n a positive integer; every other `<` is literal and `\<` escapes one that would read
 * as a code. The grammar is the shared one (the server validates with it), so what the editor
 * shows as a token is exactly what the server will count as a code.
 */
export type InlinePart =
  | { type: 'text'; text: string }
  | { type: 'code'; kind: 'open' | 'close' | 'standalone'; id: number; raw: string };

export function rawTag(kind: 'open' | 'close' | 'standalone', id: number): string {
  return kind === 'open' ? `<${id}>` : kind === 'close' ? `</${id}>` : `<${id}/>`;
}

export function parseInlineCodes(text: string): InlinePart[] {
  return parseCodedText(text).runs.map((run): InlinePart =>
    run.type === 'text' ? { type: 'text', text: run.text } : { type: 'code', kind: run.type, id: run.id, raw: rawTag(run.type, run.id) },
  );
}

/** The text a reader sees, codes removed and escapes resolved. */
export function plainText(text: string): string {
  return parseInlineCodes(text)
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('');
}
