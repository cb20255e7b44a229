import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isLanguageCode, LANGUAGE_CODES, segmentMarkdown } from '@lockstep/shared';
import { UsageError, type Command, type Input } from './command.js';

export const segmentCommand: Command = {
  name: 'segment',
  summary: 'print the segments of a Markdown file as JSON',
  usage: [
    'Usage: npm run lockstep -- segment --lang <code> <file.md | ->',
    '',
    `  --lang   the file's language: ${LANGUAGE_CODES.join(' ')}`,
    '  -        read the Markdown from standard input',
  ].join('\n'),
  async run(args, io) {
    let lang: string | undefined;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--lang') lang = args[++i];
      else if (args[i].startsWith('--lang=')) lang = args[i].slice('--lang='.length);
      else if (args[i].startsWith('--')) throw new UsageError(`unknown option ${args[i]}`);
      else files.push(args[i]);
    }
    if (!lang) throw new UsageError('--lang is required');
    if (!isLanguageCode(lang)) throw new UsageError(`unknown language "${lang}"; use one of ${LANGUAGE_CODES.join(', ')}`);
    if (files.length !== 1) throw new UsageError('name exactly one Markdown file (or - for standard input)');
    const markdown = files[0] === '-' ? await readStdin(io.stdin) : await readFile(path.resolve(io.cwd, files[0]), 'utf8');
    const { segments } = segmentMarkdown(markdown, lang);
    const out = segments.map((s) => ({
      index: s.index,
      block: s.blockIndex,
      kind: s.blockKind,
      text: s.text,
      plain: s.plain,
      words: s.words,
      translatable: s.translatable,
      ...(s.lockReason ? { lockReason: s.lockReason } : {}),
      ...(s.hoisted ? { hoisted: s.hoisted } : {}),
    }));
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  },
};

async function readStdin(stdin: Input): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
