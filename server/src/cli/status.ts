import { completeFraction, PROGRESS_STATES } from '@lockstep/shared';
import { CONNECTION_OPTIONS, CONNECTION_USAGE, parseOptions, UsageError, type Command } from './command.js';
import { percent, shortTime, table } from './format.js';
import { clientFor, seg } from './http.js';

type Counts = Record<(typeof PROGRESS_STATES)[number] | 'total', number>;

interface LanguageProgress {
  segments: Counts;
  words: Counts;
  complete: number;
  completeAgainstRevision: number | null;
  lastActivity: string | null;
}

interface DocumentProgress {
  id: string;
  title: string;
  revision: number;
  languages: Record<string, LanguageProgress>;
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'completion per language of a document, or of every document',
  usage: [
    'Usage: npm run lockstep -- status [--doc <id>]',
    '',
    '  --doc ID   one document: segments / source words per state and language, complete %',
    '             (locked lines are shown but are not work: neither done nor to do),',
    '             the revision each language was last complete against, last activity.',
    '             Without --doc: every document with its completion per language.',
    '',
    CONNECTION_USAGE,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { ...CONNECTION_OPTIONS, doc: { type: 'string' } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const client = clientFor(values, io);
    if (values.doc === undefined) {
      const { documents } = await client.json<{ documents: DocumentProgress[] }>('GET', '/api/progress');
      io.stdout.write(`${documentList(documents)}\n`);
      return 0;
    }
    const doc = await client.json<{ id: string; title: string; sourceLang: string; revision: number }>('GET', `/api/documents/${seg(values.doc)}`);
    const progress = await client.json<{ revision: number; languages: Record<string, LanguageProgress> }>(
      'GET',
      `/api/documents/${seg(values.doc)}/progress`,
    );
    io.stdout.write(`${doc.id} — ${doc.title}\nrevision ${progress.revision}, source ${doc.sourceLang}; each cell: segments / source words\n\n`);
    io.stdout.write(`${languageTable(progress.languages)}\n`);
    return 0;
  },
};

export function languageTable(languages: Record<string, LanguageProgress>): string {
  const header = ['lang', ...PROGRESS_STATES, 'total', 'complete', 'complete at', 'last activity'];
  const rows = Object.entries(languages).map(([lang, p]) => [
    lang,
    ...[...PROGRESS_STATES, 'total' as const].map((s) => `${p.segments[s]} / ${p.words[s]}`),
    // The server's share by segments; by words it is the same rule over the word counts.
    `${percent(p.complete)} / ${percent(completeFraction(p.words))}`,
    p.completeAgainstRevision === null ? '—' : `rev ${p.completeAgainstRevision}`,
    shortTime(p.lastActivity),
  ]);
  return table(header, rows, new Set([1, 2, 3, 4, 5, 6, 7]));
}

export function documentList(documents: DocumentProgress[]): string {
  if (documents.length === 0) return 'No documents yet.';
  const rows = documents.map((d) => {
    const langs = Object.entries(d.languages);
    const complete = langs.filter(([, p]) => p.complete === 1).length;
    return [
      d.id,
      String(d.revision),
      d.title,
      `${complete}/${langs.length}`,
      langs.map(([lang, p]) => `${lang} ${Math.floor(p.complete * 100)}%`).join('  '),
    ];
  });
  return table(['document', 'rev', 'title', 'complete', 'per language'], rows, new Set([1, 3]));
}
