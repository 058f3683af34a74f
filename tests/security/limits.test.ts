/**
 * Issue 23, "one limiter for every limit": the rows of the table about guessing, turned into
 * tests against running servers on both stores (Redis a real `redis-server`).
 *
 * - password spraying: one address guessing over many accounts is cut at the per-address allowance;
 * - parallel guesses: a burst of wrong passwords for one account sent at once gets no more tries
 *   than the same guesses sent one by one (the counter is raised before the password is checked);
 * - the old-password check is a guess like a sign-in and shares its counters;
 * - pairing codes: a parallel burst of wrong codes from one address on Redis gets 5 real tries;
 * - user enumeration: an unknown user takes as long as a known one, a disabled account answers
 *   as a wrong password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAIRING_FAILURES_ALLOWED } from '../../server/domain/limits';
import { RedisProcess } from '../support/redis';
import { startServer, type ApiResponse, type TestServer } from '../support/server';

const LOGIN = '/api/v1/auth/login';
/** Smaller than the defaults so the tests stay short; the rule is the same. */
const PER_ACCOUNT = 6;
const PER_ADDRESS = 12;

const tally = (responses: ApiResponse[]): Record<number, number> => {
  const out: Record<number, number> = {};
  for (const r of responses) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
};

const signIn = (srv: TestServer, username: string, password: string, address: string) =>
  srv.request('POST', LOGIN, { body: { username, password }, headers: { 'x-forwarded-for': address } });

describe.each(['embedded', 'redis'] as const)('the one limiter on the %s store', (store) => {
  let redis: RedisProcess | undefined;
  let srv: TestServer;

  beforeAll(async () => {
    if (store === 'redis') redis = await RedisProcess.start();
    srv = await startServer({
      store,
      redisUrl: redis?.url,
      env: { QMS_LOGIN_FAILURES_PER_15_MINUTES: String(PER_ACCOUNT), QMS_LOGIN_FAILURES_PER_ADDRESS_PER_15_MINUTES: String(PER_ADDRESS) },
    });
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  it('password spraying: one address over many accounts is refused past the per-address allowance', async () => {
    const address = '203.0.113.50';
    const statuses: number[] = [];
    // Real accounts and made-up ones alike, one guess each: the per-account allowance is never reached.
    const usernames = Array.from({ length: PER_ADDRESS + 6 }, (_, i) => (i % 2 ? `clerk${String(i + 1).padStart(2, '0')}` : `nobody${i}`));
    for (const username of usernames) statuses.push((await signIn(srv, username, 'Spray-2026!', address)).status);
    expect(statuses).toEqual([...Array<number>(PER_ADDRESS).fill(401), ...Array<number>(6).fill(429)]);
    // Even the right password of a real account waits out the window from that address; another address is not held up.
    const refused = await signIn(srv, 'clerk20', 'demo', address);
    expect([refused.status, refused.body.error.code]).toEqual([429, 'rate_limited']);
    expect((await signIn(srv, 'clerk20', 'demo', '203.0.113.51')).status).toBe(200);
  });

  it('parallel guesses: a burst for one account from many addresses gets the per-account allowance, no more', async () => {
    const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => signIn(srv, 'clerk07', `wrong-${i}`, `198.51.100.${i + 1}`)));
    expect(tally(burst)).toEqual({ 401: PER_ACCOUNT, 429: 100 - PER_ACCOUNT });
    // The account's lock holds for the right password too, from a fresh address.
    expect((await signIn(srv, 'clerk07', 'demo', '192.0.2.200')).status).toBe(429);
  });

  it('successful sign-ins are given back: a hall behind one address is not limited by its own staff', async () => {
    const address = '203.0.113.60';
    for (let i = 0; i < PER_ADDRESS + 5; i++) expect((await signIn(srv, 'clerk08', 'demo', address)).status).toBe(200);
    expect((await signIn(srv, 'clerk08', 'nope', address)).status).toBe(401);
  });

  it('the old-password check is a guess at the account: limited with sign-in, counted before the check', async () => {
    const token = (await signIn(srv, 'clerk09', 'demo', '203.0.113.70')).body.token as string;
    const change = (oldPassword: string, i: number) =>
      srv.request('POST', '/api/v1/auth/password', {
        token,
        body: { oldPassword, newPassword: 'Harder-Pass-2026!' },
        headers: { 'x-forwarded-for': `198.18.0.${i + 1}` },
      });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => change(`guess-${i}`, i)));
    expect(tally(burst)).toEqual({ 403: PER_ACCOUNT, 429: 40 - PER_ACCOUNT });
    expect(burst.filter((r) => r.status === 403).every((r) => r.body.error.reason === 'wrong_password')).toBe(true);
    // Sign-in shares the account's counter.
    expect((await signIn(srv, 'clerk09', 'demo', '203.0.113.71')).status).toBe(429);
  });

  it('pairing codes: a parallel burst of wrong codes from one address gets 5 real tries, and does not spend the code', async () => {
    await srv.login('manager');
    const issued = await srv.request('POST', '/api/v1/admin/halls/yuxi/devices/rating01/pairing-code', { as: 'manager' });
    expect(issued.status).toBe(200);
    const real: string = issued.body.code;
    const pair = (code: string, address: string) =>
      srv.request('POST', '/api/v1/auth/pair', { body: { hallId: 'yuxi', code }, headers: { 'x-forwarded-for': address } });
    const wrong = Array.from({ length: 201 }, (_, i) => String(i).padStart(6, '0'))
      .filter((c) => c !== real)
      .slice(0, 200);
    const burst = await Promise.all(wrong.map((code) => pair(code, '198.51.100.250')));
    expect(tally(burst)).toEqual({ 400: PAIRING_FAILURES_ALLOWED, 429: 200 - PAIRING_FAILURES_ALLOWED });
    expect((await pair(real, '198.51.100.250')).status).toBe(429);
    const paired = await pair(real, '198.51.100.251');
    expect([paired.status, paired.body.user?.id]).toEqual([200, 'rating01']);
  });

  it('a disabled account answers exactly as a wrong password, with the right password too', async () => {
    expect((await srv.request('POST', '/api/v1/admin/accounts/clerk10/disable', { as: 'manager' })).status).toBe(200);
    const right = await signIn(srv, 'clerk10', 'demo', '203.0.113.80');
    const wrong = await signIn(srv, 'clerk10', 'not-it', '203.0.113.81');
    const unknown = await signIn(srv, 'clerk-none', 'demo', '203.0.113.82');
    expect(right.status).toBe(401);
    expect(right.body).toEqual(wrong.body);
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe('user enumeration by time', () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', env: { QMS_LOGIN_FAILURES_PER_15_MINUTES: '1000', QMS_LOGIN_FAILURES_PER_ADDRESS_PER_15_MINUTES: '1000' } });
  });
  afterAll(async () => srv?.close());

  it('a wrong password for an unknown user takes as long as for a real one (the same hashing)', async () => {
    const timed = async (username: string, i: number): Promise<number> => {
      const start = performance.now();
      expect((await signIn(srv, username, 'wrong-password', `192.0.2.${i + 1}`)).status).toBe(401);
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so a busy moment on the machine falls on both alike; medians, so one stall does not count.
    for (let i = 0; i < 15; i++) {
      known.push(await timed('clerk01', i));
      unknown.push(await timed(`no-such-user-${i}`, i));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Before: ~45 ms against ~3 ms (no hashing for an unknown user). Now both hash once.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
    expect(median(known)).toBeGreaterThan(median(unknown) * 0.5);
  });
});
