import type { Output } from './command.js';

/** Display width: East Asian wide characters take two columns, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (/\p{Mark}/u.test(ch)) continue;
    width += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) ? 2 : 1;
  }
  return width;
}

const pad = (text: string, width: number, right: boolean): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
};

/** Rows as aligned columns; `right` names the columns aligned to the right (numbers). */
export function table(header: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => displayWidth(r[c] ?? ''))));
  return all
    .map((r) =>
      r
        .map((cell, c) => pad(cell, widths[c], right.has(c)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Rounded down, so that 99.96% never reads as complete. */
export const percent = (fraction: number): string => `${(Math.floor(fraction * 1000) / 10).toFixed(1)}%`;

/** An ISO time as "YYYY-MM-DD HH:MM UTC" (the same for every reader of a shared log). */
export function shortTime(iso: string | null): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Ids as wrapped lines under an indent, at most `max` of them. */
export function idList(ids: readonly string[], indent: string, max = 40, width = 100): string {
  const shown = ids.slice(0, max);
  const words = ids.length > max ? [...shown, `… and ${ids.length - max} more`] : shown;
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && indent.length + line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

/** A text quoted on one line, shortened at its end when long. */
export function quoted(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

export interface Progress {
  /** Work on item `index` (0-based) named `label` starts. */
  start(index: number, label: string): void;
  /** Removes the bar before other output is printed (a terminal shares the line). */
  clear(): void;
  done(): void;
}

/**
 * Progress of long work on stderr: a bar redrawn in place on a terminal, a plain line per item
 * otherwise (a log file or CI output must not fill with carriage returns).
 */
export function progressOn(stderr: Output, total: number, verb: string): Progress {
  if (!stderr.isTTY) {
    return {
      start: (i, label) => stderr.write(`[${i + 1}/${total}] ${verb} ${label}\n`),
      clear: () => undefined,
      done: () => undefined,
    };
  }
  let drawn = false;
  const clear = (): void => {
    if (drawn) stderr.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    start(i, label) {
      const cells = 24;
      const filled = Math.round((i / Math.max(total, 1)) * cells);
      const room = Math.max(10, (stderr.columns ?? 80) - cells - 20);
      const name = label.length > room ? `…${label.slice(-(room - 1))}` : label;
      clear();
      stderr.write(`[${'#'.repeat(filled)}${'-'.repeat(cells - filled)}] ${i + 1}/${total} ${name}`);
      drawn = true;
    },
    clear,
    done: clear,
  };
}
