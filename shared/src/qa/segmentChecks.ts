import { describeHiddenCharacter, findHiddenCharacters } from '../hiddenCharacters.js';
import { validateCodedText } from '../segment/codes.js';
import { addressKey, findAddresses } from './addresses.js';
import { datesIn, monthsIn } from './dates.js';
import { checkGlossary } from './glossaryCheck.js';
import { numbersIn, type NumberToken } from './numbers.js';
import { checkTerminal, LANGUAGE_CHECKS } from './punctuation.js';
import { checkSourceLeft } from './sourceLeft.js';
import { missingFrom, primaryLanguage, runsOfCoded, visibleText } from './text.js';
import type { QaWarning, SegmentQaCode, SegmentQaInput } from './types.js';

type Warn = QaWarning<SegmentQaCode>;

/** Codes against the source's: the same validator the server's save uses (422 there, a warning while typing). */
function checkCodes(input: SegmentQaInput): Warn[] {
  const checked = validateCodedText(input.targetCoded, input.sourceRuns ?? runsOfCoded(input.sourceCoded));
  if (checked.ok) return [];
  return [{ code: 'inline_codes', message: checked.problems.map((p) => p.message).join(' '), details: { problems: checked.problems } }];
}

function checkWhitespace(source: string, target: string): Warn[] {
  const out: Warn[] = [];
  const lead = (s: string) => /^\s/.test(s);
  const trail = (s: string) => /\s$/.test(s);
  if ((lead(target) && !lead(source)) || (trail(target) && !trail(source))) {
    out.push({
      code: 'surrounding_whitespace',
      message: 'The translation starts or ends with white space.',
      details: { leading: lead(target) && !lead(source), trailing: trail(target) && !trail(source) },
    });
  }
  const doubled = /[ \u00a0\u202f\t]{2,}/u;
  const at = target.search(doubled);
  if (at >= 0 && !doubled.test(source)) {
    out.push({ code: 'double_space', message: 'The translation has two spaces in a row.', details: { index: at } });
  }
  return out;
}

function checkAddresses(source: ReturnType<typeof findAddresses>, target: ReturnType<typeof findAddresses>): Warn[] {
  const out: Warn[] = [];
  const urls = missingFrom(source.urls, target.urls, addressKey);
  if (urls.length) out.push({ code: 'urls_differ', message: `The source has ${urls.join(', ')}, which the translation does not.`, details: { missing: urls } });
  const emails = missingFrom(source.emails, target.emails, (e) => e.toLowerCase());
  if (emails.length) {
    out.push({ code: 'emails_differ', message: `The source has ${emails.join(', ')}, which the translation does not.`, details: { missing: emails } });
  }
  return out;
}

// Words after a number that scale it: "100 billion" may rightly become "100 000 millones" or
// "1,000억", so such a number matches any target number with the same significant digits.
const SCALE_WORD =
  /^\s*(?:thousand|million|billion|trillion|bn|mn|mil|mill[oó]n|millones|milliards?|millions?|milh[aã]o|milh[oõ]es|bilh[aã]o|bilh[oõ]es|тыс|млн|млрд|трлн|χιλ|εκατ|δισ|हज़ार|हजार|लाख|करोड़|अरब|만|억|조|libo|milyon|bilyon)/iu;
const significant = (value: string) => value.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');

/** Dates keep their month, day and year (a month name in any of the two languages, or a numeric date). */
function checkDates(source: string, target: string, sourceLang: string, targetLang: string): Warn[] {
  const dates = datesIn(source, sourceLang);
  if (!dates.length) return [];
  const months = monthsIn(target, [targetLang, sourceLang]);
  const values = numbersIn(target, targetLang).map((t) => t.value);
  const bad = dates.filter((d) => {
    const parts = [d.day, d.year].filter((n): n is number => n !== undefined).map(String);
    return !months.has(d.month) || missingFrom(parts, values).length > 0;
  });
  if (!bad.length) return [];
  return [
    {
      code: 'dates_differ',
      message: `The translation does not have the date ${bad.map((d) => d.text).join(', ')} of the source.`,
      details: { missing: bad.map((d) => ({ text: d.text, month: d.month, day: d.day, year: d.year })) },
    },
  ];
}

/** Every number of the source, by value, read with each language's separators. */
function checkNumbers(source: string, target: string, sourceLang: string, targetLang: string): Warn[] {
  const want = numbersIn(source, sourceLang);
  const have = numbersIn(target, targetLang);
  const missing = missingFrom(want, have, (n) => n.value);
  if (!missing.length) return [];
  const spare = missingFrom(have, want, (n) => n.value);
  const misformatted: { source: string; target: string }[] = [];
  const take = (test: (t: NumberToken) => boolean) => {
    const i = spare.findIndex(test);
    return i < 0 ? undefined : spare.splice(i, 1)[0];
  };
  const out: Warn[] = [];
  const reallyMissing = missing.filter((n) => {
    if (SCALE_WORD.test(source.slice(n.index + n.text.length))) {
      if (take((t) => significant(t.value) === significant(n.value))) return false;
    }
    // The other reading of an ambiguous "1,000" / "1.000" on either side.
    const other = take((t) => t.value === n.alternative || t.alternative === n.value || (t.alternative !== undefined && t.alternative === n.alternative));
    if (!other) return true;
    misformatted.push({ source: n.text, target: other.text });
    return false;
  });
  if (reallyMissing.length) {
    out.push({
      code: 'numbers_differ',
      message: `The source has ${reallyMissing.map((n) => n.text).join(', ')}, which the translation does not.`,
      details: { missing: reallyMissing.map((n) => n.text) },
    });
  }
  if (misformatted.length) {
    out.push({
      code: 'number_format',
      message: `${misformatted.map((m) => m.target).join(', ')} reads as a different number in this language than ${misformatted.map((m) => m.source).join(', ')} in the source: check the thousands and decimal separators.`,
      details: { numbers: misformatted },
    });
  }
  return out;
}

