/**
 * Standing notices (长期公告): part of a hall's configuration with a validity range, on the board
 * (and every live view of the hall) on the days they are valid only, beside the notices posted for
 * today; a range that ends before it starts or a date that is no day is refused in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../server/domain/time';
import { config, put } from '../support/hall-config';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe('standing notices', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
  });
  afterAll(async () => {
    await srv?.close();
  });

  it("are on the board on the days of their range only, before today's own notices", async () => {
    const board = () => srv.get<{ day: string; notices: Array<{ id: string; text: string }> }>(`${H}/board`, 'display01');
    const { day } = await board();
    const today = await srv.post<{ notice: { id: string } }>(`${H}/notices`, 'manager', { text: '今日临时公告' }, 201);
    const { version, hall } = await config(srv);
    const standingNotices = [
      { id: 'spring', text: '春节放假安排：1月29日至2月1日放假', from: addDays(day, -1), to: addDays(day, 1) },
      { id: 'one-day', text: '今天一天有效', from: day, to: day },
      { id: 'later', text: '下周起不动产登记搬到三楼', from: addDays(day, 1), to: addDays(day, 30) },
      { id: 'over', text: '上周的公告', from: addDays(day, -7), to: addDays(day, -1) },
    ];
    const saved = await put(srv, { ...hall, standingNotices }, version);
    expect(saved.status).toBe(200);
    expect((await board()).notices).toEqual([
      { id: 'spring', text: standingNotices[0]!.text },
      { id: 'one-day', text: '今天一天有效' },
      { id: today.notice.id, text: '今日临时公告' },
    ]);
    // The manager's overview is the same moment of the hall.
    const overview = await srv.get<{ notices: Array<{ id: string }> }>(`${H}/overview`, 'manager');
    expect(overview.notices.map((n) => n.id)).toEqual(['spring', 'one-day', today.notice.id]);
    // Removing one from the configuration takes it off the board at once.
    const again = await config(srv);
    expect((await put(srv, { ...again.hall, standingNotices: standingNotices.filter((n) => n.id !== 'spring') }, again.version)).status).toBe(200);
    expect((await board()).notices.map((n) => n.id)).toEqual(['one-day', today.notice.id]);
  });

  it('refuses a range that ends before it starts, a date that is no day, and a text too long, in words', async () => {
    const { version, hall } = await config(srv);
    const bad = await put(
      srv,
      {
        ...hall,
        standingNotices: [
          { id: 'x', text: '倒着的', from: '2027-02-10', to: '2027-02-05' },
          { id: 'y', text: '没有这天', from: '2027-02-30', to: '2027-03-01' },
        ],
      },
      version,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems).toEqual([
      { path: 'standingNotices[1].from', message: '2027-02-30 不是有效日期' },
      { path: 'standingNotices[0].to', message: '公告的结束日期 2027-02-05 早于开始日期 2027-02-10' },
    ]);
    const long = await put(srv, { ...hall, standingNotices: [{ id: 'x', text: '长'.repeat(201), from: '2027-02-05', to: '2027-02-05' }] }, version);
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('invalid_config');
  });
});
