import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { parseBlocks, parseWhole } from '@lockstep/shared';
import { REPO_ROOT } from '../support/serverProcess.js';
import { syntheticRevision } from '../bench/publish.js';

/*
 * parseBlocks takes plain paragraphs as they are and parses only what lies between them
 * (shared/src/segment/plainParagraphs.ts). Whatever the text, its blocks (kind, offsets,
 * Markdown, tokens, indexes) must be exactly those of parsing the whole text.
 */
const same = (markdown: string) => expect(parseBlocks(markdown)).toEqual(parseWhole(markdown));

describe('plain paragraphs taken as they are: the same blocks as parsing the whole text', () => {
  test('the statement fixtures and the benches\' 10,000-sentence revisions', () => {
    for (const name of ['statement.md', 'revision-2.md']) same(readFileSync(path.join(REPO_ROOT, 'fixtures', 'statement', name), 'utf8'));
    const rev = syntheticRevision(2_000);
    same(rev.v1);
    same(rev.v2);
  });

  test('paragraphs next to every block that could reach past a blank line', () => {
    const cases = [
      'First plain paragraph.\n\n- a list item\n\n  continued inside it\n\nPlain after the list.\n',
      '1. one\n2. two\n\nPlain after.\n\n3) three\n',
      '> quoted\n\nPlain after the quote.\n\n> again\nlazy line\n\nPlain.',
      'Plain.\n\n    indented code\n\n    more code\n\nPlain after code.\n',
      '| a | b |\n| - | - |\n| 1 | 2 |\n\nPlain after the table.\n',
      '<div>\nhtml block\n\nPlain after html.\n',
      'Title\n=====\n\nPlain.\n\nSub\n---\n\nPlain again\nwith a second line\n',
      '# Heading\n\nPlain paragraph with é ñ and 中文 text.\n\n## Two ##\n',
      'Line one  \nLine two with a hard break before it.\n\nPlain.\n',
      'Plain 1. not a list\n1. but this interrupts\n\nPlain.\n',
      '2024 was a year.\n\n2024. A year.\n\n10) Ten\n',
      'Plain.\n\n   \n\nAfter a line of spaces.\n\n\n\nAfter several blank lines.',
      'Plain with a trailing space \n\nPlain.\r\n\r\nCRLF plain.\r\n',
      '- item\n\n- loose item\n\nPlain.\n\n* other list\n\nPlain.\n\n+ third\n',
      'Plain *emphasis* here.\n\nPlain with a link [x](https://example.org).\n\nPlain www.example.org and a@b.org.\n',
      '```\ncode\n\nNot plain: inside the fence.\n```\n\nPlain.\n',
      'Plain.\n\n[ref]: https://example.org\n\nUses [ref].\n',
      'Plain[^1].\n\n[^1]: A footnote.\n\nPlain.\n',
      '<!-- a comment\n\nstill the comment -->\n\nPlain.\n',
      '\n\nPlain after leading blank lines.\n\n',
      '***\n\nPlain after a break.\n\n---\n',
      'Plain & entity &amp; here.\n\nPlain.\n',
      'Plain.\n\n\uFEFFA paragraph that starts with a byte order mark.\n\nPlain.\n',
      '\uFEFFPlain at the start.\n\nPlain.\n',
    ];
    for (const markdown of cases) same(markdown);
  });

  test('generated texts: blocks of every kind in any order and spacing', () => {
    const pieces = [
      'A plain sentence. And another one.', 'Plain words\nover two lines', 'Zwei Sätze hier. Noch einer.', '2024 and more', '1. ordered', '2) ordered',
      '- bullet', '  continued', '    code', '> quote', 'lazy', '# heading', 'Setext', '===', '---', '***', '| a | b |', '| - | - |',
      '<div>', '</div>', 'text *em* and _em_', 'a `code` span', '[link](u)', 'x@y.org', 'see https://a.b', 'tail  ', '\tTab', '  ', '',
      'Text with: a colon (and parens).', 'Wörter, Zahlen 3.5 und Ende.',
    ];
    const separators = ['\n', '\n\n', '\n\n\n', '\n \n'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...separators)), { maxLength: 14 }), (parts) => {
        const markdown = parts.map(([p, sep]) => p + sep).join('');
        expect(parseBlocks(markdown)).toEqual(parseWhole(markdown));
      }),
      { numRuns: 600 },
    );
  });
});
