/**
 * Over generated months, the statistics merged from day rollups (stored as JSON and read back,
 * merged in any order) equal the figures counted straight from the raw events: exactly for counts,
 * averages and maxima, within the distribution's stated relative error for p50/p90.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, simulateDay } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { dayRollup, rollupToJson, type DayRollupJson } from '../../server/domain/day-rollup';
import { RELATIVE_ERROR } from '../../server/domain/distribution';
import type { HallEvent } from '../../server/domain/events';
import { StatsMerger, type DurationStats, type MergedRollupJson, type StatsFigures } from '../../server/domain/statistics';
import { addDays } from '../../server/domain/time';

/** Nearest-rank summary in seconds, computed here from the raw values. */
function exact(ms: number[]): { count: number; avg: number | null; p50: number | null; p90: number | null; max: number | null } {
  if (ms.length === 0) return { count: 0, avg: null, p50: null, p90: null, max: null };
  const s = [...ms].sort((a, b) => a - b);
  const rank = (q: number) => s[Math.max(1, Math.ceil(q * s.length)) - 1]! / 1000;
  return { count: s.length, avg: Math.round(s.reduce((a, b) => a + b, 0) / s.length) / 1000, p50: rank(0.5), p90: rank(0.9), max: s.at(-1)! / 1000 };
}

function expectDurations(got: DurationStats, ms: number[]): void {
  const want = exact(ms);
  expect(got.count).toBe(want.count);
  expect(got.avgSeconds).toBe(want.avg);
  expect(got.maxSeconds).toBe(want.max);
  for (const [g, w] of [
    [got.p50Seconds, want.p50],
    [got.p90Seconds, want.p90],
  ] as const) {
    if (w === null) expect(g).toBeNull();
    // The stated relative error, plus the millisecond the seconds are rounded to.
    else expect(Math.abs(g! - w)).toBeLessThanOrEqual(RELATIVE_ERROR * w + 0.001);
  }
}

/** Counts and durations from raw events, for the events that `pick` keeps. */
function expectFigures(got: StatsFigures, events: HallEvent[], pick: (e: HallEvent) => boolean): void {
  const mine = events.filter(pick);
  const count = (type: HallEvent['type']) => mine.filter((e) => e.type === type).length;
  expect(got.issued).toBe(count('ticket.issued'));
  expect(got.served).toBe(count('ticket.completed'));
  expect(got.noShow).toBe(count('ticket.no_show'));
  expect(got.transferred).toBe(count('ticket.transferred'));
  const scores = mine.flatMap((e) => (e.type === 'rating.submitted' ? [e.score] : []));
  expect(got.ratings).toBe(scores.length);
  expect(got.goodRate).toBe(scores.length ? Math.round((scores.filter((s) => s >= 4).length / scores.length) * 10_000) / 10_000 : null);
  expectDurations(
    got.wait,
    mine.flatMap((e) => (e.type === 'ticket.called' && e.firstCall ? [e.waitMs] : [])),
  );
  expectDurations(
    got.walk,
    mine.flatMap((e) => (e.type === 'ticket.started' ? [e.walkMs] : [])),
  );
  expectDurations(
    got.service,
    mine.flatMap((e) => (e.type === 'ticket.completed' ? [e.serviceMs] : [])),
  );
}

const areaOf = (e: HallEvent): string | null =>
  e.type === 'ticket.transferred' ? e.fromAreaId : 'ticket' in e && typeof e.ticket === 'object' && e.ticket !== null ? e.ticket.areaId : null;
const windowOf = (e: HallEvent): string | null => (e.type === 'ticket.called' ? e.window.id : 'windowId' in e ? e.windowId : null);

describe('rollup-merged statistics over generated months', () => {
  it('equal the raw events’ figures: counts exactly, percentiles within the stated error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 30, max: 45 }),
        fc.integer({ min: 150, max: 300 }),
        fc.boolean(),
        (seed, dayCount, tickets, reversed) => {
          const first = '2026-08-01';
          const days = Array.from({ length: dayCount }, (_, i) => addDays(first, i));
          const perDay = new Map<string, HallEvent[]>();
          for (const d of days) {
            const events = simulateDay(YUXI, d, { ...DEFAULT_PLAN, tickets, seed });
            if (events) perDay.set(d, events);
          }
          const all = [...perDay.values()].flat();
          // Stored and read back, merged newest first or oldest first.
          const rollups = [...perDay].map(([d, events]) => JSON.parse(JSON.stringify(rollupToJson(dayRollup(YUXI, d, events)))) as DayRollupJson);
          if (reversed) rollups.reverse();
          const merger = new StatsMerger(YUXI);
          for (const r of rollups) merger.add(r);
          const s = merger.result({ from: first, to: days.at(-1)! });

          expect(s.days).toEqual([...perDay.keys()]);
          expectFigures(s, all, () => true);
          expect(s.cancelled).toBe(all.reduce((n, e) => n + (e.type === 'day.closed' ? e.tickets.length : 0), 0));
          expect(s.satisfaction.badRatings).toHaveLength(all.filter((e) => e.type === 'rating.submitted' && e.score <= 2).length);
          for (const a of s.byArea) expectFigures(a, all, (e) => areaOf(e) === a.areaId && (e.type !== 'ticket.completed' || e.ticket.areaId === a.areaId));
          for (const w of s.byWindow) expectFigures(w, all, (e) => e.type !== 'ticket.issued' && windowOf(e) === w.windowId);
          for (const d of s.byDay) expectFigures(d, perDay.get(d.day)!, () => true);

          // Some days merged and stored first (a closed month), the rest added one by one: the same statistics.
          const cut = Math.floor(rollups.length / 2);
          const month = new StatsMerger(YUXI);
          for (const r of rollups.slice(0, cut)) month.add(r);
          const stored = JSON.parse(JSON.stringify(month.toJSON('2026-08'))) as MergedRollupJson;
          const staged = new StatsMerger(YUXI);
          for (const r of rollups.slice(cut)) staged.add(r);
          staged.addMerged(stored);
          expect(staged.result({ from: first, to: days.at(-1)! })).toEqual(s);
        },
      ),
      { numRuns: 4 },
    );
  }, 120_000);
});
