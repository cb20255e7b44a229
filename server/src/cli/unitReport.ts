import { wordDiff, type ImportOutcome, type ImportUnitReport, type LanguageCode } from '@lockstep/shared';
import { UsageError } from './command.js';
import { quoted, table } from './format.js';

const OUTCOMES: readonly ImportOutcome[] = ['applied', 'unchanged', 'conflict', 'rejected', 'unknown'];

export interface UnitFilter {
  outcomes: ReadonlySet<ImportOutcome>;
  page: number;
  pageSize: number;
}

/** `--units all|applied,conflict,…`, `--page N`, `--page-size N` as a filter; usage errors name the choices. */
export function unitFilterOf(units: string, page = '1', pageSize = '50'): UnitFilter {
  const names = units === 'all' ? OUTCOMES : units.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!OUTCOMES.includes(n as ImportOutcome)) throw new UsageError(`--units takes "all" or a comma list of ${OUTCOMES.join(', ')}; not "${n}"`);
  }
  const int = (value: string, name: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number of at least 1; not "${value}"`);
    return n;
  };
  return { outcomes: new Set(names as ImportOutcome[]), page: int(page, 'page'), pageSize: int(pageSize, 'page-size') };
}

/** git's word-diff notation: `[-removed-]{+added+}`, readable in any terminal and in a log. */
function changeOf(unit: ImportUnitReport, lang: string): string {
  const before = unit.before ?? '';
  const after = unit.after ?? '';
  if (!after) return before ? '(no target in the file)' : '(no translation)';
  if (!before || before === after) return quoted(after, 120);
  const diff = wordDiff(before, after, lang as LanguageCode)
    .map((p) => (p.op === 'equal' ? p.text : p.op === 'removed' ? `[-${p.text}-]` : `{+${p.text}+}`))
    .join('');
  return quoted(diff, 160);
}

/**
 * The units of one report that pass the filter, one page of them, as a table: the editor's
 * number and the stable segment id (the id in the file), the outcome, the change and the reason.
 */
export function describeUnits(units: readonly ImportUnitReport[], lang: string, filter: UnitFilter): string {
  const shown = units.filter((u) => filter.outcomes.has(u.outcome));
  const pages = Math.max(1, Math.ceil(shown.length / filter.pageSize));
  const page = Math.min(filter.page, pages);
  const rows = shown.slice((page - 1) * filter.pageSize, page * filter.pageSize);
  if (rows.length === 0) return '  no unit matches --units';
  const body = table(
    ['#', 'id', 'outcome', 'change', 'reason'],
    rows.map((u) => [u.position === null ? '—' : String(u.position), u.unit, u.outcome, changeOf(u, lang), u.reason ?? '']),
    new Set([0]),
  );
  const footer = pages > 1 ? `\n  page ${page} of ${pages} (${shown.length} units; --page N for another)` : '';
  return body.replace(/^/gm, '  ') + footer;
}
