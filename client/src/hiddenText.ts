import { describeHiddenCharacter, findHiddenCharacters } from '@lockstep/shared';

export type HiddenTextPart = { type: 'text'; text: string } | { type: 'hidden'; label: string; title: string };

/**
 * Text with its invisible and text-direction characters taken out as parts of their own, so
 * they can be shown as visible marks (`U+202E`) instead of acting unseen: a right-to-left
 * override would otherwise turn the rest of the line around (issue #18).
 */
export function splitHiddenCharacters(text: string): HiddenTextPart[] {
  const out: HiddenTextPart[] = [];
  let at = 0;
  for (const h of findHiddenCharacters(text)) {
    if (h.index > at) out.push({ type: 'text', text: text.slice(at, h.index) });
    const title = describeHiddenCharacter(h);
    out.push({ type: 'hidden', label: title.split(' ')[0], title });
    at = h.index + (h.codePoint > 0xffff ? 2 : 1);
  }
  if (at < text.length || out.length === 0) out.push({ type: 'text', text: text.slice(at) });
  return out;
}
