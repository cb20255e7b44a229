import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { readXliff, type ImportReport } from '@lockstep/shared';
import { appWithDocument, bytesOf } from '../support/app.js';
import { hashAllTables, openTestDb, type TestDb } from '../support/testDb.js';

/*
 * Real CAT tools (issue 22): OmegaT shows nothing for a unit without a target and never
 * updates `state`. The `omegat` export profile pre-fills untranslated targets with the source
 * marked needs-translation; on import such an untouched copy is never a translation, a changed
 * target is applied although its state still says needs-translation, and a half-translated
 * target is applied with a source_text_left warning.
 */
let db: TestDb;
let app: Express;
let ko: string;
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const MARKDOWN = 'The first sentence. The second one.\n\nProtests in the United States and Australia.\n\nA fourth with [a link](https://example.org).\n';

beforeAll(async () => {
  db = await openTestDb();
  ({ app, ko } = await appWithDocument(db, MARKDOWN));
});
afterAll(async () => {
  await db?.close();
});

async function exported(query: string): Promise<string> {
  const res = await request(app).get(`/api/documents/doc/xliff/ko?${query}`).set(auth(ko)).buffer(true).parse(bytesOf);
  expect(res.status).toBe(200);
  return (res.body as Buffer).toString('utf8');
}

const importFile = (xml: string, dryRun: boolean) =>
  request(app).post(`/api/documents/doc/xliff/ko${dryRun ? '?dryRun=true' : ''}`).set(auth(ko)).set('content-type', 'application/xliff+xml').send(Buffer.from(xml));

/** What a translator does in OmegaT: overwrite one unit's pre-filled target, state left alone. */
function overwrite(xml: string, id: string, target: string): string {
  const start = xml.indexOf(`<trans-unit id="${id}"`);
  const end = xml.indexOf('</trans-unit>', start);
  const unit = xml.slice(start, end).replace(/<target state="needs-translation">[\s\S]*?<\/target>/, `<target state="needs-translation">${target}</target>`);
  return xml.slice(0, start) + unit + xml.slice(end);
}

describe('export profile=omegat', () => {
  test('every untranslated unit has its source as the target, marked needs-translation; generic has none', async () => {
    const omegat = readXliff(await exported('version=1.2&profile=omegat')).files[0].units;
    expect(omegat.length).toBe(4);
    for (const u of omegat) expect([u.id, u.target, u.fileState]).toEqual([u.id, u.source, 'needs-translation']);
    const generic = readXliff(await exported('version=1.2')).files[0].units;
    expect(generic.every((u) => u.target === null)).toBe(true);
    // 2.0 too: the target in a segment still `initial`.
    const v20 = readXliff(await exported('version=2.0&profile=omegat')).files[0].units;
    expect(v20.map((u) => [u.target === u.source, u.fileState])).toEqual(Array(4).fill([true, 'initial']));
  });

  test('an unknown profile is a 400 naming the choices', async () => {
    const res = await request(app).get('/api/documents/doc/xliff/ko?profile=trados').set(auth(ko));
    expect(res.status).toBe(400);
  });
});

describe('importing what OmegaT sends back', () => {
  test('untouched copies are unchanged with warnings, a changed target applies in spite of its state, a half translation warns', async () => {
    let xml = await exported('version=1.2&profile=omegat');
    const units = readXliff(xml).files[0].units;
    const [first, , protests] = units;
    xml = overwrite(xml, first.id, '첫 번째 문장.');
    xml = overwrite(xml, protests.id, '미국 and Australia에서의 시위.');

    const before = await hashAllTables(db);
    const dry = await importFile(xml, true);
    expect(dry.status).toBe(200);
    const report = dry.body as ImportReport;
    expect(report.applied.sort()).toEqual([first.id, protests.id].sort());
    expect(report.unchanged.sort()).toEqual(units.filter((u) => u !== first && u !== protests).map((u) => u.id).sort());
    const copies = report.units.filter((u) => u.outcome === 'unchanged');
    expect(copies.every((u) => /copy of the source.*"needs-translation".*not taken as a translation/.test(u.reason ?? ''))).toBe(true);
    for (const u of copies) expect(report.warnings).toContainEqual({ unit: u.unit, message: u.reason });
    expect(report.warnings).toContainEqual({ unit: protests.id, message: 'The translation still has text of the source: "and Australia".' });
    expect(report.warnings.filter((w) => w.unit === first.id)).toEqual([]);
    expect(await hashAllTables(db)).toBe(before);

    const applied = await importFile(xml, false);
    expect(applied.status).toBe(200);
    const segs: { id: string; translation: { state: string; text: string } }[] = (await request(app).get('/api/documents/doc/segments?lang=ko').set(auth(ko))).body.segments;
    // Two translations, not six: no English copy became a "finished" Korean translation.
    expect(segs.filter((s) => s.translation.state === 'translated').map((s) => s.id).sort()).toEqual([first.id, protests.id].sort());
    expect(segs.find((s) => s.id === first.id)!.translation.text).toBe('첫 번째 문장.');
  });
});
