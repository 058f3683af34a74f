/**
 * 实名取号 through the HTTP API on both stores: per-person limits hold under parallel kiosks
 * (embedded; and Redis with two nodes on one Redis, racing), a staff override is recorded in the
 * event log, bad numbers are refused with their own codes, an appointment booked with an ID checks
 * in by the card, the clerk sees the masked number and name, and at day close the day's identities
 * are erased from the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { startServer, type TestServer } from '../support/server';
import { RedisProcess } from '../support/redis';
import { identityHalls, ID_A, ID_B, ID_C, TEST_DATA_KEY } from '../support/identity-hall';

const H = '/api/v1/halls/yuxi';
/** A Wednesday morning in the hall. */
const START = Date.parse('2026-12-02T10:00:00+08:00');

const card = (text: string) => ({ text, via: 'card' as const });

async function issue(srv: TestServer, body: object, as = 'kiosk01') {
  return srv.request('POST', `${H}/tickets`, { as, body });
}

/** Fires `n` issues of one person at once, spread over the servers (kiosks on different nodes). */
async function race(servers: TestServer[], n: number, body: object) {
  const results = await Promise.all(Array.from({ length: n }, (_, i) => issue(servers[i % servers.length]!, body)));
  return {
    ok: results.filter((r) => r.status === 201),
    refused: results.filter((r) => r.status === 409 && r.body.error.code === 'identity_limit'),
    all: results,
  };
}

function limitSuite(name: string, start: () => Promise<TestServer[]>) {
  describe(`per-person limits under parallel kiosks (${name})`, () => {
    let servers: TestServer[] = [];
    beforeAll(async () => {
      servers = await start();
      // Every node signs the kiosk in before the race, so logins do not spread the requests out.
      for (const s of servers) await s.login('kiosk01');
    }, 60_000);
    afterAll(async () => {
      for (const s of servers) await s.close();
    });

    it('one open ticket per person per area, and two a day per person in the hall', async () => {
      const first = await race(servers, 12, { areaId: 'estate', identity: card(ID_A) });
      expect(first.all.map((r) => r.status).sort()).toEqual([201, ...Array(11).fill(409)]);
      expect(first.refused).toHaveLength(11);
      expect(first.ok[0]!.body.ticket.identified).toBe(true);
      // The refusal names the limit that applies, and its words name the area and the ticket held.
      const held = first.ok[0]!.body.ticket.number as string;
      for (const r of first.refused) expect(r.body.error).toMatchObject({ code: 'identity_limit', limit: 'open_in_area' });
      expect(first.refused[0]!.body.error.message).toBe(`您已持有「不动产联办」的号票 ${held}，尚未办结：请等候叫号；如需帮助请咨询导办人员`);

      // Another area: the second and last ticket of the day, whichever kiosk wins.
      const second = await race(servers, 12, { areaId: 'police', identity: card(ID_A) });
      expect(second.ok).toHaveLength(1);
      // The daily number is reached: a third area refuses too, and so does the first after it is served.
      const third = await race(servers, 6, { areaId: 'tax', identity: card(ID_A) });
      expect(third.ok).toHaveLength(0);
      expect(third.refused).toHaveLength(6);
      // This time the daily number is what refuses, and the words say so (not the open ticket).
      for (const r of third.refused) expect(r.body.error).toMatchObject({ code: 'identity_limit', limit: 'daily_cap' });
      expect(third.refused[0]!.body.error.message).toBe('您今天已在本大厅取号 2 次，已达每人每日上限，今天不能再取号；如需帮助请咨询导办人员');
      // The same in English, for a kiosk switched to English; and the open-area refusal on the same server.
      const en = { 'accept-language': 'en' };
      const capEn = await servers[0]!.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId: 'tax', identity: card(ID_A) }, headers: en });
      expect(capEn.body.error).toEqual({
        code: 'identity_limit',
        limit: 'daily_cap',
        message: 'You have taken 2 tickets in this hall today, the most allowed per person: no more today. Ask a guide if you need help',
      });
      const openEn = await servers[0]!.request('POST', `${H}/tickets`, { as: 'kiosk01', body: { areaId: 'estate', identity: card(ID_A) }, headers: en });
      expect(openEn.body.error).toMatchObject({ code: 'identity_limit', limit: 'open_in_area' });
      expect(openEn.body.error.message).toContain(`You already hold ticket ${held} for 不动产联办`);

      // Another person is not affected.
      expect((await issue(servers[0]!, { areaId: 'estate', identity: card(ID_B) })).status).toBe(201);
    });

    it('a staff override for a 帮办 case is recorded in the event log with who and why', async () => {
      const refused = await issue(servers[0]!, { areaId: 'estate', identity: card(ID_A), identityOverride: { reason: '帮办：老人代办' } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.reason ?? refused.body.error.code).toBe('identity_override_not_allowed');
      const res = await issue(servers[0]!, { areaId: 'estate', identity: card(ID_A), identityOverride: { reason: '帮办：老人代办' } }, 'manager');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const trail = await servers.at(-1)!.get(`${H}/tickets/${res.body.ticket.id}/events`, 'manager');
      const issued = trail.events.find((e: { type: string }) => e.type === 'ticket.issued');
      expect(issued.actor).toEqual({ id: 'manager', role: 'manager' });
      expect(issued.identity.override).toEqual({ limit: 'open_in_area', by: 'manager', reason: '帮办：老人代办' });
      expect(JSON.stringify(trail)).not.toContain(ID_A);
    });
  });
}

