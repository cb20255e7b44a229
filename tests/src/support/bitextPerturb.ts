import { LANGUAGES, type LanguageCode } from '@lockstep/shared';
import { pseudoTranslate, type Corpus } from './bitextCorpus.js';

/*
 * Perturbations of a synthetic published translation, each keeping the truth (expected pairs)
 * in step: merging two sentences into one, splitting one into two, leaving one out, swapping
 * two paragraphs, adding a paragraph that has no source.
 */

export interface Perturbed extends Corpus {
  /** Expected pairs: segment ids joined by `+` → plain target text. */
  truth: Map<string, string>;
  added: string[];
}

const FULL_STOP: Partial<Record<LanguageCode, string>> = { hi: '।' };
const cased = (lang: LanguageCode) => !['Hang', 'Deva'].includes(LANGUAGES[lang].script);

function start(c: Corpus): Perturbed {
  return { ...c, truth: new Map(c.expected), added: [] };
}

/** Consecutive sentences of one paragraph line, both written verbatim in the target. */
function neighbours(p: Perturbed): [string, string][] {
  const out: [string, string][] = [];
  const list = p.source.filter((s) => s.translatable);
  for (let k = 0; k + 1 < list.length; k++) {
    const a = list[k];
    const b = list[k + 1];
    const ta = p.truth.get(a.id);
    const tb = p.truth.get(b.id);
    if (a.blockIndex !== b.blockIndex || !ta || !tb || a.text.includes('<') || b.text.includes('<')) continue;
    if (p.markdown.split(`${ta} ${tb}`).length === 2) out.push([a.id, b.id]);
  }
  return out;
}

export function merge(p: Perturbed, nth: number): Perturbed {
  const pair = neighbours(p)[nth];
  if (!pair) throw new Error(`no ${nth}th pair of neighbours to merge`);
  const [a, b] = pair;
  const ta = p.truth.get(a)!;
  const tb = p.truth.get(b)!;
  const lower = cased(p.targetLang) && !/^\p{Lu}{2}/u.test(tb) ? tb.charAt(0).toLocaleLowerCase() + tb.slice(1) : tb;
  const merged = `${ta.replace(/[.!?।]+$/u, '')}, ${lower}`;
  const truth = new Map(p.truth);
  truth.delete(a);
  truth.delete(b);
  truth.set(`${a}+${b}`, merged);
  return { ...p, markdown: p.markdown.replace(`${ta} ${tb}`, merged), truth };
}

export function split(p: Perturbed, nth: number): Perturbed {
  const used = new Set([...p.truth.keys()].filter((k) => k.includes('+')).flatMap((k) => k.split('+')));
  const candidates = p.source.filter((s) => {
    const t = p.truth.get(s.id);
    return s.translatable && !used.has(s.id) && !s.text.includes('<') && t && t.length > 80 && p.markdown.split(t).length === 2;
  });
  const seg = candidates[nth];
  if (!seg) throw new Error(`no ${nth}th sentence to split`);
  const text = p.truth.get(seg.id)!;
  const middle = text.indexOf(' ', Math.floor(text.length / 2));
  const right = text.slice(middle + 1);
  const two = `${text.slice(0, middle).replace(/[,;:]$/, '')}${FULL_STOP[p.targetLang] ?? '.'} ${cased(p.targetLang) ? right.charAt(0).toLocaleUpperCase() + right.slice(1) : right}`;
  const truth = new Map(p.truth);
  truth.set(seg.id, two);
  return { ...p, markdown: p.markdown.replace(text, two), truth };
}

export function omit(p: Perturbed, nth: number): Perturbed {
  const [, b] = neighbours(p)[nth] ?? [];
  if (!b) throw new Error(`no ${nth}th sentence to omit`);
  const tb = p.truth.get(b)!;
  const truth = new Map(p.truth);
  truth.delete(b);
  return { ...p, markdown: p.markdown.replace(` ${tb}`, ''), truth };
}

/** The paragraphs of the target that are translated prose (not headings, lists, menus). */
function paragraphs(markdown: string): string[] {
  return markdown.split('\n\n');
}

/** Swaps the `nth` pair of neighbouring prose paragraphs (a translator who reordered them). */
export function swapParagraphs(p: Perturbed, nth: number): Perturbed {
  const parts = paragraphs(p.markdown);
  const isProse = (x: string | undefined) => x !== undefined && x.length > 200 && !/^[#\-[>*]/.test(x);
  const starts = parts.map((_, k) => k).filter((k) => isProse(parts[k]) && isProse(parts[k + 1]));
  const i = starts[nth];
  if (i === undefined) throw new Error(`no ${nth}th pair of neighbouring paragraphs`);
  [parts[i], parts[i + 1]] = [parts[i + 1], parts[i]];
  return { ...p, markdown: parts.join('\n\n') };
}

export function addParagraph(p: Perturbed, after: number): Perturbed {
  const parts = paragraphs(p.markdown);
  const prose = parts.map((x, k) => [x, k] as const).filter(([x]) => x.length > 200 && !/^[#\-[>]/.test(x));
  const note = pseudoTranslate("Translator's note: the quotations below were translated from the English edition and checked against the original speeches", p.targetLang) + '.';
  parts.splice(prose[after][1] + 1, 0, note);
  return { ...p, markdown: parts.join('\n\n'), added: [...p.added, note] };
}

export function perturbable(c: Corpus): Perturbed {
  return start(c);
}
