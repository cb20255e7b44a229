import path from 'node:path';
import { CONNECTION_OPTIONS, CONNECTION_USAGE, oneOf, parseOptions, required, UsageError, type Command } from './command.js';
import { writeZipEntries } from './export.js';
import { clientFor, seg } from './http.js';

export const siteCommand: Command = {
  name: 'site',
  summary: 'download the publishable set: the source and every language with a language menu',
  usage: [
    'Usage: npm run lockstep -- site --doc <id> --out <dir> [--format md|html]',
    '',
    '  --doc ID               the document',
    '  --out DIR              where the files go (created if needed): <doc>.<lang>.md or .html',
    '  --format md|html       Markdown (default) or HTML pages',
    '',
    'Each file has a language menu by autonym; only languages complete against the current',
    'revision are linked, the others are listed with their percentage.',
    '',
    CONNECTION_USAGE,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      ...CONNECTION_OPTIONS,
      doc: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const doc = required(values.doc, 'doc');
    const out = required(values.out, 'out');
    const format = oneOf(values.format, 'format', ['md', 'html'], 'md');
    const zip = await clientFor(values, io).download(`/api/documents/${seg(doc)}/site`, { format });
    // Our own names where the zip's are not plain `<name>.<format>` (as in `export`, issue #18).
    await writeZipEntries(zip.bytes, path.resolve(io.cwd, out), doc, format, io);
    return 0;
  },
};
