/**
 * The best time to come (`server/domain/best-time.ts`): an hour's expected wait grows with its
 * arrivals, carries the backlog of an overloaded hour into the next and not across a closure; the
 * measured/modelled scale is bounded; the phone page's "next quieter time" appears only for a long
 * wait and names the first later hour that is quiet enough.
 */
import { describe, expect, it } from 'vitest';
import {
  bestTimes,
  LONG_WAIT_MINUTES,
  levelOf,
  modelledWaits,
  nextQuieterTime,
  QUIETER_WAIT_MINUTES,
  quietestHour,
  waitScaleOf,
  WAIT_SCALE_BOUNDS,
  windowsFor,
  type BestTimeDay,
} from '../../server/domain/best-time';

const hours = (...counts: number[]) => counts.map((expected, i) => ({ hour: 9 + i, expected }));

describe('modelledWaits', () => {
  it('is no wait when nobody comes, and longer the more come', () => {
    // 3 windows, 6 min each: 30 citizens an hour is their capacity.
    const w = modelledWaits(hours(0, 10, 20, 27), 6, 3) as number[];
    expect(w[0]).toBe(0);
    expect(w[1]!).toBeLessThan(w[2]!);
    expect(w[2]!).toBeLessThan(w[3]!);
  });

  it("carries an overloaded hour's backlog into the next, and not across a closure", () => {
    const quietFirst = modelledWaits(hours(10), 6, 3)[0]!;
    const afterRush = modelledWaits(hours(60, 10), 6, 3)[1]!;
    // 30 left over from the rush at 30 an hour: about an hour's wait, where alone it is minutes.
    expect(quietFirst).toBeLessThan(2);
    expect(afterRush).toBeGreaterThan(50);
    const afterLunch = modelledWaits(
      [
        { hour: 11, expected: 60 },
        { hour: 13, expected: 10 },
      ],
      6,
      3,
    )[1]!;
    expect(afterLunch).toBeCloseTo(quietFirst, 6);
  });

  it('has no answer when no window serves the area', () => {
    expect(modelledWaits(hours(5, 5), 6, 0)).toEqual([null, null]);
  });
});

describe('bestTimes', () => {
  it('rounds the scaled waits, levels them, and bounds the scale', () => {
    const days = [{ day: '2026-12-07', hours: hours(0, 28, 60, 5) }];
    const plain = bestTimes(days, 6, 3)[0]!;
    expect(plain.day).toBe('2026-12-07');
    expect(plain.hours.map((h) => h.hour)).toEqual([9, 10, 11, 12]);
    for (const h of plain.hours) expect(h.level).toBe(levelOf(h.waitMinutes!));
    expect(plain.hours[0]).toMatchObject({ waitMinutes: 0, level: 'quiet' });
    expect(plain.hours[2]!.level).toBe('very_busy');
    const doubled = bestTimes(days, 6, 3, 100)[0]!; // bounded to ×2
    const raw = modelledWaits(days[0]!.hours, 6, 3);
    doubled.hours.forEach((h, i) => expect(h.waitMinutes).toBe(Math.round(raw[i]! * WAIT_SCALE_BOUNDS[1])));
    expect(bestTimes(days, 6, 0)[0]!.hours.every((h) => h.waitMinutes === null && h.level === null)).toBe(true);
  });

  it('levels: below 10 quiet, below 20 fair, below 30 busy, else very busy', () => {
    expect([0, 9, 10, 19, 20, 29, 30, 90].map(levelOf)).toEqual(['quiet', 'quiet', 'fair', 'fair', 'busy', 'busy', 'very_busy', 'very_busy']);
  });
});

