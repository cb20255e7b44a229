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

// `top` leaves room above the plot for the revision labels, clear of the 100 % line and its tick.
export const FRAME: Frame = { width: 760, height: 312, left: 52, right: 64, top: 28, bottom: 40 };

export const HOUR_MS = 3_600_000;

/** A point's or a revision's moment, in ms. */
export const timeOf = (at: string): number => Date.parse(at);

/**
 * The time shown: from the first point to now, at least a week for a history by days and at
 * least half a day for one by hours, so a young history is not stretched across the chart.
 */
export function timeRange(series: readonly (readonly TimelinePoint[])[], bucket: 'day' | 'hour', now = Date.now()): [number, number] {
  const unit = bucket === 'day' ? DAY_MS : HOUR_MS;
  const end = (Math.floor(now / unit) + 1) * unit;
  const firsts = series.flatMap((points) => (points.length ? [timeOf(points[0].at)] : []));
  const start = Math.min(end - (bucket === 'day' ? 7 * DAY_MS : 12 * HOUR_MS), ...firsts);
  return [start, end];
}

export function share(point: TimelinePoint, unit: 'segments' | 'words'): number {
  const [done, total] = unit === 'segments' ? [point.completed, point.total] : [point.completedWords, point.totalWords];
  return total > 0 ? done / total : 0;
}

export function scales(range: [number, number], frame: Frame = FRAME) {
  const plotWidth = frame.width - frame.left - frame.right;
  const plotHeight = frame.height - frame.top - frame.bottom;
  return {
    x: (time: number) => frame.left + ((time - range[0]) / (range[1] - range[0])) * plotWidth,
    y: (fraction: number) => frame.top + (1 - fraction) * plotHeight,
  };
}

/** A step line: each value holds from its moment until the next point, the last one until the end. */
export function stepPath(points: readonly { time: number; value: number }[], end: number, x: (t: number) => number, y: (v: number) => number): string {
  if (points.length === 0) return '';
  let d = `M${x(points[0].time).toFixed(1)},${y(points[0].value).toFixed(1)}`;
  for (const p of points.slice(1)) d += `H${x(p.time).toFixed(1)}V${y(p.value).toFixed(1)}`;
  return `${d}H${x(end).toFixed(1)}`;
}

const TICK_STEPS = [1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720].map((h) => h * HOUR_MS);

/** Ticks for the time axis: at most `count`, on whole UTC hours or days of an even step. */
export function timeTicks([start, end]: [number, number], count = 7): { time: number; step: number }[] {
  const step = TICK_STEPS.find((s) => (end - start) / s <= count - 1) ?? TICK_STEPS[TICK_STEPS.length - 1];
  const ticks: { time: number; step: number }[] = [];
  for (let time = Math.ceil(start / step) * step; time <= end; time += step) ticks.push({ time, step });
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
