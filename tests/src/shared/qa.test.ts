import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { checkDocument, checkSegment, numbersIn, PUNCTUATION, segmentMarkdown, warningsFor, type DocumentQaSegment, type QaWarning } from '@lockstep/shared';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function qa(source: string, target: string, targetLang: string, extra: { locked?: boolean; sourceLang?: string } = {}): QaWarning[] {
  return checkSegment({ sourceCoded: source, targetCoded: target, sourceLang: extra.sourceLang ?? 'en', targetLang, locked: extra.locked });
}
const codes = (source: string, target: string, targetLang: string, extra?: { locked?: boolean; sourceLang?: string }) =>
  qa(source, target, targetLang, extra).map((w) => w.code);

describe('inline codes (the shared validator)', () => {
  test('a dropped or invented code is flagged with the validator’s problems', () => {
    const [w] = qa('We <1>stand</1> with <2>Ukraine</2>.', 'Estamos con <2>Ucrania</2> y <3>más</3>.', 'es');
    expect(w.code).toBe('inline_codes');
    expect((w.details!.problems as { kind: string }[]).map((p) => p.kind).sort()).toEqual(['missing', 'unknown']);
  });
  test('the same codes, in another order, are clean', () => {
    expect(codes('We <1>stand</1> with <2>Ukraine</2>.', 'Con <2>Ucrania</2> <1>estamos</1>.', 'es')).toEqual([]);
  });
});

describe('numbers, whatever the locale writes', () => {
  test.each([
    ['es', 'Mil: 1.000 personas.'],
    ['fr', 'Mille\u00a0: 1 000 personnes.'],
    ['fr', 'Mille\u202f: 1\u202f000 personnes.'],
    ['ru', 'Тысяча: 1 000 человек.'],
    ['ko', '천: 1,000명.'],
    ['hi', 'हज़ार: १,००० लोग।'],
    ['pt', 'Mil: 1.000 pessoas.'],
  ])('1,000 (en) = %s "%s"', (lang, target) => {
    expect(codes('Thousand: 1,000 people.', target, lang)).toEqual([]);
  });
  test('decimals: 2.5 (en) = 2,5 (fr, es, ru)', () => {
    expect(codes('It grew 2.5 percent.', 'Elle a augmenté de 2,5 %.', 'fr')).toEqual([]);
    expect(codes('It grew 2.5 percent.', 'Creció un 2,5 %.', 'es')).toEqual([]);
  });
  test('Devanagari digits and Indian grouping: 100,000 = १,००,०००', () => {
    expect(codes('Over 100,000 people came.', '१,००,००० से अधिक लोग आए।', 'hi')).toEqual([]);
    expect(numbersIn('२०२३ और 1,00,000', 'hi').map((n) => n.value)).toEqual(['2023', '100000']);
  });
  test('a number that is missing or changed is flagged, naming it', () => {
    const [w] = qa('For 30 years, NATO has lied.', 'Pendant 20 ans, l’OTAN a menti.', 'fr');
    expect(w).toMatchObject({ code: 'numbers_differ', details: { missing: ['30'] } });
    expect(w.message).toMatch(/30/);
  });
  test('"1,000" copied into Spanish reads as one: flagged as a format problem, not as missing', () => {
    expect(codes('Thousand: 1,000 people.', 'Mil: 1,000 personas.', 'es')).toEqual(['number_format']);
  });
  test('a scaled amount may change its digits with the scale word: 100 billion = 100 000 millones = 1,000억', () => {
    expect(codes('Aid of $100 billion was sent.', 'Se enviaron 100 000 millones de dólares.', 'es')).toEqual([]);
    expect(codes('Aid of $100 billion was sent.', '1,000억 달러가 보내졌다.', 'ko')).toEqual([]);
    expect(codes('Aid of $100 billion was sent.', '200억 달러가 보내졌다.', 'ko')).toEqual(['numbers_differ']);
  });
});

