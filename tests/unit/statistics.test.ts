/**
 * Statistics from events, on halls driven through the real domain core: every figure lands in the
 * day, area, window, clerk, session and hour its event belongs to; percentiles are nearest-rank;
 * ratings count as good at 4–5 and bad at 1–2; the CSV is one row per day × area.
 */
import { describe, expect, it } from 'vitest';
import type { HallEvent } from '../../server/domain/events';
import { hallStatistics, honourBoard, statsCsv, durationStats } from '../../server/domain/statistics';
import { messages } from '../../server/i18n';
import { Harness, T0, clerk, testHall, MANAGER } from '../support/hall-harness';

const MIN = 60_000;

/** A Wednesday with a night market 19:00–21:00 besides the regular 09:00–17:00. */
function nightHall() {
  const config = testHall();
  config.calendar = { ...config.calendar, weekly: [{ weekday: 3, session: { kind: 'night', start: '19:00', end: '21:00' } }] };
  return config;
}
const WED = Date.parse('2026-11-25T09:00:00+08:00');

describe('durationStats', () => {
  it('uses nearest-rank percentiles and keeps milliseconds', () => {
    const waits = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5].map((m) => m * MIN + 1);
    expect(durationStats(waits)).toEqual({ count: 10, avgSeconds: 330.001, p50Seconds: 300.001, p90Seconds: 540.001, maxSeconds: 600.001 });
    expect(durationStats([42])).toEqual({ count: 1, avgSeconds: 0.042, p50Seconds: 0.042, p90Seconds: 0.042, maxSeconds: 0.042 });
    expect(durationStats([])).toEqual({ count: 0, avgSeconds: null, p50Seconds: null, p90Seconds: null, maxSeconds: null });
  });
});

