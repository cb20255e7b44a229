import { plainOfCoded } from './segment/codes.js';

/** Advisory findings on a translation: it is saved anyway, and the editor shows them. */
export interface Warning {
  code: 'unchanged' | 'same_as_source' | 'numbers_differ' | 'surrounding_whitespace';
  message: string;
}

/** Numbers as digits, whatever the script and the thousands separator (1,200 = 1 200 = १२००). */
function numbersIn(plain: string): string[] {
  const ascii = plain
    .replace(/[\u0966-\u096F]/g, (d) => String(d.charCodeAt(0) - 0x966))
    .replace(/(?<=\d)[.,\u00A0\u202F '’](?=\d{3}(?!\d))/g, '');
  return ascii.match(/\d+/g) ?? [];
}

/** Advisory checks: the text is saved anyway, the editor shows them. */
export function warningsFor(text: string, sourcePlain: string): Warning[] {
  const warnings: Warning[] = [];
  const plain = plainOfCoded(text);
  if (plain.toLocaleLowerCase() === sourcePlain.toLocaleLowerCase()) {
    warnings.push({ code: 'same_as_source', message: 'The translation is the same as the source.' });
  }
  const have = numbersIn(plain);
  const missing = numbersIn(sourcePlain).filter((n) => {
    const i = have.indexOf(n);
    if (i < 0) return true;
    have.splice(i, 1);
    return false;
  });
  if (missing.length) {
    warnings.push({ code: 'numbers_differ', message: `The source has ${missing.join(', ')}, which the translation does not.` });
  }
  if (text !== text.trim()) {
    warnings.push({ code: 'surrounding_whitespace', message: 'The translation starts or ends with white space.' });
  }
  return warnings;
}

