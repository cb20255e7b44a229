import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command reads and writes: the process's streams, or a test's capture. */
export interface Output {
  write(text: string | Uint8Array): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Input extends AsyncIterable<Buffer | string> {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  setEncoding?(encoding: BufferEncoding): unknown;
  on?(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  removeListener?(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume?(): unknown;
  pause?(): unknown;
}

export interface CliIo {
  stdout: Output;
  stderr: Output;
  stdin: Input;
  env: NodeJS.ProcessEnv;
  /** Relative paths are resolved against this. */
  cwd: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: invocationDir(process.env) };
}

/**
 * Where the user ran the command. `npm run lockstep` starts it in the repository root and
 * leaves the user's directory in INIT_CWD; relative paths (and `export` without --out) mean
 * the user's directory (issue #22).
 */
export function invocationDir(env: NodeJS.ProcessEnv): string {
  return env.npm_lifecycle_event === 'lockstep' && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Wrong or missing arguments: the message and the command's usage, exit code 2. */
export class UsageError extends Error {}

/** A failure the user can understand from its message alone: printed as is, exit code 1. */
export class CliError extends Error {}

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** What `parseOptions` returns: each option's value (absent when not given) and the rest. */
export interface ParsedOptions<O extends OptionSpecs> {
  values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  positionals: string[];
}

/** Options every command that talks to a server accepts (also before the command name). */
export const CONNECTION_OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
} as const satisfies OptionSpecs;

export const CONNECTION_USAGE = [
  'Connection:',
  '  --server URL   the Lockstep server (default: $LOCKSTEP_URL, else http://localhost:3000)',
  '  --token T      an API token (default: $LOCKSTEP_TOKEN; get one with the login command)',
].join('\n');

/**
 * Parses a command's options strictly (an unknown option or a missing value is a usage
 * error, not something silently ignored); `--name=value` works as well as `--name value`.
 */
export function parseOptions<O extends OptionSpecs>(args: string[], options: O): ParsedOptions<O> {
  try {
    const { values, positionals } = parseArgs({ args: attachDashedValues(args, options), options, allowPositionals: true, strict: true });
    return { values: values as ParsedOptions<O>['values'], positionals };
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/\. To specify a positional argument.*$/s, '') : String(err);
    throw new UsageError(message);
  }
}

/**
 * `--token -Xy…` → `--token=-Xy…`. node's parseArgs refuses a value that begins with a dash
 * ("ambiguous"), but API tokens are base64url and one in 32 begins with one. A value-taking
 * option followed by anything other than one of this command's own option names takes it
 * as its value; `--token --doc x` stays a missing value.
 */
function attachDashedValues(args: string[], options: OptionSpecs): string[] {
  const isOptionName = (arg: string) => arg.startsWith('--') && Object.hasOwn(options, arg.slice(2).split('=')[0]);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return out.concat(args.slice(i));
    const next = args[i + 1];
    const takesValue = arg.startsWith('--') && options[arg.slice(2)]?.type === 'string';
    if (takesValue && next !== undefined && next.startsWith('-') && next !== '--' && !isOptionName(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** A required option, or a usage error naming it. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** One of the allowed values, or a usage error listing them. */
export function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be ${allowed.join(' or ')}, not "${value}"`);
  return value as T;
}
