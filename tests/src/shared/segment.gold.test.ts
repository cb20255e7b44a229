import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { segmentMarkdown } from '@lockstep/shared';

/**
 * The demo statement must cut into exactly the 64 segments a localization engineer chose
 * (tests/data/seed-gold.tsv, a copy of shared/data): same order, plain text, block kind,
 * translate flag, hoisted wrapper and inline codes.
 */
const statement = readFileSync(new URL('../../data/statement.md', import.meta.url), 'utf8');
const gold = readFileSync(new URL('../../data/seed-gold.tsv', import.meta.url), 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [n, block, translate, hoisted, tagged] = line.split('\t');
    return { n: Number(n), block, translate: translate === 'yes', hoisted: hoisted === '-' ? undefined : hoisted, tagged };
  });

/** Gold's `{n}…{/n}`, `{n/}` → api.md's `<n>…</n>`, `<n/>`; a backslash run before a tag doubles (`\\<`). */
function goldToApiText(tagged: string): string {
  return tagged.replace(/(\\*)\{(\/?)(\d+)(\/?)\}/g, (_m, slashes: string, close: string, id: string, alone: string) => {
    return `${slashes}${slashes}<${close}${id}${alone}>`;
  });
}

/** Plain text as seed-gold.txt writes it: codes removed, whitespace collapsed. */
function goldPlain(tagged: string): string {
  return tagged.replace(/\{\/?\d+\/?\}/g, '').replace(/\s+/g, ' ').trim();
}

const doc = segmentMarkdown(statement, 'en');

describe('the demo statement against the gold segmentation', () => {
  test('has exactly the 64 gold segments', () => {
    expect(gold).toHaveLength(64);
    expect(doc.segments).toHaveLength(64);
  });

  test.each(gold)('segment $n', ({ n, block, translate, hoisted, tagged }) => {
    const s = doc.segments[n - 1];
    expect({ index: s.index, plain: s.plain, blockKind: s.blockKind, translatable: s.translatable, hoisted: s.hoisted, text: s.text }).toEqual({
      index: n - 1,
      plain: goldPlain(tagged),
      blockKind: block,
      translatable: translate,
      hoisted,
      text: goldToApiText(tagged),
    });
  });

  test('the language menu keeps its literal backslashes escaped before codes (api.md)', () => {
    const menu = doc.segments[7];
    expect(menu.text).toBe(
      '<1>Español</1> / <2>\\\\<3>\\\\</3>\\\\<4>\\\\</4>\\_</2> / <5>Português</5> / <6>Ελληνικά</6> / ' +
        '<7>हिंदी</7> / <8>Française</8> / <9>Tagalog</9> / <10>Русский</10>',
    );
    expect(menu.plain).toBe('Español / \\\\\\\\\\_ / Português / Ελληνικά / हिंदी / Française / Tagalog / Русский');
  });

  test('locked segments say why', () => {
    const locked = doc.segments.filter((s) => !s.translatable).map((s) => [s.index + 1, s.lockReason]);
    expect(locked).toEqual([
      [1, 'site-name'],
      [8, 'language-menu'],
      [63, 'email'],
    ]);
  });

  test('a hoisted link keeps its URL for the rebuild, and hard breaks are marked', () => {
    expect(doc.segments[62].wrapper).toEqual({ kind: 'link', url: 'mailto:nowaronrussiaandchina@proton.me' });
    expect(doc.segments[62].breakBefore).toBe(true);
    expect(doc.segments[3].breakBefore).toBe(true);
    expect(doc.segments[2].breakBefore).toBeUndefined();
  });

  test('Markdown escapes are resolved in the runs', () => {
    expect(doc.segments[26].plain).toContain('$100 billion');
    expect(doc.segments[49].runs[1]).toEqual({ type: 'text', text: 'Partido Comunista do Povo Brasileiro, PCPB; (Communist Party of the Brazilian People – PCPB' });
    expect(doc.segments[63].runs).toEqual([
      { type: 'text', text: 'Source: ' },
      { type: 'open', id: 1, kind: 'link', url: '#' },
      { type: 'text', text: '*Marxists Speak Out*' },
      { type: 'close', id: 1 },
    ]);
  });

  test('blocks carry offsets for splicing', () => {
    for (const block of doc.blocks) expect(statement.slice(block.start, block.end)).toBe(block.markdown);
    const heading = doc.blocks[doc.segments[1].blockIndex];
    expect(heading).toMatchObject({ kind: 'heading1', markdown: expect.stringMatching(/^\*\*Anniversary .*class!\*\*$/) });
    const listItems = doc.blocks.filter((b) => b.kind === 'list-item').map((b) => b.markdown);
    expect(listItems[0]).toBe('[Consistent Democrats](#) (Britain)');
  });

  test('word counts are words', () => {
    expect(doc.segments.map((s) => s.words).slice(0, 5)).toEqual([1, 19, 5, 3, 3]);
    expect(doc.segments[48].words).toBe(10); // नेशनल डेमोक्रेटिक पीपुल्स फ्रंट/ National Democratic People's Front (NDPF) (India)
  });
});
