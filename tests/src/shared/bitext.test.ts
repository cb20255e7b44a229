import { describe, expect, test } from '@jest/globals';
import { micromark } from 'micromark';
import { alignTranslation, htmlToMarkdown, LANGUAGE_CODES, plainOfCoded, segmentMarkdown, type BitextSourceSegment } from '@lockstep/shared';
import { score, statementCorpus, truthOf } from '../support/bitextCorpus.js';
import { addParagraph, merge, omit, perturbable, split, swapParagraphs } from '../support/bitextPerturb.js';

describe('aligning a published translation with the stored segments', () => {
  test.each([...LANGUAGE_CODES])('%s: the whole statement, untouched', (lang) => {
    const c = statementCorpus(lang);
    const result = alignTranslation({ sourceLang: c.sourceLang, targetLang: c.targetLang, source: c.source, targetMarkdown: c.markdown });
    const s = score(result, truthOf(c));
    if (s.precision < 0.95 || s.recall < 0.95) console.log(lang, s, result.unmatchedSource, result.unmatchedTarget);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
  });
});

describe('a published translation that is not sentence for sentence', () => {
  test.each([...LANGUAGE_CODES])('%s: two merges, two splits, an omission, swapped paragraphs and a paragraph of its own', (lang) => {
    let p = perturbable(statementCorpus(lang));
    p = merge(p, 0);
    p = merge(p, 3);
    p = split(p, 1);
    p = split(p, 4);
    p = omit(p, 6);
    p = swapParagraphs(p, 1);
    p = addParagraph(p, 5);
    const result = alignTranslation({ sourceLang: p.sourceLang, targetLang: p.targetLang, source: p.source, targetMarkdown: p.markdown });
    const s = score(result, p.truth);
    if (s.precision < 0.95 || s.recall < 0.95) console.log(lang, s, result.unmatchedSource, result.unmatchedTarget);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    // The merged pair carries both ids; the added paragraph is reported, not forced onto a segment.
    expect(result.pairs.filter((x) => x.segmentIds.length === 2).length).toBeGreaterThanOrEqual(2);
    expect(result.unmatchedTarget.map((t) => plainOfCoded(t)).join(' ')).toContain(plainOfCoded(p.added[0]).slice(0, 20));
  });
});

describe('only the opening, published with a merge and a split', () => {
  test.each(LANGUAGE_CODES.filter((l) => l !== 'en'))('%s: at least 15 of its 16 pairs are right, the rest of the source unmatched', (lang) => {
    const c = statementCorpus(lang);
    const translatable = c.source.filter((s) => s.translatable);
    const last = translatable[15];
    // Cut after the paragraph that holds the 16th translatable segment.
    const cut = c.markdown.indexOf('\n\n', c.markdown.indexOf(c.expected.get(last.id)!.slice(0, 30)));
    const kept = new Set(translatable.filter((s) => s.blockIndex <= last.blockIndex).map((s) => s.id));
    let p = perturbable({ ...c, markdown: c.markdown.slice(0, cut) + '\n', expected: new Map([...c.expected].filter(([id]) => kept.has(id))) });
    p = merge(p, 1);
    p = split(p, 0);
    expect(p.truth.size).toBe(16);
    const result = alignTranslation({ sourceLang: p.sourceLang, targetLang: p.targetLang, source: p.source, targetMarkdown: p.markdown });
    const s = score(result, p.truth);
    expect(Math.round(s.precision * result.pairs.length)).toBeGreaterThanOrEqual(15);
    expect(result.unmatchedSource).toEqual(translatable.filter((x) => !kept.has(x.id)).map((x) => x.id));
  });
});

