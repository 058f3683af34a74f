/**
 * The calendar on real dates: the demo halls as the engine runs them (their documents with China's
 * 2026 holidays and 调休 days merged from the State Council notice), sessions, appointments' slots
 * and codes.
 */
import { describe, expect, it } from 'vitest';
import { readTypedDate } from '../../server/domain/calendar-rules';
import { checkInWindow, dateOfCode, maskPhone, slotsOn } from '../../server/domain/appointments';
import type { AppointmentState } from '../../server/domain/types';
import { calendarDay, sessionAt } from '../../server/domain/schedule';
import { loadHalls } from '../../server/config/halls';
import { fromHallDoc, toHallDoc } from '../../server/config/hall-doc';
import { officialYear, officialYears, type NoticeData } from '../../server/config/official-calendar';

const halls = loadHalls({ configPath: null, demo: true }).halls.map((h) => fromHallDoc(toHallDoc(h), h.staff));
const yuxi = halls.find((h) => h.id === 'yuxi')!;
const tonghai = halls.find((h) => h.id === 'tonghai')!;
const tz = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

describe('the calendar of the demo halls on real dates', () => {
  it('a Wednesday night market at the city center, 19:00–21:00', () => {
    expect(calendarDay(yuxi.calendar, '2026-12-02')).toEqual({
      date: '2026-12-02',
      kind: 'workday',
      sessions: [
        { kind: 'regular', start: '09:00', end: '17:00' },
        { kind: 'night', start: '19:00', end: '21:00' },
      ],
    });
    expect(sessionAt(yuxi.calendar, at('2026-12-02T20:59:00+08:00'), tz)).toMatchObject({ kind: 'night' });
    expect(sessionAt(yuxi.calendar, at('2026-12-02T18:00:00+08:00'), tz).kind).toBe('closed');
  });

  it('a Saturday morning market at the county hall, none at the city center', () => {
    expect(sessionAt(tonghai.calendar, at('2026-12-05T09:30:00+08:00'), tz)).toMatchObject({ kind: 'morning', start: '09:00', end: '11:00' });
    expect(sessionAt(yuxi.calendar, at('2026-12-05T09:30:00+08:00'), tz).kind).toBe('closed');
  });

  it('National Day is closed, even the Wednesday night market', () => {
    expect(calendarDay(yuxi.calendar, '2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', sessions: [] });
    expect(calendarDay(yuxi.calendar, '2026-09-30').kind).toBe('workday');
    expect(calendarDay(yuxi.calendar, '2026-10-07').kind).toBe('holiday'); // a Wednesday in the holiday
    expect(sessionAt(yuxi.calendar, at('2026-10-07T19:30:00+08:00'), tz).kind).toBe('closed');
  });

  it('a 调休 Sunday is an ordinary working day', () => {
    expect(calendarDay(yuxi.calendar, '2026-09-20')).toEqual({
      date: '2026-09-20',
      kind: 'makeup_workday',
      sessions: [{ kind: 'regular', start: '09:00', end: '17:00' }],
    });
    // A 调休 Saturday at the county hall is a workday, not a morning market.
    expect(calendarDay(tonghai.calendar, '2026-10-10').sessions).toEqual([{ kind: 'regular', start: '09:00', end: '17:00' }]);
  });

  it('stays open through the lunch hour (午间不断档)', () => {
    for (const t of ['11:59', '12:00', '12:30', '13:59']) {
      expect(sessionAt(yuxi.calendar, at(`2026-11-26T${t}:00+08:00`), tz), t).toMatchObject({ kind: 'regular' });
    }
  });

  it('turns the day over at local midnight, not at UTC midnight', () => {
    expect(sessionAt(yuxi.calendar, at('2026-11-26T15:59:00Z'), tz)).toMatchObject({ kind: 'closed', weekday: 4 });
    expect(sessionAt(yuxi.calendar, at('2026-11-26T16:00:00Z'), tz)).toMatchObject({ kind: 'closed', weekday: 5 });
    expect(sessionAt(yuxi.calendar, at('2026-11-27T01:00:00Z'), tz)).toMatchObject({ kind: 'regular', weekday: 5 });
  });

  it('2027: the statutory holidays until the State Council notice is in the data', () => {
    const y = officialYear(2027);
    expect(y.source).toBe('statutory');
    expect(y.holidays).toEqual(expect.arrayContaining(['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-08', '2027-04-05', '2027-10-01']));
    expect(calendarDay(yuxi.calendar, '2027-02-06').kind).toBe('holiday');
    expect(officialYear(2026)).toMatchObject({
      source: 'notice',
      makeupWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    });
  });

  it('takes its years from the package: the latest notice (2026 today), two before and four after', () => {
    expect(officialYears()).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    expect(officialYears().map((y) => officialYear(y).source)).toEqual(['notice', 'notice', 'notice', 'statutory', 'statutory', 'statutory', 'statutory']);
  });

  it('moves to next year when the package brings its notice, with no code change', () => {
    const withNext: NoticeData = { holidays: { '2026-10-01': '国庆节', '2027-02-06': '春节' }, workdays: { '2027-02-20': '春节' } };
    expect(officialYears(withNext)).toEqual([2025, 2026, 2027, 2028, 2029, 2030, 2031]);
    expect(officialYear(2027, withNext)).toEqual({ year: 2027, source: 'notice', holidays: ['2027-02-06'], makeupWorkdays: ['2027-02-20'] });
    // Only a make-up workday announced counts as a notice year too.
    expect(officialYears({ holidays: { '2026-10-01': '国庆节' }, workdays: { '2027-01-09': '元旦' } }).at(-1)).toBe(2031);
  });
});

