/**
 * Tokens on two real server nodes sharing one real Redis: each lives as long as its role's setting
 * and carries its own id; an expired one is refused over HTTP and Socket.IO; signing out
 * (`POST /api/v1/auth/logout`) refuses that one token on every node from then on — HTTP, new
 * Socket.IO handshakes, and the connections already open with it — while the user's other tokens
 * keep working. The sign-out is kept in Redis exactly as long as the token would have lived.
 */
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenPayload } from '../../server/http/context';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const PREFIX = 'tokens:';

interface Claims extends TokenPayload {
  jti: string;
  iat: number;
  exp: number;
}

const claimsOf = (token: string): Claims => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

function socketTo(srv: TestServer, token: string): Socket {
  return connect(`${srv.url}/halls`, { auth: { token, hallId: 'yuxi' }, transports: ['websocket'], reconnection: false, forceNew: true });
}

/** Resolves on connect; rejects with the server's refusal. */
function opened(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Resolves with the refusal message; rejects if the handshake is accepted. */
function refused(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected with a token that should be refused')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

describe('tokens on two nodes sharing one Redis', () => {
  let redis: RedisProcess;
  let a: TestServer;
  let b: TestServer;
  const sockets: Socket[] = [];

  /** A fresh sign-in (not the test server's cached token). */
  async function signIn(srv: TestServer, username: string): Promise<string> {
    const res = await srv.request('POST', '/api/v1/auth/login', { body: { username, password: 'demo' } });
    expect(res.status).toBe(200);
    return res.body.token;
  }
  const open = (srv: TestServer, token: string) => {
    const s = socketTo(srv, token);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    redis = await RedisProcess.start();
    const env = { QMS_STAFF_TOKEN_HOURS: '2', QMS_DEVICE_TOKEN_HOURS: '48' };
    a = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: PREFIX, env });
    b = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: PREFIX, env });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('a staff token lives QMS_STAFF_TOKEN_HOURS, a device token QMS_DEVICE_TOKEN_HOURS, each with its own id', async () => {
    const first = claimsOf(await signIn(a, 'clerk01'));
    const second = claimsOf(await signIn(b, 'clerk01'));
    const kiosk = claimsOf(await signIn(a, 'kiosk01'));
    const manager = claimsOf(await signIn(b, 'manager'));
    expect(first.exp - first.iat).toBe(2 * 3600);
    expect(manager.exp - manager.iat).toBe(2 * 3600);
    expect(kiosk.exp - kiosk.iat).toBe(48 * 3600);
    expect(first.jti).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(new Set([first.jti, second.jti, kiosk.jti, manager.jti]).size).toBe(4);
    expect(first).toMatchObject({ sub: 'clerk01', role: 'clerk', hallId: 'yuxi' });
  });

  it('an expired token is refused over HTTP and Socket.IO, and the answer says it expired', async () => {
    const payload = { ...claimsOf(await signIn(a, 'display01')) } as Partial<Claims>;
    const jti = payload.jti!;
    delete payload.iat;
    delete payload.jti;
    const expired = a.app.jwt.sign({ ...payload, exp: Math.floor(Date.now() / 1000) - 1 } as TokenPayload, { jti });
    for (const srv of [a, b]) {
      const res = await srv.request('GET', `${H}/board`, { token: expired, headers: { 'accept-language': 'en' } });
      expect([res.status, res.body.error.code]).toEqual([401, 'unauthorized']);
      expect(res.body.error.message).toContain('token expired');
      expect(await refused(open(srv, expired))).toMatch(/^unauthorized/);
    }
  });

  it('signing out refuses that token on every node — HTTP, new and open Socket.IO connections — and only that token', async () => {
    const token = await signIn(a, 'clerk02');
    const other = await signIn(b, 'clerk02');
    const onA = open(a, token);
    const onB = open(b, token);
    await Promise.all([opened(onA), opened(onB)]);
    const closed = [onA, onB].map((s) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason))));

    const out = await a.request('POST', '/api/v1/auth/logout', { token });
    expect([out.status, out.body]).toEqual([200, { signedOut: true }]);

    // The connections already open with it end, on this node and the other.
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    for (const srv of [a, b]) {
      const me = await srv.request('GET', '/api/v1/auth/me', { token, headers: { 'accept-language': 'en' } });
      expect([me.status, me.body.error.code]).toEqual([401, 'unauthorized']);
      expect(me.body.error.message).toContain('token signed out');
      expect((await srv.request('POST', `${H}/windows/2/sign-in`, { token, body: {} })).status).toBe(401);
      expect(await refused(open(srv, token))).toMatch(/^unauthorized/);
    }
    expect((await a.request('POST', '/api/v1/auth/logout', { token })).status).toBe(401);

    // The same clerk's other token is untouched.
    for (const srv of [a, b]) expect((await srv.request('GET', '/api/v1/auth/me', { token: other })).body.user.id).toBe('clerk02');
    await opened(open(b, other));
    expect((await b.request('POST', `${H}/windows/2/sign-in`, { token: other, body: {} })).status).toBe(200);
  });

  it('keeps a sign-out in Redis as long as the token would have lived, and no longer', async () => {
    const token = await signIn(b, 'manager');
    const { jti, exp } = claimsOf(token);
    expect((await b.request('POST', '/api/v1/auth/logout', { token })).status).toBe(200);
    const client = new Redis(redis.url);
    try {
      const ttlMs = await client.pttl(`${PREFIX}kv:revoked-token:${jti}`);
      const lifeLeftMs = exp * 1000 - Date.now();
      // Kept until the token expires (plus a minute for clocks that differ between nodes).
      expect(ttlMs).toBeGreaterThan(lifeLeftMs);
      expect(ttlMs).toBeLessThanOrEqual(lifeLeftMs + 61_000);
    } finally {
      client.disconnect();
    }
  });
});
