import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The client renders every text from users (translations, names, history, diffs, conflicts)
 * as React text nodes. Any way of handing a string to the HTML parser would undo that, so
 * none may appear in client/src: not in code, not in comments (a comment is where the next
 * use starts).
 */
const CLIENT_SRC = fileURLToPath(new URL('../../../client/src', import.meta.url));
const FORBIDDEN = [/dangerouslySetInnerHTML/, /\binnerHTML\b/, /\bouterHTML\b/, /\binsertAdjacentHTML\b/, /\bdocument\.write(ln)?\b/, /\bcreateContextualFragment\b/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(tsx?|jsx?|mjs|html)$/.test(entry.name) ? [full] : [];
  });
}

describe('the client never parses strings as HTML', () => {
  const files = sourceFiles(CLIENT_SRC);

  test('finds the client sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  test('no innerHTML, dangerouslySetInnerHTML or other HTML sinks in client/src', () => {
    const hits = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (FORBIDDEN.some((re) => re.test(line)) ? [`${path.relative(CLIENT_SRC, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });
});
