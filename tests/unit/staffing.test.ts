/**
 * Staffing advice (排班建议): Erlang C as published, and the advice checked by simulation — two
 * weeks of generated arrivals (the actual ones, not the forecast the advice was made from) played
 * per area with the advised windows each hour meet the 20-minute 90th-percentile target in at least
 * 90 % of area-hours; with one window fewer in every hour they do not.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, generatedServiceMinutes, localMidnight, plannedArrivals } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { withOfficialDays } from '../../server/config/official-calendar';
import { forecastArrivals, type DayArrivals } from '../../server/domain/arrival-forecast';
import { staffingCsv } from '../../server/domain/staffing-csv';
import { erlangC, p90WaitMinutes, staffingAdvice, windowsNeeded } from '../../server/domain/staffing';
import { addDays } from '../../server/domain/time';
import type { HallConfig } from '../../server/domain/types';
import { p90, playAreaDay } from '../../bench/support/queue-sim';

describe('Erlang C', () => {
  it('gives the textbook values', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 10);
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 10); // M/M/1: the load itself
    expect(erlangC(3, 3)).toBe(1);
    // 30 an hour, 6 minutes each (3 windows' worth of work): 3 cannot keep up, 4 can.
    expect(p90WaitMinutes(3, 30, 6)).toBe(Infinity);
    expect(windowsNeeded(30, 6, 20)).toBe(4);
    expect(p90WaitMinutes(4, 30, 6)).toBeLessThanOrEqual(20);
    expect(windowsNeeded(0, 6, 20)).toBe(0);
  });
});

describe('the advice as CSV', () => {
  it('keeps a typed name from running as a formula, and a negative gap a number', () => {
    const days = staffingAdvice(
      [{ day: '2026-11-30', areas: [{ areaId: 'tax', hours: [{ hour: 9, expected: 2 }] }] }],
      new Map([['tax', 6]]),
      new Map([['tax', 3]]),
      20,
    );
    const text = staffingCsv(days, new Map([['tax', '=HYPERLINK("x")']]), {
      day: 'd',
      areaId: 'i',
      area: 'a',
      hour: 'h',
      expected: 'e',
      windows: 'w',
      configured: 'c',
      gap: 'g',
      p90WithConfigured: 'p',
      holdMinutes: 'm',
    });
    expect(text).toBe('d,i,a,h,e,w,c,g,p,m\r\n2026-11-30,tax,"\'=HYPERLINK(""x"")",09:00,2,1,3,-2,0,6\r\n');
  });
});

describe('the advice, played', () => {
  const hall: HallConfig = { ...YUXI, calendar: withOfficialDays(YUXI.calendar) };
  const plan = { ...DEFAULT_PLAN, tickets: 700, seed: 3, calendarEffects: true };
  const asOf = '2026-11-02';
  const history: DayArrivals[] = [];
  const arrivalMinutes = new Map<string, Map<string, number[]>>();
  for (let d = addDays(asOf, -16 * 7); d < addDays(asOf, 14); d = addDays(d, 1)) {
    const midnight = localMidnight(d, hall.timezone);
    const byArea = new Map<string, number[]>();
    const areas: Record<string, number[]> = {};
    for (const a of plannedArrivals(hall, d, plan)) {
      const minute = (a.at - midnight) / 60_000;
      (areas[a.areaId] ??= new Array<number>(24).fill(0))[Math.floor(minute / 60)]!++;
      byArea.set(a.areaId, [...(byArea.get(a.areaId) ?? []), minute]);
    }
    history.push({ day: d, areas });
    arrivalMinutes.set(d, byArea);
  }
  // What a hall measures: the generated service, the walk up (~1 min) and the clerk's gap (~17 s).
  const hold = new Map([...generatedServiceMinutes(hall)].map(([id, m]) => [id, m + 1 + 17.5 / 60]));
  const forecast = forecastArrivals({
    calendar: hall.calendar,
    areaIds: hall.areas.map((a) => a.id),
    history: history.filter((h) => h.day < asOf),
    asOf,
    days: 14,
  });
  const advice = staffingAdvice(forecast.days, hold, new Map(), 20);

  function shareMeeting(fewer: number): { share: number; areaHours: number } {
    let met = 0;
    let areaHours = 0;
    for (const day of advice) {
      for (const area of day.areas) {
        const windows = new Array<number>(24).fill(0);
        for (const h of area.hours) windows[h.hour] = Math.max(0, h.windows - fewer);
        const arrivals = arrivalMinutes.get(day.day)?.get(area.areaId) ?? [];
        const waits = playAreaDay({ arrivals, windows, holdMinutes: hold.get(area.areaId)!, seed: 7 });
        for (const list of waits.values()) {
          areaHours++;
          if (p90(list) <= 20) met++;
        }
      }
    }
    return { share: met / areaHours, areaHours };
  }

  it('meets the target in at least 90 % of area-hours with the advised windows, and misses it with one fewer', () => {
    const advised = shareMeeting(0);
    const fewer = shareMeeting(1);
    expect(advised.areaHours).toBeGreaterThan(500);
    expect(advised.share).toBeGreaterThanOrEqual(0.9);
    expect(fewer.share).toBeLessThan(0.9);
    console.log(
      `staffing advice played: ${(advised.share * 100).toFixed(1)} % of ${advised.areaHours} area-hours meet 20 min; with one window fewer ${(fewer.share * 100).toFixed(1)} %`,
    );
  });
});