describe('anchors and what has no counterpart', () => {
  const source = (texts: string[][]): BitextSourceSegment[] =>
    texts.flatMap((block, b) =>
      block.map((text, k) => ({ id: `b${b}s${k}`, blockIndex: b, blockKind: 'paragraph' as const, text, plain: text, runs: [{ type: 'text' as const, text }], translatable: true })),
    );

  test('numbers in Devanagari digits and Latin names tie the right sentences together when one is left out', () => {
    const src = source([['In 2014 the regime changed in Kiev after the protests.', 'Nobody asked the people of the eastern regions at all.', 'Angela Merkel admitted it much later in an interview.']]);
    // Hindi: the middle sentence is missing; lengths alone cannot tell which one.
    const md = 'कीव में विरोध प्रदर्शनों के बाद २०१४ में शासन बदल गया। Angela Merkel ने बहुत बाद में एक साक्षात्कार में यह स्वीकार किया।\n';
    const r = alignTranslation({ sourceLang: 'en', targetLang: 'hi', source: src, targetMarkdown: md });
    const holding = (needle: string) => r.pairs.find((p) => p.text.includes(needle))?.segmentIds;
    expect(holding('२०१४')).toContain('b0s0');
    expect(holding('Angela Merkel')).toContain('b0s2');
    expect(holding('Angela Merkel')).not.toContain('b0s0');
  });

  test('a question mark, a URL and an e-mail address anchor Korean and Russian sentences', () => {
    const src = source([['Who pays for this war?', 'Write to us at info@example.org today.', 'Read more on https://example.org/war now.']]);
    for (const [lang, md] of [
      ['ko', '정보는 info@example.org 로 보내 주세요. 자세한 내용은 https://example.org/war 에서 읽으세요.\n'],
      ['ru', 'Пишите нам на info@example.org сегодня. Подробнее на https://example.org/war сейчас.\n'],
    ] as const) {
      const r = alignTranslation({ sourceLang: 'en', targetLang: lang, source: src, targetMarkdown: md });
      const holding = (needle: string) => r.pairs.find((p) => p.text.includes(needle))?.segmentIds;
      expect(holding('info@example.org')).toContain('b0s1');
      expect(holding('https://example.org/war')).toEqual(['b0s2']);
    }
  });

  test('a paragraph with no counterpart is reported, and its neighbours still pair', () => {
    const src = source([['The first paragraph is about the war.'], ['The second one is about peace and bread.']]);
    const md = 'Первый абзац посвящён войне.\n\nПримечание переводчика: этот абзац добавлен при переводе и не имеет оригинала в тексте.\n\nВторой посвящён миру и хлебу.\n';
    const r = alignTranslation({ sourceLang: 'en', targetLang: 'ru', source: src, targetMarkdown: md });
    expect(r.pairs.map((p) => [p.segmentIds, p.text])).toEqual([
      [['b0s0'], 'Первый абзац посвящён войне.'],
      [['b1s0'], 'Второй посвящён миру и хлебу.'],
    ]);
    expect(r.unmatchedTarget).toEqual(['Примечание переводчика: этот абзац добавлен при переводе и не имеет оригинала в тексте.']);
  });

  test('links keep the source segment’s code numbers; locked lines are matched and left out', () => {
    const md = 'Struggle-La-Lucha.org\n\nRead [the statement](https://a.example) and [the reply](https://b.example).\n';
    const doc = segmentMarkdown(md, 'en');
    const src = doc.segments.map((s) => ({ id: `s${s.index}`, blockIndex: s.blockIndex, blockKind: s.blockKind, text: s.text, plain: s.plain, runs: s.runs, translatable: s.translatable }));
    const target = 'Struggle-La-Lucha.org\n\nЧитайте [ответ](https://b.example) и [заявление](https://a.example).\n';
    const r = alignTranslation({ sourceLang: 'en', targetLang: 'ru', source: src, targetMarkdown: target });
    expect(r.lockedMatched).toBe(1);
    expect(r.pairs).toEqual([expect.objectContaining({ segmentIds: ['s1'], text: 'Читайте <2>ответ</2> и <1>заявление</1>.', codesMatch: true })]);
  });
});

describe('a translation published as a web page', () => {
  test.each(['ko', 'ru', 'hi'] as const)('%s: the statement as HTML (menu, headings, emphasis, links) aligns as its Markdown does', (lang) => {
    const c = statementCorpus(lang);
    const page = `<!doctype html><html lang="${lang}"><head><title>t</title><style>p{}</style></head><body><nav>menu</nav>${micromark(c.markdown)}<script>alert(1)</script></body></html>`;
    const result = alignTranslation({ sourceLang: c.sourceLang, targetLang: c.targetLang, source: c.source, targetMarkdown: htmlToMarkdown(page) });
    const s = score(result, truthOf(c));
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    // Links come back as the source segment's codes.
    expect(result.pairs.filter((p) => p.text.includes('<1>')).length).toBeGreaterThan(0);
  });
});
