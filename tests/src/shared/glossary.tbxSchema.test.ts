import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TBX_TAIL, tbxEntry, tbxHead, type GlossaryRecord } from '@lockstep/shared';

/**
 * The TBX export against the TBX (martif, ISO 30042:2008) XML Schema that ships inside
 * Debian's `omegat` package (OmegaT.jar: schemas/tbx.xsd and xml.xsd). The schema is not in
 * the repository; it is read from the installed jar (or LOCKSTEP_OMEGAT_JAR, e.g. from
 * `apt-get download omegat && dpkg -x`) and checked with xmllint. Without them the test is
 * skipped and says why.
 */
const JAR = process.env.LOCKSTEP_OMEGAT_JAR ?? '/usr/share/omegat/OmegaT.jar';

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = !existsSync(JAR)
  ? `no OmegaT jar at ${JAR} (apt-get install omegat, or set LOCKSTEP_OMEGAT_JAR)`
  : !has('unzip') || !has('xmllint')
    ? 'unzip or xmllint (libxml2-utils) is not installed'
    : undefined;
if (missing) console.log(`TBX schema validation skipped: ${missing}`);

const RECORDS: GlossaryRecord[] = [
  { sourceLang: 'en', term: 'Special Military Operation', note: 'noun', doNotTranslate: false, caseSensitive: false, translations: { ko: ['특별 군사 작전'], ru: ['специальная военная операция', 'СВО'], hi: ['विशेष सैन्य अभियान'], el: ['Ειδική Στρατιωτική Επιχείρηση'] } },
  { sourceLang: 'en', term: 'NATO', note: '', doNotTranslate: true, caseSensitive: true, translations: {} },
  { sourceLang: 'en', term: 'A & B <c> "d"', note: 'line one\nline two', doNotTranslate: false, caseSensitive: false, translations: { fr: ['l’OTAN'] } },
];

describe('TBX export and its XML Schema', () => {
  (missing ? test.skip : test)('an export validates against OmegaT’s tbx.xsd', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockstep-tbx-'));
    try {
      execFileSync('unzip', ['-o', '-q', JAR, 'schemas/tbx.xsd', 'schemas/xml.xsd', '-d', dir]);
      const file = path.join(dir, 'glossary.tbx');
      writeFileSync(file, tbxHead('en') + RECORDS.map((r, i) => tbxEntry(r, `t${i + 1}`)).join('') + TBX_TAIL);
      const out = execFileSync('xmllint', ['--noout', '--schema', path.join(dir, 'schemas', 'tbx.xsd'), file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toBe('');
      // A file the schema refuses is refused, so the check can fail.
      writeFileSync(file, tbxHead('en') + '<termEntry><bogus/></termEntry>' + TBX_TAIL);
      expect(() => execFileSync('xmllint', ['--noout', '--schema', path.join(dir, 'schemas', 'tbx.xsd'), file], { stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
