/**
 * A served ticket (and a missed one) shows up in the statistics — JSON and CSV — and in the
 * ticket log lines with exactly the times the hall clock gave them; only managers read statistics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { RedisProcess } from '../support/redis';
import { startServer, type StoreKind, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const DAY = '2026-11-25'; // a Wednesday
const T0 = Date.parse(`${DAY}T10:00:00+08:00`);

/** Minimal RFC 4180 reader: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe.each<StoreKind>(['embedded', 'redis'])('statistics on the %s store', (store) => {
  let redis: RedisProcess | undefined;
  let srv: TestServer;
  const clock = new ManualClock(T0);
  /** What the test did, with the instants it did it at. */
  const at = { issued1: 0, issued2: 0, called1: 0, started1: 0, completed1: 0, called2: 0, missed2: 0 };
  let ticket1 = '';

  beforeAll(async () => {
    if (store === 'redis') redis = await RedisProcess.start();
    srv = await startServer({ store, redisUrl: redis?.url, clock });
    await srv.post(`${H}/windows/9/sign-in`, 'clerk09');

    at.issued1 = clock.now();
    ticket1 = (await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201)).ticket.id;
    clock.advance(61_500);
    at.issued2 = clock.now();
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);

    clock.advance(388_750);
    at.called1 = clock.now();
    await srv.post(`${H}/windows/9/call-next`, 'clerk09');
    clock.advance(45_000);
    at.started1 = clock.now();
    await srv.post(`${H}/windows/9/start`, 'clerk09');
    clock.advance(372_500);
    at.completed1 = clock.now();
    await srv.post(`${H}/windows/9/complete`, 'clerk09');
    clock.advance(20_000);
    await srv.post(`${H}/tickets/${ticket1}/rating`, 'rating01', { score: 2, tags: ['attitude'], comment: '等太久' }, 201);

    clock.advance(5_000);
    at.called2 = clock.now();
    await srv.post(`${H}/windows/9/call-next`, 'clerk09');
    clock.advance(180_000);
    at.missed2 = clock.now();
    await srv.post(`${H}/windows/9/no-show`, 'clerk09');
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  it('counts the served and the missed ticket with their exact waits, walk and service', async () => {
    const s = await srv.get(`${H}/stats?from=${DAY}&to=${DAY}`, 'manager');
    const wait1 = at.called1 - at.issued1;
    const wait2 = at.called2 - at.issued2;
    const [short, long] = [wait1, wait2].sort((a, b) => a - b);
    expect(s).toMatchObject({ hallId: 'yuxi', from: DAY, to: DAY, days: [DAY], issued: 2, served: 1, noShow: 1, transferred: 0, noShowRate: 0.5 });
    expect(s.wait).toEqual({ count: 2, avgSeconds: (wait1 + wait2) / 2 / 1000, p50Seconds: short! / 1000, p90Seconds: long! / 1000, maxSeconds: long! / 1000 });
    expect(s.walk).toMatchObject({ count: 1, avgSeconds: (at.started1 - at.called1) / 1000 });
    expect(s.service).toMatchObject({ count: 1, avgSeconds: (at.completed1 - at.started1) / 1000, maxSeconds: (at.completed1 - at.started1) / 1000 });

    const tax = s.byArea.find((a: { areaId: string }) => a.areaId === 'tax');
    expect(tax).toMatchObject({ name: '税务事项专办', issued: 2, served: 1, noShow: 1 });
    expect(s.byArea.filter((a: { issued: number }) => a.issued > 0)).toHaveLength(1);
    expect(s.byWindow.find((w: { windowId: string }) => w.windowId === '9')).toMatchObject({ number: 9, served: 1, noShow: 1, ratings: 1, goodRate: 0 });
    expect(s.byClerk).toEqual([expect.objectContaining({ clerkId: 'clerk09', staffNo: 'YX109', served: 1, noShow: 1 })]);
    expect(s.bySession.map((x: { session: string }) => x.session)).toEqual(['regular', 'night', 'morning']);
    expect(s.bySession[0]).toMatchObject({ issued: 2, served: 1 });
    expect(s.byHour.map((h: { hour: number }) => h.hour)).toEqual([10]);
    expect(s.byDay).toEqual([expect.objectContaining({ day: DAY, issued: 2, served: 1 })]);
    expect(s.satisfaction).toMatchObject({ ratings: 1, good: 0, bad: 1, goodRate: 0, averageScore: 2 });
    expect(s.satisfaction.badRatings).toEqual([
      expect.objectContaining({
        ticketId: ticket1,
        number: 'D001',
        day: DAY,
        windowNumber: 9,
        score: 2,
        comment: '等太久',
        tags: ['attitude'],
        clerk: expect.objectContaining({ id: 'clerk09' }),
      }),
    ]);
  });

  it('writes the same figures as CSV, one row per day and area after a Chinese header', async () => {
    const res = await srv.request('GET', `${H}/stats.csv?from=${DAY}&to=${DAY}`, { as: 'manager' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toContain(`yuxi-stats-${DAY}-${DAY}.csv`);
    // The byte-order mark (EF BB BF) lets spreadsheets read the Chinese; fetch's text() hides it.
    const raw = await fetch(`${srv.url}${H}/stats.csv?from=${DAY}&to=${DAY}`, { headers: { authorization: `Bearer ${await srv.login('manager')}` } });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(res.body as string);
    expect(rows[0]!.slice(0, 5)).toEqual(['日期', '业务区编号', '业务区', '取号', '办结']);
    expect(rows).toHaveLength(1 + 8);
    const header = rows[0]!;
    const tax = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[1] === 'tax')![i]]));
    expect(tax).toMatchObject({ 日期: DAY, 业务区: '税务事项专办', 取号: '2', 办结: '1', 过号: '1', 过号率: '0.5' });
    expect(Number(tax['平均等候(秒)'])).toBe((at.called1 - at.issued1 + at.called2 - at.issued2) / 2 / 1000);
    expect(Number(tax['平均办理(秒)'])).toBe((at.completed1 - at.started1) / 1000);
    expect(Number(tax['平均步行(秒)'])).toBe((at.started1 - at.called1) / 1000);

    const en = await srv.request('GET', `${H}/stats.csv?from=${DAY}&to=${DAY}&lang=en`, { as: 'manager' });
    expect(parseCsv(en.body as string)[0]!.slice(0, 4)).toEqual(['day', 'area_id', 'area', 'issued']);
  });

  it('logs every phase of the served ticket with its own time', () => {
    const lines = srv.eventLines().filter((l) => l.number === 'D001');
    expect(lines.map((l) => l.event)).toEqual(['ticket.issued', 'ticket.called', 'ticket.started', 'ticket.completed']);
    const [issued, called, started, completed] = lines;
    expect(Date.parse(issued!.at as string)).toBe(at.issued1);
    expect(issued!.at).toMatch(/\+08:00$/);
    expect(called).toMatchObject({ windowId: '9', areaId: 'tax', day: DAY, waitMs: at.called1 - at.issued1, firstCall: true });
    expect(Date.parse(called!.at as string)).toBe(at.called1);
    expect(started).toMatchObject({ walkMs: at.started1 - at.called1 });
    expect(completed).toMatchObject({ serviceMs: at.completed1 - at.started1, totalMs: at.completed1 - at.issued1 });
    expect(Date.parse(completed!.at as string)).toBe(at.completed1);
    const missed = srv.eventLines().find((l) => l.number === 'D002' && l.event === 'ticket.no_show')!;
    expect(missed).toMatchObject({ afterMs: at.missed2 - at.called2, windowId: '9' });
  });

  it('defaults to today, reads a range of days, and names the bad field of a bad range', async () => {
    expect((await srv.get(`${H}/stats`, 'manager')).days).toEqual([DAY]);
    const wide = await srv.get(`${H}/stats?from=2026-11-01&to=2026-11-30`, 'manager');
    expect(wide).toMatchObject({ from: '2026-11-01', to: '2026-11-30', days: [DAY], issued: 2 });
    const empty = await srv.get(`${H}/stats?from=2026-10-01&to=2026-10-31`, 'manager');
    expect(empty).toMatchObject({ days: [], issued: 0, wait: { count: 0, avgSeconds: null } });

    for (const [query, field] of [
      ['from=2026-13-01', 'from'],
      ['from=2026-11-26&to=2026-11-25', 'to'],
      ['from=2024-01-01&to=2026-01-01', 'to'],
      ['to=yesterday', 'to'],
    ] as const) {
      const res = await srv.request('GET', `${H}/stats?${query}`, { as: 'manager' });
      expect(res.status, query).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_request', field });
    }
  });

  it('lets only managers (and admins) read statistics', async () => {
    for (const path of [`${H}/stats`, `${H}/stats.csv`]) {
      expect((await srv.request('GET', path)).status).toBe(401);
      for (const who of ['clerk09', 'display01', 'kiosk01', 'rating01']) {
        const res = await srv.request('GET', path, { as: who });
        expect(res.status, `${who} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      expect((await srv.request('GET', path, { as: 'admin' })).status).toBe(200);
      const other = await srv.request('GET', path.replace('yuxi', 'tonghai'), { as: 'manager' });
      expect(other.status).toBe(403);
    }
  });
});
