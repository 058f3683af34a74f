/**
 * The history generator with the calendar's effects (`calendarEffects`): the day after 国庆 is
 * busier than an ordinary one, tax and fund desks fill at a quarter's end, the Wednesday night
 * market has arrivals, a 调休 Saturday is a workday, and the rollup counts every arrival by area
 * and hour (what the forecast learns from).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, isPeriodEndArea, plannedArrivals, simulateDay } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { withOfficialDays } from '../../server/config/official-calendar';
import { dayRollup } from '../../server/domain/day-rollup';
import type { HallConfig } from '../../server/domain/types';

const hall: HallConfig = { ...YUXI, calendar: withOfficialDays(YUXI.calendar) };
const plan = { ...DEFAULT_PLAN, tickets: 60, seed: 11, calendarEffects: true };

function arrivals(day: string, seed = plan.seed) {
  const events = simulateDay(hall, day, { ...plan, seed })!;
  return dayRollup(hall, day, events);
}
const total = (r: ReturnType<typeof arrivals>) => [...r.arrivals.values()].flat().reduce((a, b) => a + b, 0);
const periodEndShare = (r: ReturnType<typeof arrivals>) =>
  hall.areas.filter(isPeriodEndArea).reduce((n, a) => n + (r.arrivals.get(a.id) ?? []).reduce((x, y) => x + y, 0), 0) / total(r);

describe('generated days follow the calendar', () => {
  it('counts every issued ticket by area and hour, the same for the same seed', () => {
    const r = arrivals('2026-10-14');
    expect(total(r)).toBe(r.total.issued);
    expect(arrivals('2026-10-14').arrivals).toEqual(r.arrivals);
    // The Wednesday night market (19:00–21:00) has its citizens.
    expect([...r.arrivals.values()].reduce((n, h) => n + h[19]! + h[20]!, 0)).toBeGreaterThan(5);
  });

  it('plans the arrivals the played day issues (but for those an area turns away before closing)', () => {
    const planned = plannedArrivals(hall, '2026-10-14', plan);
    const issued = total(arrivals('2026-10-14'));
    expect(issued).toBeLessThanOrEqual(planned.length);
    expect(issued).toBeGreaterThan(0.9 * planned.length);
  });

  it('the first day after 国庆 is busier than an ordinary Thursday, over twenty seeds', () => {
    const sum = (day: string) => [...Array(20).keys()].reduce((n, seed) => n + plannedArrivals(hall, day, { ...plan, seed }).length, 0);
    expect(sum('2026-10-08') / sum('2026-10-22')).toBeGreaterThan(1.5);
    expect(sum('2026-10-08') / sum('2026-10-22')).toBeLessThan(1.9);
  });

  it('tax and fund areas take a larger share at a quarter end than mid-month', () => {
    expect(periodEndShare(arrivals('2026-06-30'))).toBeGreaterThan(1.3 * periodEndShare(arrivals('2026-06-16')));
  });

  it('a 调休 Saturday is a workday with citizens; a holiday has none', () => {
    expect(total(arrivals('2026-10-10'))).toBeGreaterThan(25);
    expect(simulateDay(hall, '2026-10-05', plan)).toBeNull();
  });
});
