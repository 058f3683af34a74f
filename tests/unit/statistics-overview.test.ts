/**
 * The manager's live overview and the 好差评 deadline, on halls driven through the domain core:
 * per-area thresholds (configured, or from the aging rule), idle windows only while someone waits,
 * the day's series, and 15 working days counted on the hall's own calendar (holidays skipped,
 * makeup workdays counted).
 */
import { describe, expect, it } from 'vitest';
import { checkHalls } from '../../server/config/halls';
import { hallOverview, waitThreshold } from '../../server/domain/hall-overview';
import { addWorkingDays, ratingFollowUps, workingDaysBetween } from '../../server/domain/rating-follow-up';
import { hallStatistics } from '../../server/domain/statistics';
import { Harness, clerk, testHall } from '../support/hall-harness';

describe('hallOverview', () => {
  it('colours each area against its own thresholds, configured or from the aging rule', () => {
    const config = testHall({ policy: { agingMinutes: 40 } });
    config.waitAlerts = { police: { warnMinutes: 5, alertMinutes: 10 } };
    expect(waitThreshold(config, 'police')).toEqual({ warnMinutes: 5, alertMinutes: 10 });
    expect(waitThreshold(config, 'estate')).toEqual({ warnMinutes: 20, alertMinutes: 40 });

    const h = new Harness(config);
    h.issue('police');
    h.issue('estate');
    h.advance(7);
    let o = hallOverview(h.state, h.log, h.now, { alwaysOpen: false });
    const tile = (id: string) => o.areas.find((a) => a.id === id)!;
    expect(tile('police')).toMatchObject({ waiting: 1, longestWaitSeconds: 420, level: 'warn', warnSeconds: 300, alertSeconds: 600 });
    expect(tile('estate')).toMatchObject({ level: 'ok' });
    h.advance(4);
    o = hallOverview(h.state, h.log, h.now, { alwaysOpen: false });
    expect(tile('police').level).toBe('alert');
    expect(o.alerts).toEqual([expect.objectContaining({ kind: 'long_wait', areaId: 'police', level: 'alert', waitSeconds: 660, thresholdSeconds: 600 })]);
  });

  it('flags a window idle only for as long as someone has waited for it', () => {
    const h = new Harness();
    h.open('4');
    h.advance(30);
    expect(hallOverview(h.state, h.log, h.now, { alwaysOpen: false }).alerts).toEqual([]);
    h.issue('police');
    h.advance(1);
    expect(hallOverview(h.state, h.log, h.now, { alwaysOpen: false }).alerts).toEqual([]);
    h.advance(1);
    const o = hallOverview(h.state, h.log, h.now, { alwaysOpen: false });
    expect(o.alerts).toEqual([expect.objectContaining({ kind: 'idle_window', windowId: '4', idleSeconds: 120, waiting: 1 })]);
    expect(o.windows.find((w) => w.id === '4')).toMatchObject({ activity: 'idle', sinceSeconds: 32 * 60 });
  });

  it('draws the day: waiting every ten minutes, issued and served per hour, waits by length', () => {
    const h = new Harness();
    h.open('1');
    for (let i = 0; i < 4; i++) h.issue('estate'); // 09:00
    h.advance(12);
    h.serveNext('1'); // waited 12 min
    h.advance(50); // 10:02
    h.serveNext('1'); // waited 62 min
    h.run({ type: 'close-day' }, null);
    const o = hallOverview(h.state, h.log, h.now, { alwaysOpen: false });
    expect(o.charts.waiting.map((p) => [p.time, p.waiting])).toEqual([
      ['09:00', 4],
      ['09:10', 4],
      ['09:20', 3],
      ['09:30', 3],
      ['09:40', 3],
      ['09:50', 3],
      ['10:00', 3],
      ['10:02', 0],
    ]);
    expect(o.charts.servedPerHour).toEqual([
      { hour: 9, issued: 4, served: 1 },
      { hour: 10, issued: 0, served: 1 },
    ]);
    expect(o.charts.waitDistribution.filter((b) => b.count > 0)).toEqual([
      { fromMinutes: 10, toMinutes: 15, count: 1 },
      { fromMinutes: 60, toMinutes: null, count: 1 },
    ]);
    expect(o.totals).toMatchObject({ issued: 4, served: 2, waiting: 0, avgWaitSeconds: 37 * 60 });
  });

  it('refuses thresholds for unknown areas or with warn not below alert', () => {
    const config = testHall();
    config.waitAlerts = { nowhere: { warnMinutes: 5, alertMinutes: 10 }, tax: { warnMinutes: 20, alertMinutes: 20 } };
    expect(checkHalls([config], false)).toEqual([
      'hall test: waitAlerts has unknown area nowhere',
      'hall test: waitAlerts.tax: warnMinutes must be below alertMinutes',
    ]);
  });
});

describe('好差评 follow-up deadline', () => {
  const calendar = {
    ...testHall().calendar,
    // National Day week 2026: 1–7 October off, Saturday 10 October worked instead (调休).
    holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
    makeupWorkdays: ['2026-10-10'],
  };

  it('counts 15 working days on the hall calendar', () => {
    // From Wed 30 Sep: Thu 1 – Wed 7 Oct are off; Thu 8, Fri 9, Sat 10 (调休), then weekdays.
    expect(addWorkingDays(calendar, '2026-09-30', 3)).toBe('2026-10-10');
    // … Mon 12 – Fri 16, Mon 19 – Fri 23, Mon 26, Tue 27: the fifteenth.
    expect(addWorkingDays(calendar, '2026-09-30', 15)).toBe('2026-10-27');
    expect(workingDaysBetween(calendar, '2026-09-30', '2026-10-27')).toBe(15);
    expect(workingDaysBetween(calendar, '2026-10-29', '2026-10-27')).toBe(-2);
  });

  it('lists a bad rating as open, overdue past its day, and put right after a resolving follow-up', () => {
    const h = new Harness(testHall(), Date.parse('2026-09-30T10:00:00+08:00'));
    h.config.calendar = calendar;
    h.open('4');
    h.issue('police');
    h.serveNext('4');
    const id = h.state.numbers.get('H001')!;
    h.run({ type: 'rate', ticketId: id, score: 1 }, { id: 'rating01', role: 'rating' });
    const bad = hallStatistics(h.config, h.log, { from: '2026-09-30', to: '2026-09-30' }).satisfaction.badRatings;
    expect(ratingFollowUps(calendar, bad, h.log, '2026-10-27')[0]).toMatchObject({ dueDay: '2026-10-27', workdaysLeft: 0, overdue: false, resolved: false });
    expect(ratingFollowUps(calendar, bad, h.log, '2026-10-28')[0]).toMatchObject({ overdue: true, workdaysLeft: -1 });

    h.run({ type: 'follow-up-rating', ticketId: id, ticketDay: '2026-09-30', number: 'H001', note: '已回访', resolved: true }, clerk(0));
    expect(ratingFollowUps(calendar, bad, h.log, '2026-10-29')[0]).toMatchObject({
      overdue: false,
      resolved: true,
      followUps: [expect.objectContaining({ note: '已回访' })],
    });
  });
});
