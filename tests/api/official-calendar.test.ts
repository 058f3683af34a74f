/**
 * China's official days and a hall's own, over the API and the configuration commands: the
 * official-calendar route (a noticed year, a statutory-only one), a hall document that keeps only
 * the hall's own holidays and 调休 days while the running hall merges the official ones in (own
 * days winning, and none when the hall turns them off), calendar refusals that list every problem,
 * and an export → import → export round trip that changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { config, CONFIG, put, type Hall } from '../support/hall-config';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const OFFICIAL = '/api/v1/admin/official-calendar';

type Calendar = { workday: unknown[]; weekly: unknown[]; holidays: string[]; makeupWorkdays: string[]; officialHolidays?: boolean; bookingDaysAhead?: number };

function withCalendar(hall: Hall, change: Partial<Calendar>): Hall {
  return { ...hall, calendar: { ...(hall.calendar as Calendar), ...change } };
}

function run(script: string, args: string[], dataDir: string) {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: dataDir };
  delete env.REDIS_URL;
  delete env.QMS_CONFIG;
  const r = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("official days and the hall's own", () => {
  let srv: TestServer | undefined;
  const kinds = async (from: string, to: string): Promise<string[]> =>
    (await srv!.get(`${H}/calendar?from=${from}&to=${to}`)).days.map((d: { kind: string }) => d.kind);

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock: new ManualClock(Date.parse('2026-09-01T10:00:00+08:00')) });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it("gives a year's official days: from the State Council notice, or the statutory days alone", async () => {
    const y2026 = await srv!.get(`${OFFICIAL}?year=2026`, 'manager');
    expect(y2026).toMatchObject({
      year: 2026,
      source: 'notice',
      makeupWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    });
    expect(y2026.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-07', '2026-02-15']));
    const y2028 = await srv!.get(`${OFFICIAL}?year=2028`, 'admin');
    expect(y2028).toEqual({
      year: 2028,
      source: 'statutory',
      // 中秋 falls on 10-03 that year: listed once.
      holidays: [
        '2028-01-01',
        '2028-01-25',
        '2028-01-26',
        '2028-01-27',
        '2028-01-28',
        '2028-04-04',
        '2028-05-01',
        '2028-05-02',
        '2028-05-28',
        '2028-10-01',
        '2028-10-02',
        '2028-10-03',
      ],
      makeupWorkdays: [],
    });
    for (const bad of ['1999', '2101', 'abc', '2027.5']) {
      const res = await srv!.request('GET', `${OFFICIAL}?year=${bad}`, { as: 'manager' });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    expect((await srv!.request('GET', `${OFFICIAL}?year=2027`)).status).toBe(401);
    expect((await srv!.request('GET', `${OFFICIAL}?year=2027`, { as: 'clerk01' })).status).toBe(403);
  });

  it("keeps only the hall's own days in its document; the running hall merges the official ones, its own winning", async () => {
    const { version, hall } = await config(srv!, 'manager');
    expect(hall.calendar).toMatchObject({ holidays: [], makeupWorkdays: [] });
    // National Day closed and the 调休 Sunday open, though the document lists neither.
    expect(await kinds('2026-09-30', '2026-10-01')).toEqual(['workday', 'holiday']);
    expect(await kinds('2026-09-20', '2026-09-20')).toEqual(['makeup_workday']);

    // The hall opens on an official holiday and closes on an official make-up day.
    const own = withCalendar(hall, { holidays: ['2026-09-20', '2026-12-31'], makeupWorkdays: ['2026-10-07'] });
    const res = await put(srv!, own, version);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const saved = await config(srv!, 'manager');
    expect(saved.hall.calendar).toMatchObject({ holidays: ['2026-09-20', '2026-12-31'], makeupWorkdays: ['2026-10-07'] });
    expect(await kinds('2026-09-20', '2026-09-20')).toEqual(['holiday']);
    expect(await kinds('2026-10-06', '2026-10-07')).toEqual(['holiday', 'makeup_workday']);
    expect(await kinds('2026-12-31', '2026-12-31')).toEqual(['holiday']);

    // Official days off: only the hall's own days count.
    const off = await put(srv!, withCalendar(saved.hall, { officialHolidays: false }), saved.version);
    expect(off.status).toBe(200);
    expect(await kinds('2026-10-01', '2026-10-01')).toEqual(['workday']);
    expect(await kinds('2026-12-31', '2026-12-31')).toEqual(['holiday']);
    const back = await config(srv!, 'manager');
    expect((await put(srv!, withCalendar(back.hall, { officialHolidays: true }), back.version)).status).toBe(200);
    expect(await kinds('2026-10-01', '2026-10-01')).toEqual(['holiday']);
  });

  it('refuses a wrong calendar, listing every problem, and changes nothing', async () => {
    const { version, hall } = await config(srv!, 'manager');
    const wrong = withCalendar(hall, {
      workday: [{ kind: 'regular', start: '17:00', end: '09:00' }],
      weekly: [
        { weekday: 3, session: { kind: 'night', start: '19:00', end: '21:00' } },
        { weekday: 3, session: { kind: 'night', start: '19:00', end: '21:00' } },
      ],
      holidays: ['2027-02-30', '2027-10-08', '2027-10-08'],
      makeupWorkdays: ['2027-10-08'],
    });
    const res = await put(srv!, wrong, version);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_config');
    for (const problem of [
      'session 17:00–09:00 does not end after it starts',
      'Wed session 19:00–21:00 is listed twice',
      '2027-02-30 is not a date',
      '2027-10-08 is listed twice',
      '2027-10-08 cannot be both a holiday and a make-up workday',
    ]) {
      expect(res.body.error.message).toContain(problem);
    }
    expect((await config(srv!, 'manager')).version).toBe(version);
  });

  it("export → import → export changes nothing, and the file holds only the hall's own days", async () => {
    const { dataDir } = srv!;
    await srv!.close({ keepData: true });
    srv = undefined;
    const dir = mkdtempSync(join(tmpdir(), 'qms-official-'));
    const first = join(dir, 'first.json');
    expect(run('config-export', [first], dataDir).status).toBe(0);
    const yuxi = JSON.parse(readFileSync(first, 'utf8')).halls.find((h: { id: string }) => h.id === 'yuxi');
    expect(yuxi.calendar).toMatchObject({ holidays: ['2026-09-20', '2026-12-31'], makeupWorkdays: ['2026-10-07'] });

    const imported = run('config-import', [first, '--apply'], dataDir);
    expect(imported.status, imported.out).toBe(0);
    expect(imported.out).toMatch(/hall yuxi \(version \d+\)\n {2}\(no change\)/);
    expect(imported.out).toMatch(/hall tonghai \(version 1\)\n {2}\(no change\)/);
    const second = join(dir, 'second.json');
    expect(run('config-export', [second], dataDir).status).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));

    // Started again on that store, the hall still merges the official days.
    srv = await startServer({ store: 'embedded', dataDir, clock: new ManualClock(Date.parse('2026-09-01T10:00:00+08:00')) });
    expect(await kinds('2026-10-01', '2026-10-01')).toEqual(['holiday']);
    expect((await srv.get(CONFIG, 'manager')).hall.calendar.holidays).toEqual(['2026-09-20', '2026-12-31']);
  }, 120_000);
});
