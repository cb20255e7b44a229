/**
 * Characters that change what text looks like, or look like nothing: bidirectional controls
 * (a right-to-left override shows `txt.exe` as `exe.txt`) and invisible characters (a
 * zero-width space makes `ko@example.org\u200b` another address that looks the same). Refused
 * in e-mails and names; a QA warning in translations (issue #18).
 */

export interface HiddenCharacter {
  /** Position in UTF-16 code units, as JavaScript and the editor count. */
  index: number;
  codePoint: number;
  name: string;
  kind: 'bidi' | 'invisible';
}

const BIDI: Record<number, string> = {
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

const INVISIBLE: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x17b4: 'KHMER VOWEL INHERENT AQ',
  0x17b5: 'KHMER VOWEL INHERENT AA',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2800: 'BRAILLE PATTERN BLANK',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
};

const JOINERS = new Set([0x200c, 0x200d]);
// What a joiner may stand between and still be text: letters and marks (Devanagari conjuncts,
// Persian half-spaces) and pictographs (emoji sequences such as a family).
const JOINABLE = /^[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}]$/u;

function nameOf(cp: number): { name: string; kind: HiddenCharacter['kind'] } | undefined {
  if (BIDI[cp]) return { name: BIDI[cp], kind: 'bidi' };
  if (INVISIBLE[cp]) return { name: INVISIBLE[cp], kind: 'invisible' };
  if (cp >= 0xe0000 && cp <= 0xe007f) return { name: 'TAG CHARACTER', kind: 'invisible' };
  return undefined;
}

/** Every bidirectional control and invisible character of `text`, joiners between letters excepted. */
export function findHiddenCharacters(text: string): HiddenCharacter[] {
  const chars = [...text];
  const out: HiddenCharacter[] = [];
  let index = 0;
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0)!;
    const found = nameOf(cp);
    const joining = JOINERS.has(cp) && JOINABLE.test(chars[i - 1] ?? '') && JOINABLE.test(chars[i + 1] ?? '');
    if (found && !joining) out.push({ index, codePoint: cp, ...found });
    index += ch.length;
  });
  return out;
}

/** `U+202E RIGHT-TO-LEFT OVERRIDE`: how a hidden character is named to people. */
export function describeHiddenCharacter(h: Pick<HiddenCharacter, 'codePoint' | 'name'>): string {
  return `U+${h.codePoint.toString(16).toUpperCase().padStart(4, '0')} ${h.name}`;
}
