/**
 * Text reminders end to end on one Redis: a citizen's phone page (its socket) opts in; the generic
 * HTTP provider (a receiver the test starts) gets "还有 3 位" once the ticket is within three, and
 * "请到 X 号窗口" at the call — each exactly once, with two nodes committing in turn, a provider
 * that fails twice first, and a node restarted in between. The limits (one number per ticket,
 * three tickets per number, opt-ins per address, proof of the open page) answer their codes, and
 * the number appears in no log line and nowhere in the store but sealed.
 */
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { credentialOf } from '../support/credentials';
import { config, put } from '../support/hall-config';
import { eventually, HttpReceiver } from '../support/http-receiver';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const PHONE = '13800001234';
const DATA_KEY = Buffer.alloc(32, 7).toString('base64');

interface Sms {
  to: string;
  template: string;
  params: Record<string, string>;
  text: string;
}

describe('text reminders', () => {
  let redis: RedisProcess;
  let sms: HttpReceiver;
  const servers: TestServer[] = [];
  const phones: Socket[] = [];
  const prefix = `notify-${process.pid}-${Date.now()}:`;
  let addresses = 0;
  const nextAddress = () => `10.66.${Math.floor(++addresses / 250)}.${addresses % 250}`;

  const start = async (env: Record<string, string> = {}) => {
    const srv = await startServer({
      store: 'redis',
      redisUrl: redis.url,
      redisPrefix: prefix,
      env: { QMS_DATA_KEY: DATA_KEY, QMS_SMS_URL: `${sms.url}/sms`, QMS_KIOSK_TICKETS_PER_MINUTE: '10000', QMS_NOTIFY_OPTINS_PER_HOUR: '6', ...env },
      extra: { notifyRetryBaseMs: 20 },
    });
    servers.push(srv);
    return srv;
  };
  const issue = async (srv: TestServer, areaId: string) => {
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId }, 201);
    return { id: issued.ticket.id as string, number: issued.ticket.number as string, key: credentialOf(issued) };
  };
  /** The ticket's phone page: its socket, following the ticket on `srv`. */
  const follow = async (srv: TestServer, key: string): Promise<string> => {
    const phone = connect(`${srv.url}/halls`, { auth: { hallId: 'yuxi', credential: key }, transports: ['websocket'], reconnection: false });
    phones.push(phone);
    await new Promise<void>((resolve, reject) => {
      phone.once('connect', () => resolve());
      phone.once('connect_error', reject);
    });
    return phone.id!;
  };
  /** Opting in as the phone page does: the number, then the code texted to it (the refusal of either step, or the confirmation). */
  const optIn = async (srv: TestServer, key: string, phone: string, socketId: string | null, address = nextAddress()) => {
    const to = phone.replace(/\D/g, '');
    const codesBefore = codes(to).length;
    const asked = await srv.request('POST', `${H}/tickets/${key}/notify`, {
      body: { phone },
      headers: { ...(socketId ? { 'x-qms-socket': socketId } : {}), 'x-forwarded-for': address },
    });
    if (asked.status !== 202) return asked;
    await eventually(() => codes(to).length > codesBefore, 10_000, 'the code');
    return srv.request('POST', `${H}/tickets/${key}/notify/confirm`, {
      body: { code: codes(to).at(-1)!.params.code },
      headers: { 'x-forwarded-for': address },
    });
  };
  const act = async (srv: TestServer, clerk: string, path: string) => {
    const res = await srv.request('POST', `${H}/windows/${path}`, { as: clerk, body: {} });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  /** Texts the provider accepted, verification codes aside. */
  const accepted = (): Sms[] =>
    sms.received
      .filter((r) => r.status === 200)
      .map((r) => JSON.parse(r.body) as Sms)
      .filter((m) => m.template !== 'code');
  const codes = (phone: string): Sms[] =>
    sms.received
      .filter((r) => r.status === 200)
      .map((r) => JSON.parse(r.body) as Sms)
      .filter((m) => m.template === 'code' && m.to === phone);
  const withoutCodes = () => sms.received.filter((r) => (JSON.parse(r.body) as Sms).template !== 'code');

  beforeAll(async () => {
    redis = await RedisProcess.start();
    sms = await HttpReceiver.start();
  });
  afterAll(async () => {
    for (const p of phones) p.disconnect();
    for (const s of servers) await s.close().catch(() => undefined);
    await sms?.close();
    await redis?.stop();
  });

  it('texts "还有 3 位" and the call once each, with two nodes and a failing provider', async () => {
    const a = await start();
    const b = await start();
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push(await issue(a, 'utility'));
    const mine = tickets[4]!;
    const socketOnB = await follow(b, mine.key);

    // The credential alone is not enough, nor another ticket's page.
    const refused = (await optIn(b, mine.key, PHONE, null)).body.error;
    expect([refused.code, refused.reason]).toEqual(['forbidden', 'not_following']);
    const otherSocket = await follow(a, tickets[0]!.key);
    expect((await optIn(a, mine.key, PHONE, otherSocket)).status).toBe(403);
    const on = await optIn(b, mine.key, PHONE, socketOnB);
    expect(on.status).toBe(204);
    expect((await b.request('GET', `${H}/tickets/${mine.key}/notify`)).body).toEqual({ enabled: true, phone: '138****1234' });

    // The provider refuses the first two requests: the message is retried, and accepted once.
    const sent = sms.received.length;
    sms.answer = (n) => (n < sent + 2 ? 503 : 200);
    await act(a, 'clerk07', '7/sign-in');
    await act(b, 'clerk08', '8/sign-in');
    await act(a, 'clerk07', '7/call-next'); // 3 ahead of mine now
    await eventually(() => accepted().length === 1, 10_000, 'the "ahead" text');
    await act(b, 'clerk08', '8/call-next'); // 2 ahead
    await act(a, 'clerk07', '7/complete');
    await act(a, 'clerk07', '7/call-next'); // 1 ahead
    await act(b, 'clerk08', '8/complete');
    await act(b, 'clerk08', '8/call-next'); // 0 ahead
    await act(a, 'clerk07', '7/complete');
    await act(a, 'clerk07', '7/call-next'); // mine, to window 7
    await eventually(() => accepted().length === 2, 10_000, 'the call text');
    await new Promise((r) => setTimeout(r, 500));

    const [ahead, called] = accepted();
    expect(accepted()).toHaveLength(2);
    expect(withoutCodes()).toHaveLength(4);
    expect(ahead).toMatchObject({ to: PHONE, template: 'ahead', params: { number: mine.number, ahead: '3' } });
    expect(ahead!.text).toBe(`【玉溪市政务服务中心】您的${mine.number}号前面还有3位，请回到大厅等候叫号。`);
    expect(called).toMatchObject({ to: PHONE, template: 'called', params: { number: mine.number, window: '7' } });
    expect(called!.text).toBe(`【玉溪市政务服务中心】请${mine.number}号到7号窗口办理。`);

    const log = await a.get(`${H}/notifications`, 'manager');
    expect(log.enabled).toBe(true);
    expect(log.deliveries.map((d: { kind: string; to: string; status: string; number: string }) => [d.kind, d.to, d.status, d.number])).toEqual([
      ['ahead', '138****1234', 'sent', mine.number],
      ['called', '138****1234', 'sent', mine.number],
    ]);
    expect(log.deliveries[0].attempts).toBe(3);
    await act(a, 'clerk07', '7/complete');
    // Two nodes on Redis, each message claimed, a provider failing first, and now a code texted and typed back first: slow on a busy machine.
  }, 90_000);

  it('a restarted node does not text again what was sent before it stopped', async () => {
    const before = accepted().length;
    const a = servers[0]!;
    const first = await issue(a, 'utility');
    const mine = await issue(a, 'utility');
    expect((await optIn(a, mine.key, PHONE, await follow(a, mine.key))).status).toBe(204);
    await issue(a, 'utility'); // a batch: mine has 1 ahead → texted
    await eventually(() => accepted().length === before + 1, 10_000, 'the "ahead" text');

    await a.close({ keepData: true });
    const again = await startServer({
      store: 'redis',
      redisUrl: redis.url,
      redisPrefix: prefix,
      dataDir: a.dataDir,
      env: { QMS_DATA_KEY: DATA_KEY, QMS_SMS_URL: `${sms.url}/sms`, QMS_KIOSK_TICKETS_PER_MINUTE: '10000', QMS_NOTIFY_OPTINS_PER_HOUR: '6' },
      extra: { notifyRetryBaseMs: 20 },
    });
    servers.push(again);
    await issue(again, 'utility'); // mine still within three: already texted
    await act(again, 'clerk07', '7/call-next'); // first
    await act(again, 'clerk07', '7/complete');
    await act(again, 'clerk07', '7/call-next'); // mine
    await eventually(() => accepted().length === before + 2, 10_000, 'the call text');
    await new Promise((r) => setTimeout(r, 500));
    const texts = accepted().slice(before);
    expect(texts.map((t) => [t.template, t.params.number])).toEqual([
      ['ahead', mine.number],
      ['called', mine.number],
    ]);
    expect(first.number).not.toBe(mine.number);
  });

  it('limits: one number per ticket, three tickets per number, opt-ins per address; none without a key', async () => {
    const srv = servers.at(-1)!;
    const other = '13900005678';
    const t = await issue(srv, 'invest');
    const sock = await follow(srv, t.key);
    expect((await optIn(srv, t.key, '139 0000 5678', sock)).status).toBe(204);
    expect((await optIn(srv, t.key, other, sock)).status).toBe(204); // the same number again
    const second = await optIn(srv, t.key, '13700001111', sock);
    expect([second.status, second.body.error.code]).toEqual([409, 'phone_already_set']);
    expect(second.body.error.message).toMatch(/^该号票已登记其他手机号，请先取消提醒/);
    expect((await srv.request('DELETE', `${H}/tickets/${t.key}/notify`)).status).toBe(204);
    expect((await srv.request('GET', `${H}/tickets/${t.key}/notify`)).body.phone).toBeNull();
    // That ticket counted once for the number (today): two more are fine, a fourth is not.
    for (let i = 0; i < 2; i++) {
      const u = await issue(srv, 'invest');
      expect((await optIn(srv, u.key, other, await follow(srv, u.key))).status).toBe(204);
    }
    const fourth = await issue(srv, 'invest');
    const refused = await optIn(srv, fourth.key, other, await follow(srv, fourth.key));
    expect([refused.status, refused.body.error.code]).toEqual([429, 'too_many_tickets']);

    // Per address: the sixth opt-in from one address in an hour is the last.
    const address = '10.99.0.1';
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const u = await issue(srv, 'estate');
      codes.push((await optIn(srv, u.key, `1360000${String(1000 + i)}`, await follow(srv, u.key), address)).status);
    }
    expect(codes).toEqual([204, 204, 204, 204, 204, 204, 429]);

    const off = await startServer({ store: 'embedded' });
    servers.push(off);
    const issued = await off.post(`${H}/tickets`, 'kiosk01', { areaId: 'invest' }, 201);
    const key = credentialOf(issued);
    const res = await off.request('POST', `${H}/tickets/${key}/notify`, { body: { phone: PHONE } });
    expect([res.status, res.body.error.code]).toEqual([409, 'notifications_off']);
    expect((await off.request('GET', `${H}/tickets/${key}/notify`)).body).toEqual({ enabled: false, phone: null });
  });

  it('the number is in no log line and nowhere in the store but sealed', async () => {
    const variants = [PHONE, '13900005678', '1380000', '00001234'];
    for (const srv of servers) {
      // Every field but pino's clock and the measured durations (a responseTime of 2.96013800000037 holds "1380000"): a number is logged as a string or an integer.
      const text = JSON.stringify(srv.logs, (key, value: unknown) =>
        key === 'time' || (typeof value === 'number' && !Number.isInteger(value)) ? undefined : value,
      );
      for (const v of variants) expect(text).not.toContain(v);
      // The request log names the opt-in path without its credential.
      expect(text).toMatch(/tickets\/…\/notify/);
    }
    const client = new Redis(redis.url);
    const values: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', '500');
      cursor = next;
      for (const key of keys) {
        const type = await client.type(key);
        values.push(key);
        if (type === 'string') values.push((await client.get(key)) ?? '');
        else if (type === 'hash') values.push(JSON.stringify(await client.hgetall(key)));
        else if (type === 'list') values.push(JSON.stringify(await client.lrange(key, 0, -1)));
        else if (type === 'set') values.push(JSON.stringify(await client.smembers(key)));
        else if (type === 'zset') values.push(JSON.stringify(await client.zrange(key, '0', '-1')));
        else if (type === 'stream') values.push(JSON.stringify(await client.xrange(key, '-', '+')));
      }
    } while (cursor !== '0');
    client.disconnect();
    const stored = values.join('\n');
    expect(stored).toContain('138****1234'); // the delivery log, masked
    for (const v of variants) expect(stored).not.toContain(v);
  });

  it('reminds a booking with a number at 18:00 the evening before, once', async () => {
    const clock = new ManualClock(Date.parse('2026-12-01T17:50:00+08:00'));
    const remind = await HttpReceiver.start();
    const srv = await startServer({ store: 'embedded', clock, env: { QMS_DATA_KEY: DATA_KEY, QMS_SMS_URL: `${remind.url}/sms` } });
    servers.push(srv);
    try {
      const { slots } = await srv.get(`${H}/appointments/slots?date=2026-12-02&areaId=invest`);
      const slot = (slots as Array<{ start: string; available: number }>).find((x) => x.available > 0)!;
      const booked = await srv.request('POST', `${H}/appointments`, {
        body: { areaId: 'invest', date: '2026-12-02', start: slot.start, phone: '186-0000-4321' },
      });
      expect(booked.status).toBe(201);
      await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'invest' }, 201); // a batch at 17:50: too early
      await new Promise((r) => setTimeout(r, 300));
      expect(remind.received).toHaveLength(0);
      clock.set(Date.parse('2026-12-01T18:01:00+08:00'));
      await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'invest' }, 201);
      await eventually(() => remind.received.length === 1, 10_000, 'the reminder');
      clock.set(Date.parse('2026-12-01T18:30:00+08:00'));
      await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'invest' }, 201);
      await new Promise((r) => setTimeout(r, 300));
      expect(remind.received).toHaveLength(1);
      const text = JSON.parse(remind.received[0]!.body) as Sms;
      expect(text).toMatchObject({ to: '18600004321', template: 'reminder', params: { date: '2026-12-02', time: slot.start } });
      expect(text.text).toBe(`【玉溪市政务服务中心】提醒：您预约了2026-12-02 ${slot.start}办理业务，请按时到大厅签到。`);
      expect(JSON.stringify(srv.logs)).not.toContain('18600004321');
      const log = await srv.get(`${H}/notifications?day=2026-12-02`, 'manager');
      expect(log.deliveries.map((d: { kind: string; to: string; status: string }) => [d.kind, d.to, d.status])).toEqual([['reminder', '186****4321', 'sent']]);
    } finally {
      await remind.close();
    }
  });
  it('"还有 N 位" follows the hall\'s own N (policy.smsAhead), refused outside 1–50; the hall API shows the policy in effect', async () => {
    const srv = await start();
    const { version, hall } = await config(srv);
    for (const bad of [0, 51, 2.5]) {
      const refused = await put(srv, { ...hall, policy: { ...hall.policy, smsAhead: bad } }, version, 'admin');
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('invalid_config');
    }
    expect((await srv.get(`${H}`, 'manager')).policy).toMatchObject({ smsAhead: 3, requeueBehind: 3, maxRequeues: 1, requeueWithinMinutes: 60 });
    expect((await put(srv, { ...hall, policy: { ...hall.policy, smsAhead: 1 } }, version, 'admin')).status).toBe(200);
    expect((await srv.get(`${H}`, 'manager')).policy).toMatchObject({ smsAhead: 1, requeueBehind: 3 });

    const phone = '13600002468';
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push(await issue(srv, 'business'));
    const mine = tickets[2]!;
    expect((await optIn(srv, mine.key, phone, await follow(srv, mine.key))).status).toBe(204);
    const mineTexts = () => accepted().filter((m) => m.to === phone);
    // Two ahead: the queue moves behind it (a new ticket), and with N = 1 nothing is sent.
    await issue(srv, 'business');
    await new Promise((r) => setTimeout(r, 700));
    expect(mineTexts()).toEqual([]);
    await act(srv, 'clerk12', '12/sign-in');
    await act(srv, 'clerk12', '12/call-next'); // one ahead now
    await eventually(() => mineTexts().length === 1, 10_000, 'the "ahead" text at N = 1');
    expect(mineTexts()[0]).toMatchObject({ template: 'ahead', params: { number: mine.number, ahead: '1' } });
    await put(srv, hall, version + 1, 'admin');
  });
});
