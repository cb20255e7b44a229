import { describe, expect, test } from '@jest/globals';
import { clientModule } from './clientModule.js';

interface Point {
  at: string;
}

const { timeRange, timeTicks, HOUR_MS, DAY_MS } = await clientModule<{
  timeRange(series: Point[][], bucket: 'day' | 'hour', now?: number): [number, number];
  timeTicks(range: [number, number], count?: number): { time: number; step: number }[];
  HOUR_MS: number;
  DAY_MS: number;
}>('pages/dashboard/timelineScale.ts');

const NOW = Date.parse('2026-12-07T11:20:00Z');

describe('the completion chart’s time axis', () => {
  test('a history by days spans from its first point (at least a week) to the end of today', () => {
    expect(timeRange([[{ at: '2026-11-09T00:00:00Z' }], []], 'day', NOW)).toEqual([Date.parse('2026-11-09T00:00:00Z'), Date.parse('2026-12-08T00:00:00Z')]);
    // A young history by days still shows a week, not a stretched day.
    expect(timeRange([[{ at: '2026-12-07T00:00:00Z' }]], 'day', NOW)).toEqual([Date.parse('2026-12-01T00:00:00Z'), Date.parse('2026-12-08T00:00:00Z')]);
  });

  test('a history by hours spans at least twelve hours, to the end of the current hour', () => {
    const [start, end] = timeRange([[{ at: '2026-12-07T10:00:00Z' }]], 'hour', NOW);
    expect(new Date(end).toISOString()).toBe('2026-12-07T12:00:00.000Z');
    expect(end - start).toBe(12 * HOUR_MS);
  });

  test('ticks fall on whole UTC hours or days, at most seven, inside the range', () => {
    const month: [number, number] = [Date.parse('2026-11-09T00:00:00Z'), Date.parse('2026-12-08T00:00:00Z')];
    const days = timeTicks(month);
    expect(days.length).toBeLessThanOrEqual(7);
    expect(days.every((t) => t.time % DAY_MS === 0 && t.time >= month[0] && t.time <= month[1])).toBe(true);
    const halfDay: [number, number] = [Date.parse('2026-12-07T00:00:00Z'), Date.parse('2026-12-07T12:00:00Z')];
    const hours = timeTicks(halfDay);
    expect(hours.map((t) => new Date(t.time).toISOString().slice(11, 16))).toEqual(['00:00', '02:00', '04:00', '06:00', '08:00', '10:00', '12:00']);
  });
});
