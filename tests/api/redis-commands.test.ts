/**
 * Issue 24: Redis commands per command, counted by Redis itself (INFO commandstats on the test's
 * own redis-server, where commands run inside a script count too). A ticket's cost on the hot path
 * is mostly its round trips and their commands; these bounds keep a new GET, SET or script call per
 * ticket or per call from slipping in unnoticed. Counts, not clocks: every request is awaited.
 *
 * Commands arriving at one hall while its append is in flight go into the next append together
 * (group commit, `day-log.ts`): many kiosks at once cost fewer appends than tickets, and each still
 * gets its own number, once.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
/** Commands a script runs inside Redis (no round trip of their own). */
const IN_SCRIPTS = new Set(['xrevrange', 'xadd', 'sadd', 'publish', 'incr', 'pexpire']);
/**
 * Commands on a timer, not per request: the screens' adapter polling (XREAD), store probes (PING),
 * and the INFO that reads the counts.
 */
const BACKGROUND = new Set(['xread', 'ping', 'info']);

type Counts = Record<string, number>;

describe('Redis commands per ticket issue and per call (INFO commandstats)', () => {
  let redis: RedisProcess;
  let srv: TestServer;
  let stats: Redis;

  const commandstats = async (): Promise<Counts> => {
    const out: Counts = {};
    for (const m of (await stats.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) out[m[1]!] = Number(m[2]);
    return out;
  };
  /** Commands per request while `run` made `requests` requests, the INFO calls themselves left out. */
  const perRequest = async (requests: number, run: () => Promise<void>): Promise<{ each: Counts; sent: number; total: number }> => {
    const before = await commandstats();
    await run();
    // Behind every command the server sent on its connection (an answer does not wait for its
    // idempotency save, `idempotency.ts`).
    await srv.app.qms.store.ping();
    const after = await commandstats();
    const each: Counts = {};
    let sent = 0;
    let total = 0;
    for (const [cmd, n] of Object.entries(after)) {
      const d = n - (before[cmd] ?? 0);
      if (d <= 0 || BACKGROUND.has(cmd)) continue;
      each[cmd] = Math.round((d / requests) * 100) / 100;
      total += d;
      if (!IN_SCRIPTS.has(cmd)) sent += d;
    }
    return { each, sent: Math.round((sent / requests) * 100) / 100, total: Math.round((total / requests) * 100) / 100 };
  };
  const post = (path: string, as: string, expected: number) => srv.post(path, as, {}, expected, randomUUID());

  beforeAll(async () => {
    redis = await RedisProcess.start();
    // Kiosks are not rate-limited at these rates (the limit's counter is still counted per ticket).
    srv = await startServer({ store: 'redis', redisUrl: redis.url, env: { QMS_KIOSK_TICKETS_PER_MINUTE: '100000' } });
    stats = new Redis(redis.url, { lazyConnect: true });
    await stats.connect();
    // Sign-ins, windows opened and the hall loaded before anything is counted.
    await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201, randomUUID());
    await srv.post(`${H}/windows/3/call-next`, 'clerk03', {}, 200, randomUUID());
    await srv.post(`${H}/windows/3/complete`, 'clerk03', {}, 200, randomUUID());
  });
  afterAll(async () => {
    stats?.disconnect();
    await srv?.close();
    await redis?.stop();
  });

  it('a kiosk ticket, one after another: at most 4 commands sent, 8 in all', async () => {
    const n = 40;
    const counted = await perRequest(n, async () => {
      for (let i = 0; i < n; i++) await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201, randomUUID());
    });
    console.log('per ticket', counted);
    expect(counted.sent, JSON.stringify(counted)).toBeLessThanOrEqual(4);
    // The limiter's PEXPIRE runs once per counting window, not per ticket: a minute that turns during the run adds one.
    const expiries = (counted.each.pexpire ?? 0) * n;
    expect(expiries, JSON.stringify(counted)).toBeLessThanOrEqual(2);
    expect(counted.total - expiries / n, JSON.stringify(counted)).toBeLessThanOrEqual(8);
  });

  it('a call-next and its completion, one after another: at most 3 commands sent each, 6 in all', async () => {
    const n = 20;
    const counted = await perRequest(2 * n, async () => {
      for (let i = 0; i < n; i++) {
        await post(`${H}/windows/3/call-next`, 'clerk03', 200);
        await post(`${H}/windows/3/complete`, 'clerk03', 200);
      }
    });
    console.log('per call or completion', counted);
    expect(counted.sent, JSON.stringify(counted)).toBeLessThanOrEqual(3);
    // As for tickets: a limiter window that turns during the run adds one PEXPIRE.
    const expiries = (counted.each.pexpire ?? 0) * 2 * n;
    expect(expiries, JSON.stringify(counted)).toBeLessThanOrEqual(2);
    expect(counted.total - expiries / (2 * n), JSON.stringify(counted)).toBeLessThanOrEqual(6);
  });

  it('32 kiosks at once in one hall: fewer appends than tickets, every number once', async () => {
    const n = 32;
    const token = await srv.login('kiosk01');
    const numbers: string[] = [];
    const appends = async () => (await commandstats()).xrevrange ?? 0;
    const before = await appends();
    const counted = await perRequest(n, async () => {
      const answers = await Promise.all(
        Array.from({ length: n }, () =>
          srv.app.inject({
            method: 'POST',
            url: `${H}/tickets`,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            payload: { areaId: 'tax' },
          }),
        ),
      );
      for (const a of answers) {
        expect(a.statusCode).toBe(201);
        numbers.push((JSON.parse(a.body) as { ticket: { number: string } }).ticket.number);
      }
    });
    console.log('per ticket, 32 at once', counted);
    // Each append reads the stream's last version once (append-events.lua).
    const batches = (await appends()) - before;
    expect(batches).toBeLessThanOrEqual(n / 2);
    expect(new Set(numbers).size).toBe(n);
    expect(counted.each.xadd).toBe(1);
  });
});