limitSuite('embedded', async () => [await startServer({ store: 'embedded', halls: identityHalls(), env: { QMS_DATA_KEY: TEST_DATA_KEY } })]);

let redis: RedisProcess | null = null;
limitSuite('redis, two nodes', async () => {
  redis = await RedisProcess.start();
  const prefix = `ident${Date.now()}:`;
  const env = { QMS_DATA_KEY: TEST_DATA_KEY };
  const a = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: prefix, halls: identityHalls(), env });
  const b = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: prefix, halls: identityHalls(), env });
  return [a, b];
});
afterAll(async () => {
  await redis?.stop();
});

describe("identities refused with words, check-in by card, the clerk's view, day-close erasure", () => {
  let srv: TestServer;
  const clock = new ManualClock(START);
  let bookedId = '';

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', halls: identityHalls(), clock, env: { QMS_DATA_KEY: TEST_DATA_KEY, QMS_ALWAYS_OPEN: '0' } });
  });
  afterAll(async () => srv?.close());

  it('refuses bad numbers with their own codes, and a required area without an identity', async () => {
    const cases: Array<[object, number, string]> = [
      [{ areaId: 'estate', identity: card('530402199001011230') }, 400, 'identity_invalid'],
      [{ areaId: 'estate', identity: card('530402900101123') }, 400, 'identity_old_number'],
      [{ areaId: 'estate', identity: { text: '{"aac003":"张三"}', via: 'qr' } }, 400, 'identity_qr_invalid'],
      [{ areaId: 'estate' }, 400, 'identity_required'],
    ];
    for (const [body, status, code] of cases) {
      const res = await issue(srv, body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
      // The refusal never repeats the number.
      expect(JSON.stringify(res.body)).not.toMatch(/\d{15}/);
    }
    // An area that is off takes no identity and keeps nothing.
    const off = await issue(srv, { areaId: 'fund', identity: card(ID_C) });
    expect(off.status).toBe(201);
    expect(off.body.ticket.identified).toBe(false);
  });

  it('checks in an appointment booked with an ID by the card, and one booked without by its code', async () => {
    const booked = await srv.request('POST', `${H}/appointments`, { body: { areaId: 'police', date: '2026-12-02', start: '10:00', idNumber: ID_B } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    bookedId = booked.body.appointment.id;
    const plain = await srv.request('POST', `${H}/appointments`, { body: { areaId: 'police', date: '2026-12-02', start: '10:00' } });
    expect(plain.status).toBe(201);
    // The answer says the booking is tied to an ID, and never holds the number, not even masked (the page masks what it typed).
    expect([booked.body.appointment.identified, plain.body.appointment.identified]).toEqual([true, false]);
    expect(JSON.stringify(booked.body)).not.toContain(ID_B.slice(-4));
    // A card nobody booked with: no appointment.
    expect((await issue(srv, { identity: card(ID_C) })).body.error.reason).toBe('appointment_not_found');
    const byCard = await issue(srv, { identity: { text: `ESSC|${ID_B}|李四`, via: 'qr' } });
    expect(byCard.status, JSON.stringify(byCard.body)).toBe(201);
    expect(byCard.body.ticket).toMatchObject({ priority: 'appointment', areaId: 'police', identified: true });
    const byCode = await issue(srv, { appointmentCode: plain.body.appointment.code });
    expect(byCode.status).toBe(201);
    expect(byCode.body.ticket.identified).toBe(false);

    // The clerk at the window that calls it sees the masked number (and the booking's name: none typed then).
    await srv.post(`${H}/windows/19/sign-in`, 'clerk19');
    const called = await srv.post(`${H}/windows/19/call`, 'clerk19', { number: byCard.body.ticket.number });
    expect(called.ticket.number).toBe(byCard.body.ticket.number);
    const seen = await srv.get(`${H}/tickets/${byCard.body.ticket.id}/identity`, 'clerk19');
    expect(seen.identity).toEqual({ masked: '5304**********001X', name: '李四' });
    // Another clerk, not at this ticket's window, does not.
    expect((await srv.request('GET', `${H}/tickets/${byCard.body.ticket.id}/identity`, { as: 'clerk20' })).status).toBe(403);
  });

  it("erases the day's identities from the store at day close", async () => {
    const res = await issue(srv, { areaId: 'tax', identity: { text: JSON.stringify({ aac002: ID_C, aac003: '王五' }), via: 'qr' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const ticketId = res.body.ticket.id as string;
    expect((await srv.get(`${H}/tickets/${ticketId}/identity`, 'manager')).identity).toEqual({ masked: '5304**********4567', name: '王五' });
    const kept = [`identity:ticket:yuxi:2026-12-02:${ticketId}`, `identity:appt:yuxi:2026-12-02:${bookedId}`];
    const keys = async () => (await Promise.all(kept.map((k) => srv.app.qms.store.get(k)))).filter((v) => v !== null);
    expect(await keys()).toHaveLength(2);

    clock.advance(24 * 3600_000);
    await srv.app.qms.service.tick();
    await expect.poll(keys, { timeout: 10_000 }).toHaveLength(0);
  });
});