describe('hallStatistics', () => {
  it('puts each figure in its day, area, window, clerk, session and hour', () => {
    const h = new Harness(nightHall(), WED);
    h.open('1');
    h.open('3');
    h.issue('estate'); // B001 09:00
    h.advance(5);
    h.issue('tax'); // D001 09:05
    h.advance(7);
    expect(h.callNext('1')).toBe('B001'); // waited 12 min
    h.advance(1);
    h.run({ type: 'start', windowId: '1' }, clerk(1)); // walked 1 min
    h.advance(10);
    // 联办: estate → tax after 10 minutes of service
    h.run({ type: 'transfer', windowId: '1', areaId: 'tax' }, clerk(1));
    expect(h.callNext('3')).toBe('B001'); // a transferred ticket goes first; not a first call
    h.run({ type: 'start', windowId: '3' }, clerk(3));
    h.advance(6);
    h.run({ type: 'complete', windowId: '3' }, clerk(3));
    h.run({ type: 'rate', ticketId: h.state.numbers.get('B001')!, score: 5 }, { id: 'rating01', role: 'rating' });
    // Window 3's clerk hands over to clerk 8 at 09:29.
    h.run({ type: 'sign-out', windowId: '3' }, clerk(3));
    h.open('3', 8);
    h.advance(31); // 10:00
    expect(h.callNext('3', 8)).toBe('D001'); // waited 55 min
    h.advance(2);
    h.run({ type: 'no-show', windowId: '3' }, clerk(8));

    // The night market: one ticket at 19:10, served by clerk 8, rated badly.
    h.now = Date.parse('2026-11-25T19:10:00+08:00');
    h.issue('tax'); // D002
    h.advance(4);
    h.callNext('3', 8);
    h.run({ type: 'start', windowId: '3' }, clerk(8));
    h.advance(8);
    h.run({ type: 'complete', windowId: '3' }, clerk(8));
    h.run({ type: 'rate', ticketId: h.state.numbers.get('D002')!, score: 2, comment: '说明不清' }, { id: 'rating01', role: 'rating' });

    const s = hallStatistics(h.config, h.log, { from: '2026-11-25', to: '2026-11-25' });
    expect(s).toMatchObject({ issued: 3, served: 2, noShow: 1, transferred: 1, noShowRate: 0.3333 });
    expect(s.wait).toEqual({ count: 3, avgSeconds: ((12 + 55 + 4) * 60) / 3, p50Seconds: 720, p90Seconds: 3300, maxSeconds: 3300 });
    expect(s.service).toMatchObject({ count: 2, avgSeconds: 420 });

    const area = (id: string) => s.byArea.find((a) => a.areaId === id)!;
    expect(area('estate')).toMatchObject({ issued: 1, served: 0, transferred: 1, wait: { count: 1, maxSeconds: 720 } });
    expect(area('tax')).toMatchObject({ issued: 2, served: 2, noShow: 1, transferred: 0, wait: { count: 2 } });
    expect(area('police')).toMatchObject({ issued: 0, served: 0, wait: { count: 0, avgSeconds: null } });

    const win = (id: string) => s.byWindow.find((w) => w.windowId === id)!;
    expect(win('1')).toMatchObject({ served: 0, transferred: 1, walk: { count: 1, avgSeconds: 60 }, wait: { count: 1 } });
    expect(win('3')).toMatchObject({ served: 2, noShow: 1, ratings: 2, goodRate: 0.5 });

    const byClerk = Object.fromEntries(s.byClerk.map((c) => [c.clerkId, c]));
    expect(Object.keys(byClerk)).toEqual(['clerk1', 'clerk3', 'clerk8']);
    expect(byClerk.clerk3).toMatchObject({ served: 1, ratings: 1, goodRate: 1 });
    expect(byClerk.clerk8).toMatchObject({ served: 1, noShow: 1, ratings: 1, goodRate: 0, wait: { count: 2 } });

    expect(s.bySession).toEqual([
      expect.objectContaining({ session: 'regular', issued: 2, served: 1, noShow: 1 }),
      expect.objectContaining({ session: 'night', issued: 1, served: 1, ratings: 1 }),
      expect.objectContaining({ session: 'morning', issued: 0 }),
    ]);
    expect(s.byHour.map((x) => [x.hour, x.issued, x.served])).toEqual([
      [9, 2, 1],
      [10, 0, 0],
      [19, 1, 1],
    ]);
    expect(s.satisfaction).toMatchObject({ ratings: 2, good: 1, neutral: 0, bad: 1, goodRate: 0.5, averageScore: 3.5 });
    expect(s.satisfaction.badRatings).toEqual([
      expect.objectContaining({ number: 'D002', score: 2, comment: '说明不清', windowNumber: 3, clerk: { id: 'clerk8', name: 'Clerk 8', staffNo: null } }),
    ]);
  });

  it('counts hours a manager added as the session they extend, and other hours as outside', () => {
    const h = new Harness(testHall(), Date.parse('2026-11-26T16:50:00+08:00'), false);
    h.run({ type: 'extend-hours', until: '18:00' }, MANAGER);
    h.now = Date.parse('2026-11-26T17:30:00+08:00');
    h.issue('police');
    const extended = hallStatistics(h.config, h.log, { from: '2026-11-26', to: '2026-11-26' });
    expect(extended.bySession.find((x) => x.session === 'regular')!.issued).toBe(1);
    expect(extended.bySession.map((x) => x.session)).toEqual(['regular', 'night', 'morning']);

    const always = new Harness(testHall(), Date.parse('2026-11-26T22:00:00+08:00'), true);
    always.issue('police');
    const late = hallStatistics(always.config, always.log, { from: '2026-11-26', to: '2026-11-26' });
    expect(late.bySession.at(-1)).toMatchObject({ session: 'outside', issued: 1 });
  });

  it('adds up several days, one per day, tickets left at closing counted as cancelled', () => {
    const days: HallEvent[] = [];
    for (const [i, start] of [T0, T0 + 24 * 60 * MIN].entries()) {
      const h = new Harness(testHall(), start);
      h.open('4');
      for (let k = 0; k <= i; k++) h.issue('police');
      h.advance(3);
      h.serveNext('4');
      h.run({ type: 'close-day' }, null);
      days.push(...h.log);
    }
    // Given out of order: the statistics sort by day and version themselves.
    const s = hallStatistics(testHall(), days.reverse(), { from: '2026-11-26', to: '2026-11-27' });
    expect(s.days).toEqual(['2026-11-26', '2026-11-27']);
    expect(s.byDay.map((d) => [d.day, d.issued, d.served, d.cancelled])).toEqual([
      ['2026-11-26', 1, 1, 0],
      ['2026-11-27', 2, 1, 1],
    ]);
    expect(s).toMatchObject({ issued: 3, served: 2, cancelled: 1 });
    expect(s.byDayArea).toHaveLength(2 * 3);
  });

  it('writes CSV rows per day and area, quoting what needs quotes', () => {
    const config = testHall();
    config.areas[0]!.name = '不动产,"联办"';
    const h = new Harness(config);
    h.open('1');
    h.issue('estate');
    h.advance(2);
    h.serveNext('1');
    const csv = statsCsv(hallStatistics(config, h.log, { from: '2026-11-26', to: '2026-11-26' }), messages('zh-CN').manager.csv);
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      '日期,业务区编号,业务区,取号,办结,过号,过号率,转办,闭厅未办,平均等候(秒),等候中位数(秒),90%等候(秒),最长等候(秒),平均步行(秒),平均办理(秒),评价数,好评率',
    );
    expect(lines[1]).toBe('2026-11-26,estate,"不动产,""联办""",1,1,0,0,0,0,120,120,120,120,,0,0,');
    expect(lines[2]).toBe('2026-11-26,tax,tax,0,0,0,,0,0,,,,,,,0,');
    expect(lines).toHaveLength(1 + 3 + 1);
  });
});

describe('honourBoard', () => {
  it('ranks by served, then good rate, then shorter waits, leaving out who served nobody', () => {
    const h = new Harness();
    for (const w of ['1', '2', '4']) h.open(w);
    for (let i = 0; i < 3; i++) h.issue('estate');
    h.issue('police');
    h.advance(1);
    h.serveNext('1');
    h.serveNext('2');
    h.serveNext('1');
    h.serveNext('4');
    h.run({ type: 'rate', ticketId: h.state.numbers.get('B002')!, score: 5 }, { id: 'r', role: 'rating' });
    h.run({ type: 'rate', ticketId: h.state.numbers.get('H001')!, score: 3 }, { id: 'r', role: 'rating' });
    const board = honourBoard(hallStatistics(h.config, h.log, { from: '2026-11-26', to: '2026-11-26' }));
    expect(board.windows.map((w) => [w.id, w.served, w.goodRate])).toEqual([
      ['1', 2, null],
      ['2', 1, 1],
      ['4', 1, 0],
    ]);
    expect(board.clerks.map((c) => c.id)).toEqual(['clerk1', 'clerk2', 'clerk4']);
  });
});
