/**
 * Texts only to numbers that asked (短信验证码), and only a few to any number, whatever the address
 * — on both stores, with bursts sent in parallel against a gateway the test runs:
 * - opting in texts a 6-digit code; nothing is kept and no reminder goes out until the phone page
 *   sends it back; a wrong code is refused, at most 5 tries per code even in parallel;
 * - at most 5 codes per number per day, from any number of addresses;
 * - at most 3 bookings per number per day (a burst from two addresses books 3, not every slot);
 * - at most 3 appointment reminders per number per day, however the bookings were spread.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/app/clock';
import { credentialOf } from '../support/credentials';
import { eventually, HttpReceiver } from '../support/http-receiver';
import { RedisProcess } from '../support/redis';
import { startServer, type StoreKind, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const DATA_KEY = Buffer.alloc(32, 9).toString('base64');
// A Tuesday morning in the hall: Wednesday (with its evening session) is bookable.
const T0 = Date.parse('2026-12-01T10:00:00+08:00');
const WEDNESDAY = '2026-12-02';

interface Sms {
  to: string;
  template: string;
  params: Record<string, string>;
  text: string;
}

describe.each<StoreKind>(['embedded', 'redis'])('text messages on the %s store', (store) => {
  let redis: RedisProcess | undefined;
  let gateway: HttpReceiver;
  let srv: TestServer;
  const clock = new ManualClock(T0);
  const phones: Socket[] = [];
  let addresses = 0;
  const nextAddress = () => `10.77.${Math.floor(++addresses / 250)}.${addresses % 250}`;

  beforeAll(async () => {
    if (store === 'redis') redis = await RedisProcess.start();
    gateway = await HttpReceiver.start();
    srv = await startServer({
      store,
      redisUrl: redis?.url,
      clock,
      env: { QMS_DATA_KEY: DATA_KEY, QMS_SMS_URL: `${gateway.url}/sms`, QMS_KIOSK_TICKETS_PER_MINUTE: '10000', QMS_NOTIFY_OPTINS_PER_HOUR: '1000' },
      extra: { notifyRetryBaseMs: 20 },
    });
  });
  afterAll(async () => {
    for (const p of phones) p.disconnect();
    await srv?.close();
    await gateway?.close();
    await redis?.stop();
  });

  const texts = (): Sms[] => gateway.received.map((r) => JSON.parse(r.body) as Sms);
  const codesTo = (phone: string) => texts().filter((t) => t.template === 'code' && t.to === phone);
  const issue = async (areaId = 'utility') => {
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId }, 201);
    return { id: issued.ticket.id as string, number: issued.ticket.number as string, key: credentialOf(issued) };
  };
  /** The ticket's phone page: its socket following the ticket. */
  const follow = async (key: string): Promise<string> => {
    const phone = connect(`${srv.url}/halls`, { auth: { hallId: 'yuxi', credential: key }, transports: ['websocket'], reconnection: false });
    phones.push(phone);
    await new Promise<void>((resolve, reject) => {
      phone.once('connect', () => resolve());
      phone.once('connect_error', reject);
    });
    return phone.id!;
  };
  const askCode = async (key: string, phone: string, address = nextAddress()) =>
    srv.request('POST', `${H}/tickets/${key}/notify`, { body: { phone }, headers: { 'x-qms-socket': await follow(key), 'x-forwarded-for': address } });
  const confirm = (key: string, code: string) =>
    srv.request('POST', `${H}/tickets/${key}/notify/confirm`, { body: { code }, headers: { 'x-forwarded-for': nextAddress() } });
  const reason = (res: { body: { error?: { code: string; reason?: string } } }) => res.body.error?.reason ?? res.body.error?.code;

  it('texts a 6-digit code and keeps the number only once the phone page sends it back', async () => {
    const phone = '13800005555';
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push(await issue('fund'));
    const mine = tickets[4]!;
    const asked = await askCode(mine.key, phone);
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ codeSent: true, expiresInSeconds: 600 });
    await eventually(() => codesTo(phone).length === 1, 10_000, 'the code');
    const [sms] = codesTo(phone);
    expect(sms!.params.code).toMatch(/^\d{6}$/);
    expect(sms!.text).toContain(sms!.params.code!);
    expect(sms!.text).toMatch(/^【玉溪市政务服务中心】您的短信验证码为\d{6}，10分钟内有效/);
    // Not on yet: nothing kept, and the queue moving within three sends nothing.
    expect((await srv.request('GET', `${H}/tickets/${mine.key}/notify`)).body).toEqual({ enabled: true, phone: null });
    await srv.post(`${H}/windows/14/sign-in`, 'clerk14', {});
    await srv.post(`${H}/windows/14/call-next`, 'clerk14', {}); // three ahead of mine
    await new Promise((r) => setTimeout(r, 500));
    expect(
      texts()
        .filter((t) => t.to === phone)
        .map((t) => t.template),
    ).toEqual(['code']);

    const wrong = sms!.params.code === '000000' ? '111111' : '000000';
    const refused = await confirm(mine.key, wrong);
    expect([refused.status, reason(refused)]).toEqual([400, 'sms_code_wrong']);
    expect(refused.body.error.message).toMatch(/^验证码不正确/);
    expect((await confirm(mine.key, sms!.params.code!)).status).toBe(204);
    expect((await srv.request('GET', `${H}/tickets/${mine.key}/notify`)).body).toEqual({ enabled: true, phone: '138****5555' });
    // Used: the same code again is void.
    expect(reason(await confirm(mine.key, sms!.params.code!))).toBe('sms_code_expired');
    await srv.post(`${H}/windows/14/complete`, 'clerk14', {}); // the queue moves: the first text after the code
    await eventually(() => texts().some((t) => t.to === phone && t.template === 'ahead'), 10_000, 'the "ahead" text');
    expect(
      texts()
        .filter((t) => t.to === phone)
        .map((t) => [t.template, t.params.number, t.params.ahead]),
    ).toEqual([
      ['code', undefined, undefined],
      ['ahead', mine.number, '3'],
    ]);
  });

  it('a burst of wrong codes in parallel gets five tries, then the code is void', async () => {
    const phone = '13800006666';
    const t = await issue();
    expect((await askCode(t.key, phone)).status).toBe(202);
    await eventually(() => codesTo(phone).length === 1, 10_000, 'the code');
    const right = codesTo(phone)[0]!.params.code!;
    const guesses = Array.from({ length: 30 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(guesses.map((g) => confirm(t.key, g)));
    const tally: Record<string, number> = {};
    for (const a of answers) tally[`${a.status} ${reason(a)}`] = (tally[`${a.status} ${reason(a)}`] ?? 0) + 1;
    expect(tally).toEqual({ '400 sms_code_wrong': 5, '409 sms_code_expired': 25 });
    // Even the right code now: a new one must be asked for.
    expect(reason(await confirm(t.key, right))).toBe('sms_code_expired');
    expect((await srv.request('GET', `${H}/tickets/${t.key}/notify`)).body.phone).toBeNull();
  });

  it('texts at most five codes to one number a day, from any number of addresses, in parallel', async () => {
    const phone = '13900007777';
    const tickets = [];
    for (let i = 0; i < 8; i++) tickets.push(await issue());
    const answers = await Promise.all(tickets.map((t) => askCode(t.key, phone)));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
    expect(answers.filter((a) => a.status === 429).map(reason)).toEqual(['too_many_codes', 'too_many_codes', 'too_many_codes']);
    await new Promise((r) => setTimeout(r, 300));
    expect(codesTo(phone)).toHaveLength(5);
  });

  it('books at most three places a day for one number: a parallel burst from two addresses gets three', async () => {
    const { slots } = await srv.get(`${H}/appointments/slots?date=${WEDNESDAY}&areaId=invest`);
    // 20 slots, two requests each: 20 per address, within its hourly limit; only the number's cap refuses.
    const open = (slots as Array<{ start: string; available: number }>).filter((s) => s.available >= 2).slice(0, 20);
    expect(open.length).toBeGreaterThanOrEqual(10);
    // Two requests per slot (its capacity), so whichever three win, each gets its place.
    const requests = open
      .flatMap((s) => [s, s])
      .map((s, i) =>
        srv.request('POST', `${H}/appointments`, {
          body: { areaId: 'invest', date: WEDNESDAY, start: s.start, phone: '186-0000-1111' },
          headers: { 'x-forwarded-for': i % 2 ? '10.88.0.1' : '10.88.0.2' },
        }),
      );
    const answers = await Promise.all(requests);
    const booked = answers.filter((a) => a.status === 201);
    expect(booked).toHaveLength(3);
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, reason(a)])).toEqual(Array(answers.length - 3).fill([429, 'too_many_bookings']));
    // Without a number a booking is not counted against it.
    const plain = await srv.request('POST', `${H}/appointments`, {
      body: { areaId: 'invest', date: WEDNESDAY, start: open.at(-1)!.start },
      headers: { 'x-forwarded-for': '10.88.0.3' },
    });
    expect(plain.status).toBe(201);
  });
});

