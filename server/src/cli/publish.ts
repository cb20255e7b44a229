import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONNECTION_OPTIONS, CONNECTION_USAGE, parseOptions, required, UsageError, type Command, type Input } from './command.js';
import { quoted } from './format.js';
import { clientFor, seg } from './http.js';

interface Change {
  kind: string;
  oldIds: string[];
  newIds: string[];
  oldTexts: string[];
  newTexts: string[];
  handedTo?: string;
}

interface PublishResult {
  revision: number;
  impact: Record<string, number>;
  changes: Change[];
  stale: Record<string, number>;
  /** Absent from servers older than the hand-over rule. */
  suggested?: Record<string, number>;
  retired?: Record<string, number>;
}

const KINDS = ['modified', 'minor', 'split', 'merged', 'moved', 'added', 'removed'];

export const publishCommand: Command = {
  name: 'publish',
  summary: 'show what a new source revision changes; publish it with --apply',
  usage: [
    'Usage: npm run lockstep -- publish --doc <id> [--apply] [--base-revision N] <file.md | ->',
    '',
    '  --doc ID             the document',
    '  --apply              publish; without it, only shows the impact',
    '  --base-revision N    the revision the new text was written against (default: the',
    '                       current one when the command starts); if another revision was',
    '                       published since, nothing is published',
    '  -                    read the Markdown from standard input',
    '',
    'Always shows the impact first: how many segments of each kind changed, every change',
    '(old → new), and per language how many translations will need work, how many of',
    'removed segments are handed to a new segment as a suggestion, and how many are retired.',
    '',
    CONNECTION_USAGE,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      ...CONNECTION_OPTIONS,
      doc: { type: 'string' },
      apply: { type: 'boolean' },
      'base-revision': { type: 'string' },
    });
    const doc = required(values.doc, 'doc');
    if (positionals.length !== 1) throw new UsageError('name exactly one Markdown file (or - for standard input)');
    let base: number | undefined;
    if (values['base-revision'] !== undefined) {
      base = Number(values['base-revision']);
      if (!Number.isInteger(base) || base < 1) throw new UsageError(`--base-revision must be a revision number, not "${values['base-revision']}"`);
    }
    const markdown = positionals[0] === '-' ? await readAll(io.stdin) : await readFile(path.resolve(io.cwd, positionals[0]), 'utf8');
    const client = clientFor(values, io);
    // Pin the revision the impact is computed against, so --apply publishes exactly what was
    // shown: a revision published in between makes the server refuse (409).
    base ??= (await client.json<{ revision: number }>('GET', `/api/documents/${seg(doc)}`)).revision;
    const url = `/api/documents/${seg(doc)}/revisions`;
    const dry = await client.json<PublishResult>('POST', url, { query: { dryRun: 'true' }, json: { markdown, baseRevision: base } });
    io.stdout.write(`${describeImpact(doc, base, dry)}\n`);
    if (!values.apply) {
      io.stdout.write(`\nDry run: nothing was published. Run again with --apply to publish revision ${dry.revision}.\n`);
      return 0;
    }
    const published = await client.json<PublishResult>('POST', url, { json: { markdown, baseRevision: base } });
    io.stdout.write(`\nPublished revision ${published.revision} of ${doc}.\n`);
    return 0;
  },
};

export function describeImpact(doc: string, base: number, r: PublishResult): string {
  const lines = [`${doc}: revision ${base} → ${r.revision}`];
  const counts = KINDS.filter((k) => r.impact[k]).map((k) => `${r.impact[k]} ${k}`);
  lines.push(`Impact: ${counts.length ? counts.join(', ') : 'no segment changes'}${r.impact.unchanged ? `; ${r.impact.unchanged} unchanged` : ''}`);
  if (r.changes.length) {
    lines.push('', 'Changes:');
    for (const c of r.changes) lines.push(...describeChange(c));
  }
  const perLanguage = (label: string, counts: Record<string, number> | undefined) => {
    const all = Object.entries(counts ?? {});
    return all.some(([, n]) => n > 0) ? [`${label}: ${all.map(([lang, n]) => `${lang} ${n}`).join(', ')}`] : [];
  };
  const work = [
    ...perLanguage('Translations that will need work', r.stale),
    ...perLanguage('Translations of removed segments offered as suggestions', r.suggested),
    ...perLanguage('Translations retired with their segment (kept in history and memory)', r.retired),
  ];
  lines.push('', ...(work.length ? work : ['No translation will need work.']));
  return lines.join('\n');
}

function describeChange(c: Change): string[] {
  // A dry run has no ids for segments it would create: the server names them new:<index>.
  const id = (x: string) => (x.startsWith('new:') ? 'new' : x);
  const olds = c.oldIds.map((x, i) => `${id(x)} ${quoted(c.oldTexts[i] ?? '')}`);
  const sameIds = c.oldIds.join() === c.newIds.join();
  const news = c.newIds.map((x, i) => (sameIds ? quoted(c.newTexts[i] ?? '') : `${id(x)} ${quoted(c.newTexts[i] ?? '')}`));
  const head = `  ${c.kind.padEnd(9)}`;
  if (c.kind === 'added') return news.map((n) => `${head}+ ${n}`);
  if (c.kind === 'removed') return olds.map((o) => `${head}- ${o}${c.handedTo ? ' (its translations become the suggestion of the new segment)' : ''}`);
  if (c.kind === 'moved' && c.oldTexts.join() === c.newTexts.join()) return olds.map((o) => `${head}${o}`);
  return [`${head}${olds.join(' + ')}`, `  ${' '.repeat(9)}→ ${news.join(' + ')}`];
}

async function readAll(stdin: Input): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
