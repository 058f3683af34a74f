/**
 * A refused live connection is one warn line saying why (an origin mismatch names the Origin, the
 * Host seen and the fix), written once a minute however often a screen retries; and behind a
 * trusted proxy a page served on another port (nginx `Host $host` drops it, or X-Forwarded-Host
 * keeps it) is still its own site.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol';
import { startServer, type TestServer } from '../support/server';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

function open(url: string, auth: Record<string, unknown>, headers?: Record<string, string>): Client {
  return connect(`${url}/halls`, { auth, transports: ['websocket'], reconnection: false, extraHeaders: headers });
}

/** Connects, then closes: whether the server let it in, or the message it refused with. */
function attempt(socket: Client): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (err) => {
      socket.close();
      resolve(err.message);
    });
  });
}

const refusals = (srv: TestServer) => srv.logs.filter((l) => l.event === 'handshake_refused');

describe('a server trusting its local proxy (QMS_TRUST_PROXY=loopback, the default)', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({ store: 'embedded' });
  });
  afterAll(async () => srv?.close());

  it('lets in a page on :8090 whose proxy passed Host without the port, or the port in X-Forwarded-Host', async () => {
    const token = await srv.login('display01');
    const auth = { token, hallId: 'yuxi' };
    expect(await attempt(open(srv.url, auth, { origin: 'http://hall.example:8090', host: 'hall.example' }))).toBe('connected');
    expect(await attempt(open(srv.url, auth, { origin: 'http://hall.example:8090', 'x-forwarded-host': 'hall.example:8090' }))).toBe('connected');
    expect(await attempt(open(srv.url, auth, { origin: 'https://hall.example', 'x-forwarded-host': 'hall.example', 'x-forwarded-proto': 'https' }))).toBe(
      'connected',
    );
    expect(refusals(srv)).toEqual([]);
  });

  it('refuses another site, one warn line naming Origin, Host and the fix — once, however often it retries', async () => {
    const token = await srv.login('display01');
    for (let i = 0; i < 5; i++) {
      expect(await attempt(open(srv.url, { token, hallId: 'yuxi' }, { origin: 'http://evil.example:8090', host: 'hall.example' }))).not.toBe('connected');
    }
    const lines = refusals(srv).filter((l) => l.reason === 'origin_mismatch');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, origin: 'http://evil.example:8090', host: 'hall.example' });
    expect(String(lines[0]!.msg)).toContain('http://evil.example:8090');
    expect(String(lines[0]!.msg)).toContain('proxy_set_header Host $http_host;');
    expect(String(lines[0]!.fix)).toContain('QMS_ALLOWED_ORIGINS');
  });

  it('logs a bad token and a hall the account does not belong to with their reasons and the hall', async () => {
    expect(await attempt(open(srv.url, { token: 'nonsense', hallId: 'yuxi' }))).toMatch(/^unauthorized/);
    expect(await attempt(open(srv.url, { token: 'nonsense', hallId: 'yuxi' }))).toMatch(/^unauthorized/);
    expect(await attempt(open(srv.url, { token: await srv.login('tonghai-clerk01'), hallId: 'yuxi' }))).toMatch(/^forbidden/);
    await vi.waitFor(() => expect(refusals(srv).filter((l) => l.reason !== 'origin_mismatch')).toHaveLength(2));
    const [token, hall] = refusals(srv).filter((l) => l.reason !== 'origin_mismatch');
    expect(token).toMatchObject({ level: 40, reason: 'unauthorized', hallId: 'yuxi', ip: '127.0.0.1' });
    expect(String(token!.msg)).toContain('invalid or expired token');
    expect(hall).toMatchObject({ level: 40, reason: 'forbidden', hallId: 'yuxi' });
  });
});

describe('a server trusting no proxy (QMS_TRUST_PROXY=0)', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', env: { QMS_TRUST_PROXY: '0', QMS_ALLOWED_ORIGINS: 'https://screens.example' } });
  });
  afterAll(async () => srv?.close());

  it('believes no X-Forwarded-Host, refuses a Host that lost its port, and lets in the allowed origins', async () => {
    const auth = { token: await srv.login('display01'), hallId: 'yuxi' };
    expect(await attempt(open(srv.url, auth, { origin: 'http://hall.example:8090', host: 'hall.example' }))).not.toBe('connected');
    expect(await attempt(open(srv.url, auth, { origin: 'http://hall.example:8091', 'x-forwarded-host': 'hall.example:8091' }))).not.toBe('connected');
    expect(await attempt(open(srv.url, auth, { origin: 'https://screens.example' }))).toBe('connected');
    const lines = refusals(srv);
    expect(lines.map((l) => [l.origin, l.host])).toEqual([
      ['http://hall.example:8090', 'hall.example'],
      ['http://hall.example:8091', srv.url.replace('http://', '')],
    ]);
  });
});