describe('appointment reminders per number', () => {
  it('texts one number at most three reminders for a day, however the bookings were spread', async () => {
    const gateway = await HttpReceiver.start();
    const clock = new ManualClock(Date.parse('2026-11-30T10:00:00+08:00')); // a Monday
    const srv = await startServer({ store: 'embedded', clock, env: { QMS_DATA_KEY: DATA_KEY, QMS_SMS_URL: `${gateway.url}/sms` } });
    try {
      const book = async (n: number) => {
        const { slots } = await srv.get(`${H}/appointments/slots?date=${WEDNESDAY}&areaId=business`);
        const free = (slots as Array<{ start: string; available: number }>).filter((s) => s.available > 0);
        for (let i = 0; i < n; i++) {
          const res = await srv.request('POST', `${H}/appointments`, {
            body: { areaId: 'business', date: WEDNESDAY, start: free[i]!.start, phone: '13700002222' },
          });
          expect(res.status).toBe(201);
        }
      };
      await book(3); // Monday: three for Wednesday (the day's most)
      clock.set(Date.parse('2026-12-01T10:00:00+08:00'));
      await book(3); // Tuesday: three more for Wednesday
      clock.set(Date.parse('2026-12-01T18:01:00+08:00'));
      await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'business' }, 201); // a batch after 18:00: the reminders are due
      await eventually(async () => (await srv.get(`${H}/notifications?day=${WEDNESDAY}`, 'manager')).deliveries.length === 6, 10_000, 'six reminders decided');
      await eventually(
        async () => (await srv.get(`${H}/notifications?day=${WEDNESDAY}`, 'manager')).deliveries.every((d: { status: string }) => d.status !== 'sending'),
        10_000,
        'all done',
      );
      const log = (await srv.get(`${H}/notifications?day=${WEDNESDAY}`, 'manager')).deliveries as Array<{ kind: string; status: string; error: string | null }>;
      expect(log.filter((d) => d.status === 'sent')).toHaveLength(3);
      expect(log.filter((d) => d.status === 'failed').map((d) => d.error)).toEqual(
        Array(3).fill('not sent: the number has had the most reminders allowed for the day'),
      );
      expect(gateway.received.map((r) => (JSON.parse(r.body) as Sms).template)).toEqual(['reminder', 'reminder', 'reminder']);
    } finally {
      await srv.close();
      await gateway.close();
    }
  });
});
