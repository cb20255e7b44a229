import type { TimelinePoint } from '../../types';

/** Pure geometry of the completion chart: days to x, shares to y, step paths, label placement. */

export const DAY_MS = 86_400_000;

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const FRAME: Frame = { width: 760, height: 300, left: 52, right: 64, top: 16, bottom: 40 };

export const dayNumber = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
export const todayNumber = (): number => Math.floor(Date.now() / DAY_MS);

/** The days shown: from the first point (at least a week back) to today. */
export function dayRange(series: readonly (readonly TimelinePoint[])[], today = todayNumber()): [number, number] {
  const firsts = series.flatMap((points) => (points.length ? [dayNumber(points[0].date)] : []));
  const start = Math.min(today - 6, ...firsts);
  return [start, Math.max(today, start + 1)];
}

export function share(point: TimelinePoint, unit: 'segments' | 'words'): number {
  const [done, total] = unit === 'segments' ? [point.completed, point.total] : [point.completedWords, point.totalWords];
  return total > 0 ? done / total : 0;
}

export function scales(range: [number, number], frame: Frame = FRAME) {
  const plotWidth = frame.width - frame.left - frame.right;
  const plotHeight = frame.height - frame.top - frame.bottom;
  return {
    x: (day: number) => frame.left + ((day - range[0]) / (range[1] - range[0])) * plotWidth,
    y: (fraction: number) => frame.top + (1 - fraction) * plotHeight,
  };
}

/** A step line: each value holds from its day until the next point, the last one until today. */
export function stepPath(points: readonly { day: number; value: number }[], endDay: number, x: (d: number) => number, y: (v: number) => number): string {
  if (points.length === 0) return '';
  let d = `M${x(points[0].day).toFixed(1)},${y(points[0].value).toFixed(1)}`;
  for (const p of points.slice(1)) d += `H${x(p.day).toFixed(1)}V${y(p.value).toFixed(1)}`;
  return `${d}H${x(endDay).toFixed(1)}`;
}

/** Ticks for the day axis: at most `count`, whole days, always including both ends. */
export function dayTicks([start, end]: [number, number], count = 6): number[] {
  const step = Math.max(1, Math.ceil((end - start) / (count - 1)));
  const ticks: number[] = [];
  for (let day = start; day < end; day += step) ticks.push(day);
  if (ticks.length && end - ticks[ticks.length - 1] < step / 2) ticks.pop();
  ticks.push(end);
  return ticks;
}

/**
 * Vertical places for the end labels of lines, in the order given: as near their line as they
 * can be without two labels overlapping (many languages end at 100 %).
 */
export function spreadLabels(wanted: readonly number[], gap: number, min: number, max: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const placed = new Array<number>(wanted.length);
  let previous = -Infinity;
  for (const { y, i } of order) {
    placed[i] = Math.max(y, previous + gap, min);
    previous = placed[i];
  }
  // Pushed past the bottom: walk back up, moving only the labels that have to move.
  let next = Infinity;
  for (const { i } of [...order].reverse()) {
    placed[i] = Math.min(placed[i], next - gap, max);
    next = placed[i];
  }
  return placed;
}
