import { backupCommand, restoreCommand } from './backup.js';
import { checkCommand } from './check.js';
import { processIo, UsageError, type CliIo, type Command } from './command.js';
import { exportCommand } from './export.js';
import { siteCommand } from './site.js';
import { importCommand } from './import.js';
import { loginCommand } from './login.js';
import { memoryCommand } from './memory.js';
import { publishCommand } from './publish.js';
import { segmentCommand } from './segment.js';
import { statusCommand } from './status.js';

export const COMMANDS: Command[] = [loginCommand, statusCommand, exportCommand, siteCommand, importCommand, publishCommand, checkCommand, backupCommand, restoreCommand, segmentCommand, memoryCommand];

function help(): string {
  return [
    'Usage: npm run lockstep -- <command> [options]   (or: npx lockstep <command>)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'Commands that talk to a server take --server URL (default $LOCKSTEP_URL or http://localhost:3000)',
    'and --token T (default $LOCKSTEP_TOKEN).',
    'Run `npm run lockstep -- <command> --help` for a command’s options.',
  ].join('\n');
}

const GLOBAL = /^--(server|token)(=|$)/;

/**
 * `--server`/`--token` may come before the command name too (`lockstep --server URL status`):
 * they are moved behind it, where each command parses them with its own options.
 */
function splitGlobals(argv: string[]): { name: string | undefined; rest: string[] } {
  const globals: string[] = [];
  let i = 0;
  while (i < argv.length && GLOBAL.test(argv[i])) {
    globals.push(argv[i]);
    if (!argv[i].includes('=') && i + 1 < argv.length) globals.push(argv[++i]);
    i++;
  }
  return { name: argv[i], rest: [...argv.slice(i + 1), ...globals] };
}

/** Runs one command line; the exit code is the result (0 done, 1 failed, 2 wrong usage). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const { name, rest } = splitGlobals(argv);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr).write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`lockstep: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`lockstep ${name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    io.stderr.write(`lockstep ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