describe('dates', () => {
  test.each([
    ['es', '24 de febrero de 2023'],
    ['fr', '24 février 2023'],
    ['pt', '24 de fevereiro de 2023'],
    ['el', '24 Φεβρουαρίου 2023'],
    ['hi', '24 फ़रवरी 2023'],
    ['hi', '२४ फरवरी २०२३'],
    ['ko', '2023년 2월 24일'],
    ['ru', '24 февраля 2023 г.'],
    ['tl', 'Pebrero 24, 2023'],
    ['fr', '24/02/2023'],
  ])('February 24, 2023 → %s "%s" is clean', (lang, target) => {
    expect(codes('February 24, 2023', target, lang)).toEqual([]);
  });
  test('an inflected month still counts: "в феврале 2022" (in February 2022)', () => {
    expect(codes('We have worked since February 2022.', 'Мы работаем с февраля 2022 года.', 'ru')).toEqual([]);
    expect(codes('It began in February 2022.', 'Это началось в феврале 2022 года.', 'ru')).toEqual([]);
  });
  test('a wrong month or day is flagged', () => {
    expect(codes('February 24, 2023', '24 mars 2023', 'fr')).toEqual(['dates_differ']);
    expect(codes('Feb. 24 will mark the anniversary.', 'Le 25 février marquera l’anniversaire.', 'fr')).toEqual(['numbers_differ', 'dates_differ']);
    expect(codes('February 24, 2023', '2023년 3월 24일', 'ko')).toEqual(['dates_differ']);
  });
  test('"May" without a day or year is a verb, not a date', () => {
    expect(codes('May we win.', 'Que ganemos.', 'es')).toEqual([]);
  });
});

describe('URLs and e-mails', () => {
  test('a written-out URL or e-mail must be kept', () => {
    expect(codes('See https://example.org/a?b=1 or write to info@example.org.', 'Voir https://example.org/a?b=1 ou écrire à info@example.org.', 'fr')).toEqual([]);
    expect(codes('See https://example.org/a.', 'Voir https://example.com/a.', 'fr')).toEqual(['urls_differ']);
    expect(codes('Write to info@example.org.', 'Escriba a info@ejemplo.org.', 'es')).toEqual(['emails_differ']);
  });
  test('a bare domain is an address too; "U.S." is not', () => {
    expect(codes('Read Classconscious.org today.', 'Lea Classconscious.org hoy.', 'es')).toEqual([]);
    expect(codes('Read Classconscious.org today.', 'Lea Conscienciadeclase.org hoy.', 'es')).toEqual(['urls_differ']);
    expect(codes('The U.S. and Australia.', 'EE. UU. y Australia.', 'es')).toEqual([]);
  });
  test('a "?" or digits inside a URL are neither a question nor numbers', () => {
    expect(codes('Go to https://x.org/?q=42 now.', 'Ve a https://x.org/?q=42 ahora.', 'es')).toEqual([]);
  });
});

describe('whitespace', () => {
  test('leading or trailing space the source does not have', () => {
    const [w] = qa('Peace now.', ' La paz ahora. ', 'es');
    expect(w).toMatchObject({ code: 'surrounding_whitespace', details: { leading: true, trailing: true } });
    expect(codes('Peace now.', 'La paz ahora.', 'es')).toEqual([]);
  });
  test('two spaces in a row, unless the source has them', () => {
    expect(codes('Peace now.', 'La paz  ahora.', 'es')).toEqual(['double_space']);
    expect(codes('Peace  now.', 'La paz  ahora.', 'es')).toEqual([]);
  });
});