describe('appointment slots and codes', () => {
  it('cuts each session into the area’s slots', () => {
    const estate = yuxi.areas.find((a) => a.id === 'estate')!;
    const wednesday = slotsOn(yuxi, estate, '2026-12-02');
    expect(wednesday[0]).toEqual({ start: '09:00', end: '09:30', capacity: 2 });
    expect(wednesday).toHaveLength(16 + 4);
    expect(wednesday.at(-1)).toEqual({ start: '20:30', end: '21:00', capacity: 2 });
    expect(slotsOn(yuxi, estate, '2026-10-01')).toEqual([]);
  });

  it('a code names its date by its first two digits, within the booking horizon', () => {
    expect(dateOfCode('021234', '2026-11-26', 14)).toBe('2026-12-02');
    expect(dateOfCode('261234', '2026-11-26', 14)).toBe('2026-11-26');
    expect(dateOfCode('251234', '2026-11-26', 14)).toBe('2026-11-25');
    expect(dateOfCode('151234', '2026-11-26', 14)).toBeNull();
    expect(dateOfCode('12345', '2026-11-26', 14)).toBeNull();
  });

  it('check-in is open from 60 minutes before the slot until its end', () => {
    const appt: AppointmentState = {
      id: 'a',
      code: '021234',
      areaId: 'estate',
      serviceId: null,
      date: '2026-12-02',
      start: '10:00',
      end: '10:30',
      phoneMasked: null,
      status: 'booked',
      ticketId: null,
    };
    expect(checkInWindow(appt, at('2026-12-02T08:59:00+08:00'), tz)).toBe('early');
    expect(checkInWindow(appt, at('2026-12-02T09:00:00+08:00'), tz)).toBe('ok');
    expect(checkInWindow(appt, at('2026-12-02T10:29:00+08:00'), tz)).toBe('ok');
    expect(checkInWindow(appt, at('2026-12-02T10:30:00+08:00'), tz)).toBe('late');
    expect(checkInWindow(appt, at('2026-12-01T10:00:00+08:00'), tz)).toBe('early');
  });

  it('masks phone numbers, keeping the first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('0877-2021234')).toBe('087****1234');
  });
});

describe('a date as people type it', () => {
  it('reads 2027/2/5, 2027-2-5, 2027.2.5, 2027年2月5日 and full-width digits as 2027-02-05', () => {
    for (const typed of ['2027-02-05', '2027-2-5', '2027/2/5', ' 2027/02/5 ', '2027.2.5', '2027年2月5日', '2027年2月5', '２０２７／２／５']) {
      expect(readTypedDate(typed), typed).toEqual({ ok: true, date: '2027-02-05' });
    }
  });

  it('refuses a day the month does not have, and what is no date at all, each with its own problem', () => {
    expect(readTypedDate('2027-02-30')).toEqual({ ok: false, problem: 'no_such_day', year: 2027, month: 2, day: 30 });
    expect(readTypedDate('2028年2月29日')).toEqual({ ok: true, date: '2028-02-29' });
    expect(readTypedDate('2027/13/1')).toMatchObject({ ok: false, problem: 'no_such_day' });
    expect(readTypedDate('2027/2/0')).toMatchObject({ ok: false, problem: 'no_such_day' });
    for (const typed of ['', '2月5日', '27/2/5', '2027-2', 'tomorrow', '2027-02-05x'])
      expect(readTypedDate(typed), typed).toEqual({ ok: false, problem: 'unreadable' });
  });
});