describe('waitScaleOf', () => {
  const past = [{ hours: hours(10, 28, 20) }];
  it('is 1 when the measured waits agree with the model or were not measured', () => {
    const w = modelledWaits(past[0]!.hours, 6, 3) as number[];
    const modelledMean = (w[0]! * 10 + w[1]! * 28 + w[2]! * 20) / 58;
    expect(waitScaleOf(past, modelledMean, 6, 3)).toBeCloseTo(1, 9);
    expect(waitScaleOf(past, null, 6, 3)).toBe(1);
    expect(waitScaleOf([], 12, 6, 3)).toBe(1);
  });
  it('scales up where citizens waited longer than modelled, within its bounds', () => {
    const w = modelledWaits(past[0]!.hours, 6, 3) as number[];
    const modelledMean = (w[0]! * 10 + w[1]! * 28 + w[2]! * 20) / 58;
    const scale = waitScaleOf(past, modelledMean * 1.5 + 0.5, 6, 3);
    expect(scale).toBeCloseTo(1.5, 6);
    expect(waitScaleOf(past, 1000, 6, 3)).toBe(WAIT_SCALE_BOUNDS[1]);
    expect(waitScaleOf(past, 0, 6, 3)).toBeGreaterThanOrEqual(WAIT_SCALE_BOUNDS[0]);
  });
});

describe('nextQuieterTime', () => {
  const today: BestTimeDay = {
    day: '2026-12-07',
    hours: [
      { hour: 9, expected: 40, waitMinutes: 45, level: 'very_busy' },
      { hour: 10, expected: 30, waitMinutes: 12, level: 'fair' },
      { hour: 11, expected: 30, waitMinutes: 35, level: 'very_busy' },
      { hour: 14, expected: 20, waitMinutes: 20, level: 'busy' },
      { hour: 15, expected: 8, waitMinutes: 8, level: 'quiet' },
      { hour: 16, expected: 5, waitMinutes: 3, level: 'quiet' },
    ],
  };
  it('says nothing unless the wait now is long', () => {
    expect(nextQuieterTime(today, 9 * 60, LONG_WAIT_MINUTES - 1)).toBeNull();
    expect(nextQuieterTime(today, 9 * 60, null)).toBeNull();
    expect(nextQuieterTime(undefined, 9 * 60, 60)).toBeNull();
  });
  it('names the first hour quiet enough that begins after the queue there now is served', () => {
    expect(nextQuieterTime(today, 9 * 60, LONG_WAIT_MINUTES)?.hour).toBe(10); // served by 09:30
    expect(nextQuieterTime(today, 9 * 60 + 40, 40)?.hour).toBe(15); // served at 10:20: 11 and 14 are not quiet enough
    expect(nextQuieterTime(today, 9 * 60, 6 * 60)?.hour).toBe(15);
    expect(nextQuieterTime(today, 9 * 60, 7 * 60 + 1)).toBeNull(); // the queue outlasts the day's hours
    expect(nextQuieterTime(today, 16 * 60, 40)).toBeNull();
    for (let now = 8 * 60; now <= 16 * 60; now += 15) {
      for (const wait of [30, 45, 90, 200]) {
        const q = nextQuieterTime(today, now, wait);
        if (q) expect(q.hour * 60 >= now + wait && q.waitMinutes! <= QUIETER_WAIT_MINUTES && q.waitMinutes! < wait).toBe(true);
      }
    }
  });
  it('quietestHour: the least wait, the earliest of equals, from a given hour on', () => {
    expect(quietestHour(today)?.hour).toBe(16);
    expect(quietestHour(today, 16)).toBeNull();
  });
});

describe('windowsFor', () => {
  const windows = [{ areaIds: ['a'] }, { areaIds: ['a', 'b'] }, { areaIds: ['c', 'b'] }, { areaIds: ['c', 'b', 'd'] }, { areaIds: ['d'] }];
  it('counts the windows whose first area it is; else half those that share it, at least one', () => {
    expect(windowsFor(windows, 'a')).toBe(2);
    expect(windowsFor(windows, 'b')).toBe(1);
    expect(windowsFor(windows, 'd')).toBe(1);
    expect(windowsFor(windows, 'zz')).toBe(0);
  });
});