describe('terminal punctuation, per language', () => {
  // [language, clean statement, flagged statement, clean question, flagged question]
  test.each([
    ['es', 'Es la paz.', 'Es la paz', '¿Es la paz?', 'Es la paz.'],
    ['pt', 'É a paz.', 'É a paz!', 'É a paz?', 'É a paz.'],
    ['ko', '평화입니다.', '평화입니다', '평화입니까?', '평화입니까.'],
    ['ru', 'Это мир.', 'Это мир', 'Это мир?', 'Это мир.'],
    ['tl', 'Ito ay kapayapaan.', 'Ito ay kapayapaan', 'Kapayapaan ba ito?', 'Kapayapaan ba ito.'],
    ['el', 'Είναι η ειρήνη.', 'Είναι η ειρήνη', 'Είναι η ειρήνη;', 'Είναι η ειρήνη.'],
    ['hi', 'यह शांति है।', 'यह शांति है', 'क्या यह शांति है?', 'क्या यह शांति है।'],
    ['fr', 'C’est la paix.', 'C’est la paix', 'Est-ce la paix\u202f?', 'Est-ce la paix.'],
  ])('%s', (lang, statement, badStatement, question, badQuestion) => {
    expect(codes('It is peace.', statement, lang)).toEqual([]);
    expect(codes('It is peace.', badStatement, lang)).toEqual(['terminal_punctuation']);
    expect(codes('Is it peace?', question, lang)).toEqual([]);
    expect(codes('Is it peace?', badQuestion, lang)).toEqual(['terminal_punctuation']);
  });
  test('each language ends its sentences with the marks its punctuation data gives, and its slips are named', () => {
    const englishEnding: Record<string, [string, string]> = { period: ['It is peace.', '.'], question: ['Is it peace?', '?'], semicolon: ['We agree;', ';'] };
    for (const [lang, data] of Object.entries(PUNCTUATION)) {
      for (const [kind, marks] of Object.entries(data.marks ?? {})) {
        const [source] = englishEnding[kind];
        for (const mark of marks) expect([lang, kind, codes(source, `Text${mark}`, lang)]).toEqual([lang, kind, []]);
      }
      for (const slip of data.slips ?? []) {
        const [source] = englishEnding[slip.kind];
        for (const mark of slip.marks) expect([lang, mark, codes(source, `Text${mark}`, lang)]).toEqual([lang, mark, [slip.code]]);
      }
    }
  });
  test('Greek asks with ";" (U+037E or U+003B), never "?"', () => {
    expect(codes('Is it peace?', 'Είναι η ειρήνη\u037e', 'el')).toEqual([]);
    const [w] = qa('Is it peace?', 'Είναι η ειρήνη?', 'el');
    expect(w).toMatchObject({ code: 'greek_question_mark', details: { expected: [';'] } });
    expect(codes('Peace? It is.', 'Ειρήνη? Είναι.', 'el')).toEqual(['greek_question_mark']);
    // A Greek ";" ending where the source has a semicolon would read as a question.
    expect(codes('We agree;', 'Συμφωνούμε;', 'el')).toEqual(['terminal_punctuation']);
    expect(codes('We agree;', 'Συμφωνούμε·', 'el')).toEqual([]);
  });
  test('Hindi ends a statement with the danda "।", not "." or "|"', () => {
    expect(codes('It is peace.', 'यह शांति है।', 'hi')).toEqual([]);
    expect(codes('It is peace.', 'यह शांति है.', 'hi')).toEqual(['hindi_danda']);
    expect(codes('It is peace.', 'यह शांति है|', 'hi')).toEqual(['hindi_danda']);
  });
  test('French puts a no-break space before ? ! : ;', () => {
    expect(codes('Victory!', 'Victoire\u00a0!', 'fr')).toEqual([]);
    expect(codes('Graphic: Henry Wong', 'Illustration\u00a0: Henry Wong', 'fr')).toEqual([]);
    const [missing] = qa('Victory!', 'Victoire!', 'fr');
    expect(missing).toMatchObject({ code: 'french_spacing', details: { marks: [{ mark: '!', problem: 'missing' }] } });
    const [breaking] = qa('Graphic: Henry Wong', 'Illustration : Henry Wong', 'fr');
    expect(breaking).toMatchObject({ code: 'french_spacing', details: { marks: [{ mark: ':', problem: 'breaking' }] } });
    // Not in times, URLs, or a name quoted from the source as it is.
    expect(codes('At 10:30 see https://x.org.', 'À 10:30 voir https://x.org.', 'fr')).toEqual([]);
    expect(codes('Partido Comunista, PCPB; (Brazil)', 'Partido Comunista, PCPB; (Brésil)', 'fr')).toEqual([]);
  });
  test('Spanish opens questions with "¿" and exclamations with "¡"', () => {
    expect(codes('Victory to the resistance! Why?', '¡Victoria a la resistencia! ¿Por qué?', 'es')).toEqual([]);
    const [w] = qa('Victory to the resistance! Why?', 'Victoria a la resistencia! Por qué?', 'es');
    expect(w).toMatchObject({ code: 'spanish_opening_mark', details: { missing: [{ mark: '¡' }, { mark: '¿' }] } });
  });
  test('an abbreviation’s period may also end the sentence: "2023" ↔ "2023 г.", "the U.S." ↔ "EE. UU"', () => {
    expect(codes('February 24, 2023', '24 февраля 2023 г.', 'ru')).toEqual([]);
    expect(codes('Socialist Workers League (U.S.)', 'Liga de los Trabajadores Socialistas (EE. UU.)', 'es')).toEqual([]);
  });
  test('a heading without a mark stays without one', () => {
    expect(codes('Current Endorsers', 'Firmantes actuales.', 'es')).toEqual(['terminal_punctuation']);
  });
});

