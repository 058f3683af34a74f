import { describe, expect, it } from 'vitest';
import { calendarDay, sessionAt } from '../../server/domain/schedule';
import { localTime, toLocalIso } from '../../server/domain/time';
import { YUXI, TONGHAI } from '../../server/config/demo-halls';

const at = (iso: string) => Date.parse(iso);
const tz = 'Asia/Shanghai';

describe('hall-local time', () => {
  it('gives the hall’s date, weekday and offset, whatever the server’s zone', () => {
    expect(localTime(at('2026-11-26T16:30:00Z'), tz)).toMatchObject({ date: '2026-11-27', time: '00:30', weekday: 5, offsetMinutes: 480 });
    expect(toLocalIso(at('2026-11-26T01:02:03.004Z'), tz)).toBe('2026-11-26T09:02:03.004+08:00');
  });
});

describe('sessions of the demo halls', () => {
  it('the city center works without a lunch break and holds a Wednesday night market', () => {
    expect(sessionAt(YUXI.calendar, at('2026-11-26T12:30:00+08:00'), tz)).toMatchObject({ kind: 'regular' });
    expect(sessionAt(YUXI.calendar, at('2026-12-02T19:00:00+08:00'), tz)).toMatchObject({ kind: 'night', start: '19:00', end: '21:00' });
    expect(sessionAt(YUXI.calendar, at('2026-12-02T21:00:00+08:00'), tz)).toMatchObject({ kind: 'closed' });
    expect(sessionAt(YUXI.calendar, at('2026-12-03T19:30:00+08:00'), tz)).toMatchObject({ kind: 'closed' });
  });

  it('the county hall opens on Saturday mornings 09:00–11:00 only', () => {
    expect(calendarDay(TONGHAI.calendar, '2026-11-28')).toEqual({
      date: '2026-11-28',
      kind: 'weekend',
      sessions: [{ kind: 'morning', start: '09:00', end: '11:00' }],
    });
    expect(sessionAt(TONGHAI.calendar, at('2026-11-28T10:59:00+08:00'), tz)).toMatchObject({ kind: 'morning' });
    expect(sessionAt(TONGHAI.calendar, at('2026-11-29T10:00:00+08:00'), tz)).toMatchObject({ kind: 'closed' });
  });
});