/**
 * A name (an organisation, a person, "Costa Rica") is often rightly the same in translation:
 * no sentence punctuation at the end and every cased word of four letters or more capitalised.
 */
function looksLikeAName(text: string): boolean {
  const t = text.trim();
  if (/[.!?:;…]$/.test(t)) return false;
  const words = t.match(/[\p{L}\p{M}'’-]+/gu) ?? [];
  // Words of a cased script only: Devanagari or Hangul have no capitals to go by.
  const cased = words.filter((w) => w.length >= 4 && w[0].toLocaleUpperCase() !== w[0].toLocaleLowerCase());
  return cased.length > 0 && cased.every((w) => w[0] === w[0].toLocaleUpperCase());
}

function checkSameAsSource(input: SegmentQaInput, source: string, target: string): Warn[] {
  if (input.locked) return [];
  // Most translations differ in length from their source: no need to normalise those.
  if (Math.abs(source.trim().length - target.trim().length) > 8) return [];
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  // Only where there is something to translate: "2023" or "—" stays as it is.
  if (!/\p{L}/u.test(source) || norm(source) !== norm(target) || looksLikeAName(source)) return [];
  return [{ code: 'same_as_source', message: 'The translation is the same as the source.' }];
}

/**
 * Bidirectional controls and invisible characters the source does not have (as many of each):
 * a right-to-left override can make a translation read differently from what it says.
 */
function checkHiddenCharacters(source: string, target: string): Warn[] {
  const found = findHiddenCharacters(target);
  if (!found.length) return [];
  const extra = missingFrom(found, findHiddenCharacters(source), (h) => String(h.codePoint));
  if (!extra.length) return [];
  const names = [...new Set(extra.map(describeHiddenCharacter))];
  return [
    {
      code: 'hidden_characters',
      message: `The translation has invisible or text-direction characters the source does not: ${names.join(', ')}.`,
      details: { characters: extra, missing: names },
    },
  ];
}

/**
 * `checkSegment`'s `source_text_left` finding alone, computed as it computes it: what an import
 * reports for applied units. Running every check on 10,000 units to keep one code cost an
 * XLIFF import a few hundred milliseconds.
 */
export function checkSourceTextLeft(input: SegmentQaInput): Warn[] {
  if (input.locked) return [];
  const target = visibleText(input.targetCoded);
  if (target.trim() === '') return [];
  const src = findAddresses(visibleText(input.sourceCoded)).rest;
  return checkSourceLeft(src, findAddresses(target).rest, primaryLanguage(input.sourceLang), primaryLanguage(input.targetLang));
}

/**
 * Every segment-level check on one translation. Pure and synchronous: the editor runs it on
 * each keystroke, the server on each save. Findings only; the text is never changed.
 */
export function checkSegment(input: SegmentQaInput): Warn[] {
  const sourceLang = primaryLanguage(input.sourceLang);
  const targetLang = primaryLanguage(input.targetLang);
  const source = visibleText(input.sourceCoded);
  const target = visibleText(input.targetCoded);
  if (target.trim() === '') return [...checkCodes(input), ...checkWhitespace(source, target), ...checkHiddenCharacters(source, target)];
  const sourceAddresses = findAddresses(source);
  const targetAddresses = findAddresses(target);
  // Numbers, dates and punctuation are read with the addresses blanked out: a "?" or a digit
  // in a URL is no sentence mark or number.
  const src = sourceAddresses.rest;
  const trg = targetAddresses.rest;
  const warnings: Warn[] = [
    ...checkCodes(input),
    ...checkSameAsSource(input, source, target),
    ...(input.locked ? [] : checkSourceLeft(src, trg, sourceLang, targetLang)),
    ...checkNumbers(src, trg, sourceLang, targetLang),
    ...checkDates(src, trg, sourceLang, targetLang),
    ...checkAddresses(sourceAddresses, targetAddresses),
    ...checkWhitespace(source, target),
    ...checkTerminal(src.trim(), trg.trim(), sourceLang, targetLang),
    ...checkHiddenCharacters(source, target),
    ...checkGlossary(source, target, sourceLang, targetLang, input.glossary ?? []),
  ];
  for (const { code, check } of LANGUAGE_CHECKS[targetLang] ?? []) {
    if (!warnings.some((w) => w.code === code)) warnings.push(...check(src, trg));
  }
  return warnings;
}