describe('same as the source', () => {
  test('an untranslated sentence is flagged', () => {
    expect(codes('First item of the list.', 'First item of the list.', 'ko')).toEqual(['same_as_source']);
    expect(codes('Current Endorsers:', 'Current endorsers:', 'es')).toEqual(['same_as_source']);
  });
  test('not for a locked segment, a number alone, or a name', () => {
    expect(codes('First item of the list.', 'First item of the list.', 'ko', { locked: true })).toEqual([]);
    expect(codes('2023', '2023', 'ko')).toEqual([]);
    expect(codes('Gaukhar Datkhabayeva (Kazakhstan)', 'Gaukhar Datkhabayeva (Kazakhstan)', 'fr')).toEqual([]);
    expect(codes('<1>Anti-War West Sydney</1> (Australia)', '<1>Anti-War West Sydney</1> (Australia)', 'es')).toEqual([]);
  });
});

describe('the save’s warnings', () => {
  test('keep the earlier codes and messages', () => {
    const w = warningsFor({ sourceCoded: 'Peace needs 1,200 volunteers by 2025.', targetCoded: '평화에는 1 200명의 자원봉사자가 필요합니다. ', sourceLang: 'en', targetLang: 'ko' });
    expect(w.map((x) => x.code)).toEqual(['numbers_differ', 'surrounding_whitespace']);
    expect(w[0].message).toBe('The source has 2025, which the translation does not.');
  });
});

