import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Express } from 'express';
import { unzipSync, strFromU8 } from 'fflate';
import { fromHtml } from 'hast-util-from-html';
import request from 'supertest';
import { LANGUAGES, parseMarkdown, type LanguageCode } from '@lockstep/shared';
import { demoTokenFor, getBytes, seedDemo, testApp } from '../support/app.js';
import { openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
let app: Express;
let token: string;

beforeAll(async () => {
  db = await openTestDb();
  app = testApp(db).app;
  await seedDemo(db);
  token = await demoTokenFor(app, 'ko');
});
afterAll(async () => {
  await db?.close();
});

const get = (url: string) => getBytes(app, url, token);

/** The languages complete against the current revision, by the progress API. */
async function completeLanguages(): Promise<Set<string>> {
  const res = await request(app).get('/api/documents/statement/progress').set('Authorization', `Bearer ${token}`);
  const langs = res.body.languages as Record<string, { complete: number; completeAgainstRevision: number | null }>;
  return new Set(['en', ...Object.entries(langs).filter(([, p]) => p.complete === 1 && p.completeAgainstRevision === res.body.revision).map(([l]) => l)]);
}

function mdLinks(markdown: string): string[] {
  const out: string[] = [];
  const walk = (node: { type: string; url?: string; children?: unknown[] }) => {
    if (node.type === 'link' && node.url) out.push(node.url);
    for (const c of node.children ?? []) walk(c as typeof node);
  };
  walk(parseMarkdown(markdown) as never);
  return out;
}

describe('GET /api/documents/:doc/site', () => {
  test('Markdown: the source and eight languages, each menu linking exactly the complete ones', async () => {
    const complete = await completeLanguages();
    expect(complete.size).toBeGreaterThan(1);
    expect(complete.size).toBeLessThan(9);
    const res = await get('/api/documents/statement/site?format=md');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const names = Object.keys(files).sort();
    expect(names).toEqual(Object.keys(LANGUAGES).map((l) => `statement.${l}.md`).sort());
    for (const [name, bytes] of Object.entries(files)) {
      const lang = name.split('.')[1] as LanguageCode;
      const markdown = strFromU8(bytes);
      const linked = mdLinks(markdown).filter((u) => /^statement\.[a-z]{2}\.md$/.test(u));
      const expected = [...complete].filter((l) => l !== lang).map((l) => `statement.${l}.md`);
      expect(new Set(linked)).toEqual(new Set(expected));
      for (const l of Object.keys(LANGUAGES) as LanguageCode[]) {
        if (l === lang) expect(markdown).toContain(`**${LANGUAGES[l].autonym}**`);
        else if (!complete.has(l)) expect(markdown).toMatch(new RegExp(`${LANGUAGES[l].autonym} \\(\\d{1,2} %\\)`));
      }
      // The placeholder menu of the statement is gone, replaced in place.
      expect(markdown).not.toContain('[Español](#)');
    }
    expect(strFromU8(files['statement.ko.md'])).toContain('러시아');
  });

  test('HTML: every page parses without an error, carries lang and dir, links only complete languages', async () => {
    const complete = await completeLanguages();
    const res = await get('/api/documents/statement/site?format=html');
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    expect(Object.keys(files)).toHaveLength(9);
    for (const [name, bytes] of Object.entries(files)) {
      const lang = name.split('.')[1];
      const html = strFromU8(bytes);
      const errors: string[] = [];
      fromHtml(html, {
        onerror: (e) => {
          errors.push(e.message);
        },
      });
      expect([name, errors]).toEqual([name, []]);
      expect(html).toContain(`<html lang="${lang}" dir="ltr">`);
      const nav = /<nav class="languages"[^]*?<\/nav>/.exec(html)![0];
      const linked = [...nav.matchAll(/href="statement\.([a-z]{2})\.html"/g)].map((m) => m[1]);
      expect(new Set(linked)).toEqual(new Set([...complete].filter((l) => l !== lang)));
      expect(nav).toContain('aria-current="page"');
    }
  });

  test('an unknown format is refused', async () => {
    const res = await request(app).get('/api/documents/statement/site?format=pdf').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(400);
  });
});
