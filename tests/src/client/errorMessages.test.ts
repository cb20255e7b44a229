import { describe, expect, test } from '@jest/globals';
import { XLIFF_ERROR_CODES } from '@lockstep/shared';
import i18next, { type TFunction } from 'i18next';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientModule } from './clientModule.js';

/**
 * Every error code the server can send has a message in every UI language (issue 20 item 5):
 * the codes are read from the server's and the shared core's sources, where they are raised, so
 * a new code without messages fails here rather than showing English in the Korean UI.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LANGS = ['en', 'es', 'ko', 'pt', 'el', 'hi', 'fr', 'tl', 'ru'] as const;

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    // The command line prints the codes it receives; it raises none of its own for the UI.
    .filter((file) => !file.includes(`${path.sep}cli${path.sep}`))
    .map((file) => ({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') }));
}
const SERVER_SOURCES = [...sources('server/src'), ...sources('shared/src')];

/** Where an error's code is its first string argument. */
const RAISERS = String.raw`(?:new\s+LockstepError\(\s*'[a-z_]+'\s*,|new\s+XliffError\(|\b(?:invalid|unprocessable|notFound|forbidden|conflict|errorBody)\()\s*`;
/** A code written where it is raised: `unprocessable('wrong_state', …)`, body-parser's `[413, 'body_too_large', …]`, `mediaTypeCode: 'xliff_required'`. */
const LITERAL_CODES = [new RegExp(`${RAISERS}'([a-z_0-9]+)'`, 'g'), /\[\s*\d{3},\s*'([a-z_0-9]+)'/g, /\bmediaTypeCode:\s*'([a-z_0-9]+)'/g];

/**
 * Raising sites whose code is not a literal, each with where its codes come from. A new one fails
 * the test: either write the code as a literal or add the site here with its source of codes.
 */
const PASS_THROUGH: Record<string, string> = {
  'shared/src/errors.ts': 'the helpers themselves (invalid, unprocessable, …)',
  'shared/src/xliff/read.ts': 'XliffError codes: XLIFF_ERROR_CODES',
  'shared/src/tmx/tmx.ts': 'XliffError codes: XLIFF_ERROR_CODES (the TMX reader shares the XLIFF byte and structure rules)',
  'server/src/parsing/pool.ts': 'a LockstepError from a parse thread, raised there with a literal code',
  'server/src/http/errors.ts': "a LockstepError's own code; body-parser's table",
  'server/src/routes/translations.ts': 'the version_conflict error, answered with the current translation',
  'server/src/http/upload.ts': "the route's mediaTypeCode, a literal in its options",
};

function literalCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const { file, text } of SERVER_SOURCES) {
    for (const re of LITERAL_CODES) {
      for (const m of text.matchAll(re)) found.set(m[1], [...(found.get(m[1]) ?? []), file]);
    }
  }
  return found;
}

const codes = literalCodes();
for (const code of XLIFF_ERROR_CODES) codes.set(code, [...(codes.get(code) ?? []), 'shared/src/xliff/errors.ts']);
// The client's own codes for failures that never reach the server (client/src/api.ts).
for (const code of ['network', 'bad_response']) codes.set(code, ['client/src/api.ts']);
const ALL_CODES = [...codes.keys()].sort();

type Tree = { [key: string]: string | Tree };
const locale = (lang: string) => JSON.parse(readFileSync(path.join(ROOT, `client/src/locales/${lang}.json`), 'utf8')) as Tree;

