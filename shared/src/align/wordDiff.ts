import { diffWords } from 'diff';
import type { LanguageCode } from '../languages.js';
import { parseCodedText, plainOfCoded } from '../segment/codes.js';

export interface DiffPart {
  op: 'equal' | 'added' | 'removed';
  text: string;
}

const segmenters = new Map<string, Intl.Segmenter>();

/** One word segmenter per language, made once (construction costs more than a short segmentation). */
export function wordSegmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang, { granularity: 'word' });
    segmenters.set(lang, s);
  }
  return s;
}

/**
 * A text with inline codes as the reader sees it. A text whose `<n>` tags do not parse as codes
 * is taken as already plain (a literal `<1>` in a plain text stays).
 */
function readable(text: string): string {
  const parsed = text.includes('<') ? parseCodedText(text) : null;
  let out = text;
  if (parsed?.ok) {
    out = '';
    for (const run of parsed.runs) if (run.type === 'text') out += run.text;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * What changed in a source since the translator's version, word by word, for display on a
 * stale segment (api.md `diff`). Words are cut by `Intl.Segmenter` for the source language:
 * jsdiff's own tokenizer only knows Latin letters and would cut Greek, Cyrillic, Hangul and
 * Devanagari into single characters (or split a Devanagari vowel sign from its consonant).
 * Texts may carry inline codes; they are removed first.
 */
export function wordDiff(oldText: string, newText: string, lang: LanguageCode): DiffPart[] {
  const changes = diffWords(readable(oldText), readable(newText), { intlSegmenter: wordSegmenter(lang) });
  const parts: DiffPart[] = [];
  for (const c of changes) {
    if (!c.value) continue;
    const op = c.added ? 'added' : c.removed ? 'removed' : 'equal';
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += c.value;
    else parts.push({ op, text: c.value });
  }
  // jsdiff gives a pure insertion before punctuation or at the end the new text's space on the
  // equal side ("fox " + "jumps" + "."), which the old text never had: it belongs to the insertion.
  for (let i = 1; i < parts.length; i++) {
    const [before, added, after] = [parts[i - 1], parts[i], parts[i + 1]];
    if (added.op !== 'added' || before.op !== 'equal' || (after && after.op !== 'equal')) continue;
    const space = /\s+$/.exec(before.text)?.[0];
    if (space && !/^\s/.test(after?.text ?? '') && !/\s$/.test(added.text)) {
      before.text = before.text.slice(0, -space.length);
      added.text = space + added.text;
    }
  }
  return parts.filter((p) => p.text);
}

/**
 * A stale translation's `diff` (api.md): from the source its translator worked from
 * (`previousSource`, with codes) to the segment's current source as read (`plain`, its stored
 * plain text, `plainTextOf` of its runs). One definition for the server's answers and the
 * editor, which works it out for the rows it shows from the compact segment list.
 */
export function staleDiff(previousSource: string, plain: string, lang: LanguageCode): DiffPart[] {
  return wordDiff(plainOfCoded(previousSource), plain, lang);
}
