import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { readXliff, type ImportReport } from '@lockstep/shared';
import { appWithDocument, bytesOf } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

/*
 * The round trip through a real CAT tool (issue 22): OmegaT 3.6 (Debian `omegat`) in console
 * mode translates our `profile=omegat` XLIFF 1.2 export with translations from a TMX in
 * tm/auto, and the file it writes is imported: the units the TMX translated are applied, the
 * ones it did not come back as the source and stay untranslated (never English "translations").
 * Skips, saying why, where OmegaT is not installed (CI installs it: .ci/run).
 */
const hasOmegat = spawnSync('sh', ['-c', 'command -v omegat'], { encoding: 'utf8' }).status === 0;
if (!hasOmegat) console.warn('xliffOmegat.slow.test.ts SKIPPED: the `omegat` command is not installed (apt-get install omegat)');
const describeWithOmegat = hasOmegat ? describe : describe.skip;

const MARKDOWN = 'The first sentence. The second sentence.\n\nProtests in the United States and Australia.\n\nThe last sentence stays in English.\n';
/** What the translator's memory knows: two sentences, one of them only half translated. */
const MEMORY: [string, string][] = [
  ['The first sentence.', '첫 번째 문장.'],
  ['Protests in the United States and Australia.', '미국 and Australia에서의 시위.'],
];

const PROJECT_FILE = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes><mask>**/.svn/**</mask></source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>EN</source_lang>
    <target_lang>KO</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneKoreanTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`;

const escapeXmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function tmx(pairs: readonly [string, string][]): string {
  const tus = pairs
    .map(([en, ko]) => `<tu><tuv xml:lang="EN"><seg>${escapeXmlText(en)}</seg></tuv><tuv xml:lang="KO"><seg>${escapeXmlText(ko)}</seg></tuv></tu>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="lockstep-test" creationtoolversion="1" segtype="paragraph" o-tmf="lockstep" adminlang="EN" srclang="EN" datatype="plaintext"/>
<body>
${tus}
</body></tmx>
`;
}

let db: TestDb;
let app: Express;
let ko: string;
let dir: string;

beforeAll(async () => {
  if (!hasOmegat) return;
  db = await openTestDb();
  ({ app, ko } = await appWithDocument(db, MARKDOWN));
  dir = mkdtempSync(path.join(os.tmpdir(), 'lockstep-omegat-'));
});
afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describeWithOmegat('OmegaT 3.6 round trip (console mode)', () => {
  test('TMX translations come back applied; untranslated units come back as the source and stay untranslated', async () => {
    const exported = await request(app).get('/api/documents/doc/xliff/ko?version=1.2&profile=omegat').set('Authorization', `Bearer ${ko}`).buffer(true).parse(bytesOf);
    expect(exported.status).toBe(200);
    const project = path.join(dir, 'project');
    for (const sub of ['source', 'target', 'tm/auto', 'glossary', 'dictionary', 'omegat']) mkdirSync(path.join(project, sub), { recursive: true });
    writeFileSync(path.join(project, 'omegat.project'), PROJECT_FILE);
    writeFileSync(path.join(project, 'source', 'doc.ko.xlf'), exported.body as Buffer);
    writeFileSync(path.join(project, 'tm', 'auto', 'memory.tmx'), tmx(MEMORY));

    const run = spawnSync(
      'omegat',
      [project, '--mode=console-translate', `--config-dir=${path.join(dir, 'config')}`, '--disable-project-locking', '--no-team'],
      { encoding: 'utf8', timeout: 150_000, env: { ...process.env, JAVA_TOOL_OPTIONS: '-Djava.awt.headless=true' } },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect([run.status, run.error?.message]).toEqual([0, undefined]);
    const translatedFile = readFileSync(path.join(project, 'target', 'doc.ko.xlf'));
    const units = readXliff(translatedFile).files[0].units;
    const bySource = new Map(units.map((u) => [u.source, u]));
    // What OmegaT wrote: the memory's translations, and the source where it had none (state untouched).
    expect(bySource.get('The first sentence.')?.target).toBe('첫 번째 문장.');
    expect(bySource.get('The second sentence.')).toMatchObject({ target: 'The second sentence.', fileState: 'needs-translation' });

    const res = await request(app).post('/api/documents/doc/xliff/ko?dryRun=true').set('Authorization', `Bearer ${ko}`).set('content-type', 'application/xliff+xml').send(translatedFile);
    expect(res.status).toBe(200);
    const report = res.body as ImportReport;
    const outcome = (source: string) => report.units.find((u) => u.unit === bySource.get(source)!.id)?.outcome;
    expect([outcome('The first sentence.'), outcome('Protests in the United States and Australia.')]).toEqual(['applied', 'applied']);
    expect([outcome('The second sentence.'), outcome('The last sentence stays in English.')]).toEqual(['unchanged', 'unchanged']);
    expect(report.applied).toHaveLength(2);
    expect(report.warnings).toContainEqual({ unit: bySource.get('Protests in the United States and Australia.')!.id, message: expect.stringContaining('"and Australia"') });
    if (report.applied.length !== 2) console.error(output);

    // Applied: two Korean translations, and no English copy counted as one.
    const applied = await request(app).post('/api/documents/doc/xliff/ko').set('Authorization', `Bearer ${ko}`).set('content-type', 'application/xliff+xml').send(translatedFile);
    expect(applied.status).toBe(200);
    const segs: { source: string; translation: { state: string } }[] = (await request(app).get('/api/documents/doc/segments?lang=ko').set('Authorization', `Bearer ${ko}`)).body.segments;
    expect(segs.filter((s) => s.translation.state === 'translated').map((s) => s.source).sort()).toEqual(MEMORY.map(([en]) => en).sort());
  }, 180_000);
});