describe('the server’s error codes', () => {
  test('are found where they are raised (the scan sees the known ones)', () => {
    expect(ALL_CODES.length).toBeGreaterThan(90);
    expect(ALL_CODES).toEqual(
      expect.arrayContaining(['version_conflict', 'wrong_password', 'markdown_too_deep', 'body_too_large', 'xliff_required', 'doctype', 'structure', 'not_allowed']),
    );
  });

  test('every raising site with a computed code is a known pass-through', () => {
    const dynamic = new RegExp(`${RAISERS}(?!['\`])\\S`);
    const sites = SERVER_SOURCES.filter(({ text }) => dynamic.test(text.replace(/^\s*(?:\/\/|\*).*$/gm, ''))).map(({ file }) => file);
    expect(sites.filter((file) => !(file in PASS_THROUGH))).toEqual([]);
  });

  test.each(LANGS)('%s.json has a message for each', (lang) => {
    const errors = locale(lang).errors as Record<string, unknown>;
    const missing = ALL_CODES.filter((code) => typeof errors[code] !== 'string' || !(errors[code] as string).trim());
    expect(missing.map((code) => `${code} (raised in ${codes.get(code)![0]})`)).toEqual([]);
  });
});

interface ApiError extends Error {
  readonly code: string;
}
const { ApiError } = await clientModule<{ ApiError: new (status: number, code: string, message: string, details?: unknown) => ApiError }>('api.ts');
const { errorText } = await clientModule<{ errorText(t: TFunction, error: ApiError): string }>('errorText.ts');

async function translator(lang: string): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: lang,
    fallbackLng: 'en',
    resources: Object.fromEntries(LANGS.map((l) => [l, { translation: locale(l) }])),
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

describe('errorText: the message in the reader’s language with the server’s details', () => {
  test('Korean: an XLIFF error with its line and column, not the server’s English', async () => {
    const t = await translator('ko');
    const text = errorText(t, new ApiError(422, 'structure', '<unit> needs <segment>. (line 12, column 3)', { line: 12, column: 3 }));
    expect(text).toBe('파일의 XLIFF 구조가 올바르지 않습니다. 요소가 빠졌거나 잘못된 위치에 있습니다. (12행 3열)');
  });

  test('the limits and current versions the server sends are filled in', async () => {
    const ru = await translator('ru');
    expect(errorText(ru, new ApiError(413, 'text_too_long', 'x', { limit: 5000, length: 5012 }))).toBe('Текст слишком длинный: не более 5000 символов, а в этом 5012.');
    const hi = await translator('hi');
    expect(errorText(hi, new ApiError(409, 'version_conflict', 'x', { current: { version: 7 } }))).toContain('संस्करण 7 पर');
    const fr = await translator('fr');
    expect(errorText(fr, new ApiError(429, 'too_many_attempts', 'x', { retryAfterSeconds: 900 }))).toContain('Attendez 15 min');
  });

  test('a message that names the line itself gets no second place', async () => {
    const es = await translator('es');
    expect(errorText(es, new ApiError(422, 'markdown_too_deep', 'x', { line: 4 }))).toBe('La línea 4 anida citas, listas o sangrías demasiado.');
  });

  test('a detail named like an i18next option does not change the lookup', async () => {
    const ko = await translator('ko');
    expect(errorText(ko, new ApiError(404, 'not_allowed', 'x', { lng: 'en', defaultValue: 'oops' }))).toBe('이 계정으로는 이 작업을 할 수 없습니다.');
  });

  test('an unknown code shows the server’s own message', async () => {
    const ko = await translator('ko');
    expect(errorText(ko, new ApiError(418, 'brand_new_code', 'The server’s words.', { line: 2 }))).toBe('The server’s words.');
  });

  test.each(LANGS)('%s: every message renders with no placeholder left', async (lang) => {
    const t = await translator(lang);
    const details = { limit: 1, length: 2, minLength: 8, limitMb: 5, memoryMb: 64, index: 3, line: 4, column: 5, currentRevision: 6, current: { version: 7 }, retryAfterSeconds: 60, exportedFrom: { documentId: 'd', lang: 'ko' } };
    const left = ALL_CODES.filter((code) => /\{\{|\}\}/.test(errorText(t, new ApiError(400, code, 'x', details))));
    expect(left).toEqual([]);
  });
});