describe('document level', () => {
  const MD = [
    '# Title',
    '',
    'Read [our site](https://example.org/a) and [theirs](https://example.org/b).',
    '',
    '## Endorsers',
    '',
    '- [One](https://one.example.org) (Britain)',
    '- Two (Brazil)',
    '',
  ].join('\n');
  const segs = (translations: Record<number, string>): DocumentQaSegment[] =>
    segmentMarkdown(MD, 'en').segments.map((s) => ({
      id: `s${s.index}`,
      blockIndex: s.blockIndex,
      blockKind: s.blockKind,
      source: s.text,
      sourceRuns: s.runs,
      translatable: s.translatable,
      translation: translations[s.index] ?? null,
    }));
  const FULL = { 0: 'Titre', 1: 'Lisez <1>notre site</1> et <2>le leur</2>.', 2: 'Signataires', 3: '<1>Un</1> (Grande-Bretagne)', 4: 'Deux (Brésil)' };

  test('a complete translation is clean', () => {
    expect(segmentMarkdown(MD, 'en').segments.map((s) => s.text)).toEqual(['Title', 'Read <1>our site</1> and <2>theirs</2>.', 'Endorsers', '<1>One</1> (Britain)', 'Two (Brazil)']);
    const r = checkDocument({ sourceLang: 'en', targetLang: 'fr', segments: segs(FULL) });
    expect(r.warnings).toEqual([]);
    expect(r.links).toEqual({ source: 3, missing: [] });
    expect(r.headings).toMatchObject({ source: 2, translated: 2 });
    expect(r.listItems).toMatchObject({ source: 2, translated: 2 });
  });
  test('a link dropped from a translation is missing from the document', () => {
    const r = checkDocument({ sourceLang: 'en', targetLang: 'fr', segments: segs({ ...FULL, 1: 'Lisez <1>notre site</1> et le leur.' }) });
    expect(r.links.missing).toEqual([{ url: 'https://example.org/b', segmentIds: ['s1'] }]);
    expect(r.warnings.map((w) => w.code)).toEqual(['links_missing']);
  });
  test('a bare address (a GFM autolink) is one link, not a link and an address written out', () => {
    const [s] = segmentMarkdown('Write to https://example.org/contact today.', 'en').segments;
    expect(s.text).toBe('Write to <1>https://example.org/contact</1> today.');
    const one = (translation: string | null) => [{ id: 's0', blockIndex: 0, blockKind: s.blockKind, source: s.text, sourceRuns: s.runs, translatable: true, translation }];
    expect(checkDocument({ sourceLang: 'en', targetLang: 'fr', segments: one(null) }).links).toEqual({ source: 1, missing: [] });
    expect(checkDocument({ sourceLang: 'en', targetLang: 'fr', segments: one('Écrivez à <1>https://example.org/contact</1>.') }).links).toEqual({ source: 1, missing: [] });
  });
  test('an untranslated segment stands in with its source: its links stay, its block is counted as untranslated', () => {
    const r = checkDocument({ sourceLang: 'en', targetLang: 'fr', segments: segs({ ...FULL, 2: '', 4: '' }) });
    expect(r.links.missing).toEqual([]);
    expect(r.headings).toMatchObject({ source: 2, translated: 1, untranslated: [2] });
    expect(r.listItems).toMatchObject({ source: 2, translated: 1, untranslated: [4] });
    expect(r.warnings.map((w) => w.code)).toEqual(['heading_count', 'list_item_count']);
  });
  test('a translation that starts a list item or heading of its own changes the count', () => {
    const r = checkDocument({ sourceLang: 'en', targetLang: 'fr', segments: segs({ ...FULL, 1: '# Lisez <1>notre site</1> et <2>le leur</2>.', 4: 'Deux (Brésil)\n- Trois' }) });
    expect(r.headings).toMatchObject({ source: 2, translated: 3, added: ['s1'] });
    expect(r.listItems).toMatchObject({ source: 2, translated: 3, added: ['s4'] });
  });
});

// The demo's translations are real work by real translators: every warning on them must be
// one a reviewer would agree with. (Read: there are none; each false positive found while
// building the checks — names kept as they are, "100 billion" as "1,000억", "2023 г." — was fixed.)
const DEMO = path.join(REPO, 'fixtures/statement/translations');
interface DemoFile {
  lang: string;
  segments: { n: number; source: string; text: string }[];
}
const demo: DemoFile[] = existsSync(DEMO)
  ? readdirSync(DEMO)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(path.join(DEMO, f), 'utf8')) as DemoFile)
  : [];

describe('the demo translations', () => {
  test('have no warnings', () => {
    expect(demo.length).toBeGreaterThanOrEqual(7);
    const found = demo.flatMap((file) =>
      file.segments.flatMap((s) => qa(s.source, s.text.normalize('NFC'), file.lang).map((w) => `${file.lang} #${s.n} ${w.code}: ${w.message}`)),
    );
    expect(found).toEqual([]);
  });
  test('and the checks do fire on them: a dropped number or a changed final mark is caught in every language', () => {
    let withNumbers = 0;
    for (const file of demo) {
      for (const s of file.segments) {
        const text = s.text.normalize('NFC');
        const tags = /(<\/?\d+\/?>)/;
        if (/\d/.test(s.source.split(tags).filter((_, i) => i % 2 === 0).join('')) && /[0-9०-९]/.test(text)) {
          withNumbers++;
          const withoutDigits = text.split(tags).map((part, i) => (i % 2 ? part : part.replace(/[0-9०-९]/g, ''))).join('');
          expect(codes(s.source, withoutDigits, file.lang)).toContain(
            /(January|February|March|April|May|June|July|August|September|October|November|December|Feb\.)/.test(s.source) ? 'dates_differ' : 'numbers_differ',
          );
        }
        if (/[.!]$/.test(s.source)) {
          expect(codes(s.source, text.replace(/[.!।]$/, '?'), file.lang).some((c) => /punctuation|question|opening|spacing/.test(c))).toBe(true);
        }
      }
    }
    expect(withNumbers).toBeGreaterThan(10);
  });
});
