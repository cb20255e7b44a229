import { CliError, CONNECTION_OPTIONS, parseOptions, required, UsageError, type CliIo, type Command, type Input } from './command.js';
import { clientFor, DEFAULT_SERVER } from './http.js';

export const loginCommand: Command = {
  name: 'login',
  summary: 'sign in and print a token (for LOCKSTEP_TOKEN)',
  usage: [
    'Usage: npm run lockstep -- login --email <e-mail> [--server URL]',
    '',
    'Signs in and prints the token on standard output, so that',
    '  export LOCKSTEP_TOKEN=$(npm run -s lockstep -- login --email you@example.org)',
    'signs the other commands in. The password comes from $LOCKSTEP_PASSWORD, else from',
    'standard input (asked for without echo on a terminal). The token lasts as long as a',
    'browser session (14 days) or until signed out.',
    '',
    `  --server URL   the Lockstep server (default: $LOCKSTEP_URL, else ${DEFAULT_SERVER})`,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { ...CONNECTION_OPTIONS, email: { type: 'string' } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const email = required(values.email, 'email');
    const client = clientFor(values, io);
    const password = io.env.LOCKSTEP_PASSWORD ?? (await readPassword(io));
    if (!password) throw new CliError('no password given');
    const session = await client.json<{ token: string; user: { name: string; role: string } }>('POST', '/api/session', {
      json: { email, password },
      anonymous: true,
    });
    io.stdout.write(`${session.token}\n`);
    io.stderr.write(`Signed in to ${client.server} as ${session.user.name} (${session.user.role}).\n`);
    return 0;
  },
};

async function readPassword(io: CliIo): Promise<string> {
  const stdin = io.stdin;
  if (stdin.isTTY && stdin.setRawMode && stdin.on && stdin.removeListener) {
    io.stderr.write('Password: ');
    return readWithoutEcho(stdin, io);
  }
  // Piped: the first line is the password (a trailing newline is not part of it).
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/** Reads a line from a terminal in raw mode, so nothing typed is shown. */
function readWithoutEcho(stdin: Input, io: CliIo): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (err?: Error): void => {
      stdin.removeListener!('data', onData);
      stdin.setRawMode!(false);
      stdin.pause?.();
      io.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new CliError('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    stdin.setRawMode!(true);
    stdin.setEncoding?.('utf8');
    stdin.on!('data', onData);
    stdin.resume?.();
  });
}
