import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TmxImportReport } from '@lockstep/shared/api';
import { CliError, CONNECTION_OPTIONS, CONNECTION_USAGE, parseOptions, UsageError, type CliIo } from './command.js';
import type { Command } from './command.js';
import { clientFor } from './http.js';

export const memoryCommand: Command = {
  name: 'memory',
  summary: 'export the translation memory as TMX, or import a TMX file into it',
  usage: [
    'Usage: npm run lockstep -- memory export [--source <code>] [--target <code>] [--out FILE|-]',
    '       npm run lockstep -- memory import <file.tmx> [--name LABEL]',
    '',
    'export   TMX 1.4b of every stored translation (one language pair with --source/--target;',
    '         both left out: every pair). --out: a file (default memory[.<source>][.<target>].tmx',
    '         in the current directory), or - for standard output.',
    'import   stores every unit of the file (coordinators): each (source, target, language)',
    '         once, suggested to translators labelled with --name (default: the file’s name).',
    '         Prints how many units were imported, duplicates and skipped, and why each skipped',
    '         unit was. A file the server refuses changes nothing; exit code 1.',
    '',
    CONNECTION_USAGE,
  ].join('\n'),
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'export') return exportMemory(rest, io);
    if (sub === 'import') return importMemory(rest, io);
    throw new UsageError(sub ? `unknown subcommand "${sub}" (export or import)` : 'name a subcommand: export or import');
  },
};

async function exportMemory(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...CONNECTION_OPTIONS, source: { type: 'string' }, target: { type: 'string' }, out: { type: 'string' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const query: Record<string, string> = {};
  if (values.source) query.source = values.source;
  if (values.target) query.target = values.target;
  const file = await clientFor(values, io).download('/api/memory/tmx', query);
  if (values.out === '-') {
    io.stdout.write(file.bytes);
    return 0;
  }
  // Our own name, never one the server suggests.
  const name = ['memory', values.source, values.target].filter(Boolean).map((p) => p!.replace(/[^A-Za-z0-9-]/g, '_')).join('.') + '.tmx';
  const target = path.resolve(io.cwd, values.out ?? name);
  await writeFile(target, file.bytes);
  io.stdout.write(`wrote ${target} (${file.bytes.length} bytes)\n`);
  return 0;
}

async function importMemory(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { ...CONNECTION_OPTIONS, name: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('name one TMX file to import');
  const file = path.resolve(io.cwd, positionals[0]);
  const bytes = await readFile(file).catch((e: Error) => {
    throw new CliError(e.message);
  });
  const report = await clientFor(values, io).json<TmxImportReport>('POST', '/api/memory/tmx', {
    query: { name: values.name ?? path.basename(file) },
    body: bytes,
    contentType: 'application/x-tmx+xml',
  });
  for (const u of report.report) if (u.outcome === 'skipped') io.stdout.write(`unit ${u.unit}: skipped: ${u.reason}\n`);
  io.stdout.write(`${report.units} unit(s): ${report.imported} imported, ${report.duplicates} already in the memory, ${report.skipped} skipped\n`);
  return 0;
}
