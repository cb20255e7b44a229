import { checkConsistency, type ConsistencyReport } from '../services/consistency.js';
import { CliError, CONNECTION_OPTIONS, CONNECTION_USAGE, parseOptions, UsageError, type CliIo, type Command } from './command.js';
import { clientFor } from './http.js';
import { describeTarget, localTarget, openExistingDb, redact } from './localDb.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'verify translations, versions, history and progress counters',
  usage: [
    'Usage: npm run lockstep -- check [--server URL] [--json]',
    '',
    'Verifies that every translation equals its latest history event, that versions grow',
    'in history, that no row points at nothing, and that the progress counters equal a',
    'recount. Exit code 0 when consistent, 1 with the list of problems otherwise.',
    '',
    'With --server (or $LOCKSTEP_URL) it asks that server (GET /api/admin/check; needs an admin',
    'token). Without either it opens the database itself: $DATABASE_URL, else the embedded one in',
    '$LOCKSTEP_DATA_DIR (default ./data), which only works while no server uses it.',
    'The answer names what was checked.',
    '',
    '  --json   print the report as JSON',
    '',
    CONNECTION_USAGE,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { ...CONNECTION_OPTIONS, json: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    // Like every command that talks to a server, LOCKSTEP_URL stands for --server: a user who
    // set it means that server, not the ./data beside them.
    const { report, checked } =
      values.server !== undefined || io.env.LOCKSTEP_URL
        ? await checkThroughServer(values, io)
        : await checkLocally(io);
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${describeReport(report, checked)}\n`);
    return report.ok ? 0 : 1;
  },
};

interface CheckOutcome {
  report: ConsistencyReport;
  /** What was checked, for the answer: a server's address or a database. */
  checked: string;
}

async function checkThroughServer(values: Parameters<typeof clientFor>[0], io: CliIo): Promise<CheckOutcome> {
  const client = clientFor(values, io);
  return { report: await client.json<ConsistencyReport>('GET', '/api/admin/check'), checked: `the server at ${client.server}` };
}

async function checkLocally(io: CliIo): Promise<CheckOutcome> {
  const target = localTarget(io);
  const db = await openExistingDb(io, 'check', target);
  try {
    return { report: await checkConsistency(db), checked: describeTarget(target) };
  } catch (err) {
    throw new CliError(databaseProblem(err, target.databaseUrl));
  } finally {
    await db.close();
  }
}

function databaseProblem(err: unknown, url: string | undefined): string {
  const code = (err as { code?: unknown }).code;
  if (code === '42P01' || code === '42703') {
    return 'the database has no Lockstep schema, or an older one: start the server once to migrate it';
  }
  if (url && typeof code === 'string' && /^(ECONN|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|28)/.test(code)) {
    return `cannot use the database at ${redact(url)} (${code}): ${(err as Error).message}`;
  }
  return (err as Error).message ?? String(err);
}

export function describeReport(r: ConsistencyReport, where: string): string {
  const c = r.counts;
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
  const checked = [
    n(c.documents, 'document'),
    n(c.segments, 'segment'),
    n(c.translations, 'translation'),
    n(c.events, 'history event'),
    n(c.progressRows, 'progress row'),
  ].join(', ');
  if (r.ok) return `Consistent: checked ${where}: ${checked}.`;
  const lines = [`${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} found in ${where} (checked ${checked}):`];
  for (const p of r.problems) lines.push(`  [${p.kind}] ${p.message}`);
  if (r.truncated) lines.push('  … more of the same kind were not listed.');
  return lines.join('\n');
}
