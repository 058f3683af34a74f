/**
 * Outbound requests only where allowed (等保 入侵防范, ASVS V12.6 SSRF), against receivers and
 * printers the test runs on this machine:
 * - webhook targets that are loopback, link-local (the metadata address), private, carrier-grade
 *   NAT or IPv4 spelled as a number or inside IPv6 are refused when subscribed, and a name that
 *   resolves to loopback is refused at each delivery (checked at the connection's own lookup);
 * - a redirect is not followed (the second receiver gets nothing, no signature leaks);
 * - a closed port, an open port speaking something else and a silent one read the same;
 * - the SMS gateway on loopback gets nothing unless QMS_OUTBOUND_ALLOW lists it;
 * - printers only on LAN addresses and ports 9100–9109 unless listed; names with control
 *   characters are refused everywhere they would reach paper, a text or a log line.
 */
import { rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket as TcpSocket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../printers/virtual-printer';
import { credentialOf } from '../support/credentials';
import { config, put } from '../support/hall-config';
import { eventually, HttpReceiver } from '../support/http-receiver';
import { freePort } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const SECRET = 'receiver-shared-secret-42';
/** No allow-list at all: the rule as it ships. */
const NOTHING_ALLOWED = { QMS_OUTBOUND_ALLOW: '' };

type Delivery = { id: string; status: string; attempts: number; lastError: string | null; lastStatus: number | null };

const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function receiver(): Promise<HttpReceiver> {
  const r = await HttpReceiver.start();
  cleanups.push(() => r.close());
  return r;
}

async function server(env: Record<string, string>, dataDir?: string): Promise<TestServer> {
  const srv = await startServer({
    store: 'embedded',
    dataDir,
    env: { QMS_KIOSK_TICKETS_PER_MINUTE: '10000', ...env },
    extra: { webhookRetry: { baseMs: 20, maxAttempts: 1, timeoutMs: 400 } },
  });
  cleanups.push(() => srv.close());
  return srv;
}

const subscribe = (srv: TestServer, url: string) =>
  srv.request('POST', '/api/v1/admin/webhooks', { as: 'admin', body: { url, events: ['ticket.issued'], secret: SECRET } });
const deliveries = async (srv: TestServer, id: string) => (await srv.get(`/api/v1/admin/webhooks/${id}/deliveries`, 'admin')).deliveries as Delivery[];
/** Issues a ticket (an event for every subscription) and waits until the subscription's delivery is finished. */
async function deliverOnce(srv: TestServer, hookId: string): Promise<Delivery> {
  await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'utility' }, 201);
  let last: Delivery | undefined;
  await eventually(
    async () => {
      last = (await deliveries(srv, hookId))[0];
      return last !== undefined && last.status !== 'pending';
    },
    10_000,
    'the delivery',
  );
  return last!;
}

describe('webhook targets', () => {
  let srv: TestServer;
  let r: HttpReceiver;
  beforeAll(async () => {
    r = await receiver();
    srv = await server(NOTHING_ALLOWED);
  });

  it('refuses loopback, link-local (metadata), private, CGNAT and disguised loopback addresses when subscribed', async () => {
    const port = new URL(r.url).port;
    const targets = [
      `http://127.0.0.1:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://0x7f000001:${port}/hook`,
      `http://2130706433:${port}/hook`,
      `http://0177.0.0.1:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      `http://localhost:${port}/hook`,
      'http://169.254.169.254/latest/meta-data/',
      'http://100.100.100.200/latest/meta-data/',
      'http://10.0.0.5/hook',
      'http://192.168.1.10:8080/hook',
      'http://[fd00:ec2::254]/hook',
      'http://0.0.0.0:8080/hook',
    ];
    for (const url of targets) {
      const res = await subscribe(srv, url);
      expect([url, res.status, res.body.error?.reason ?? res.body.error?.code]).toEqual([url, 400, 'outbound_not_allowed']);
      expect(res.body.error.message).toContain('QMS_OUTBOUND_ALLOW');
    }
    expect((await srv.get('/api/v1/admin/webhooks', 'admin')).webhooks).toEqual([]);
    expect(r.received).toEqual([]);
  });

  it('refuses at delivery a name that resolves to loopback, without connecting (a subscription kept from before)', async () => {
    // Made while the allow-list opened loopback; the next server starts on the same data without it.
    const before = await startServer({ store: 'embedded', env: { QMS_OUTBOUND_ALLOW: '127.0.0.1' } });
    const dataDir = before.dataDir;
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const made = await subscribe(before, `http://localhost:${new URL(r.url).port}/hook`);
    expect(made.status).toBe(201);
    await before.close({ keepData: true });
    const after = await server(NOTHING_ALLOWED, dataDir);
    const d = await deliverOnce(after, made.body.webhook.id);
    expect(d).toMatchObject({ status: 'dead', lastStatus: null });
    expect(d.lastError).toMatch(/^target not allowed: 127\.0\.0\.1 is a loopback address/);
    expect(r.received).toEqual([]);
  });
});

describe('webhook deliveries', () => {
  let srv: TestServer;
  beforeAll(async () => {
    // The receivers are on loopback: listed, so the other rules can be seen.
    srv = await server({ QMS_OUTBOUND_ALLOW: '127.0.0.1' });
  });

  it('does not follow a redirect: the target it names gets nothing, the signature goes nowhere else', async () => {
    const elsewhere = await receiver();
    const redirecting: HttpServer = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(307, { location: `${elsewhere.url}/stolen` }).end());
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => redirecting.close(resolve)));
    const hook = await subscribe(srv, `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/hook`);
    expect(hook.status).toBe(201);
    const d = await deliverOnce(srv, hook.body.webhook.id);
    expect(d).toMatchObject({ status: 'dead', lastStatus: 307, lastError: 'HTTP 307 (redirects are not followed)' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(elsewhere.received).toEqual([]);
  });

  it('says the same for a closed port, a port speaking another protocol and a silent one', async () => {
    const closed = await freePort();
    const sockets = new Set<TcpSocket>();
    const tcp = (onConnection: (s: TcpSocket) => void): Promise<TcpServer> =>
      new Promise((resolve) => {
        const s = createTcpServer((socket) => {
          sockets.add(socket);
          onConnection(socket);
        });
        s.listen(0, '127.0.0.1', () => resolve(s));
        cleanups.push(() => {
          for (const x of sockets) x.destroy();
          return new Promise((done) => s.close(done));
        });
      });
    // An SSH-like banner, then the connection closes; and one that accepts and never says anything.
    const ssh = await tcp((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const silent = await tcp(() => undefined);
    const errors: Array<[string | null, number | null]> = [];
    for (const port of [closed, (ssh.address() as AddressInfo).port, (silent.address() as AddressInfo).port]) {
      const hook = await subscribe(srv, `http://127.0.0.1:${port}/hook`);
      const d = await deliverOnce(srv, hook.body.webhook.id);
      errors.push([d.lastError, d.lastStatus]);
    }
    expect(errors).toEqual([
      ['no answer from the receiver', null],
      ['no answer from the receiver', null],
      ['no answer from the receiver', null],
    ]);
  });
});

describe('the SMS gateway', () => {
  it('gets nothing on loopback unless QMS_OUTBOUND_ALLOW lists it', async () => {
    const gateway = await receiver();
    const env = { QMS_DATA_KEY: 'c'.repeat(64), QMS_SMS_URL: `${gateway.url}/sms` };
    const optIn = async (srv: TestServer) => {
      const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'utility' }, 201);
      const key = credentialOf(issued);
      const phone: Socket = connect(`${srv.url}/halls`, { auth: { hallId: 'yuxi', credential: key }, transports: ['websocket'], reconnection: false });
      cleanups.push(() => phone.disconnect());
      await new Promise<void>((resolve, reject) => {
        phone.once('connect', () => resolve());
        phone.once('connect_error', reject);
      });
      return srv.request('POST', `${H}/tickets/${key}/notify`, { body: { phone: '13800001234' }, headers: { 'x-qms-socket': phone.id! } });
    };
    const shut = await server({ ...env, ...NOTHING_ALLOWED });
    const refused = await optIn(shut);
    expect([refused.status, refused.body.error.reason ?? refused.body.error.code]).toEqual([502, 'sms_not_sent']);
    expect(gateway.received).toEqual([]);
    expect(JSON.stringify(shut.logs)).toContain('target not allowed: 127.0.0.1 is a loopback address');

    const open = await server({ ...env, QMS_OUTBOUND_ALLOW: '127.0.0.1/32' });
    expect((await optIn(open)).status).toBe(202);
    expect(gateway.received).toHaveLength(1);
  });
});

describe('printer addresses', () => {
  let printer: VirtualPrinter;
  let srv: TestServer;
  const TEST = (device: string) => `/api/v1/admin/halls/yuxi/devices/${device}/print-test`;

  beforeAll(async () => {
    printer = await VirtualPrinter.start();
    cleanups.push(() => printer.close());
    srv = await server({ ...NOTHING_ALLOWED, QMS_DEMO_PRINTER: printer.address });
  });

  const withPrinter = async (id: string, address: string) => {
    const { version, hall } = await config(srv);
    const devices = [...(hall.devices as Array<Record<string, unknown>>), { id, kind: 'kiosk', printer: address }];
    expect((await put(srv, { ...hall, devices }, version, 'admin')).status).toBe(200);
  };

  it('refuses loopback, link-local, public and non-printer ports before connecting; the kiosk ticket says so', async () => {
    const port = new URL(printer.address.replace('tcp:', 'http:')).port;
    const refused: Array<[string, number, string]> = [];
    const cases: Array<[string, string]> = [
      ['kiosk-loop', `tcp://127.0.0.1:${port}`],
      ['kiosk-name', `tcp://localhost:${port}`],
      ['kiosk-meta', 'tcp://169.254.169.254:9100'],
      ['kiosk-public', 'tcp://8.8.8.8:9100'],
      ['kiosk-ssh', 'tcp://192.168.1.20:22'],
      ['kiosk-redis', 'tcp://10.0.0.20:6379'],
    ];
    for (const [id, address] of cases) {
      await withPrinter(id, address);
      const res = await srv.request('POST', TEST(id), { as: 'admin', body: {} });
      refused.push([id, res.status, res.body.error.reason ?? res.body.error.code]);
    }
    expect(refused).toEqual(cases.map(([id]) => [id, 403, 'printer_not_allowed']));
    // The demo kiosk's own printer is on loopback too: its ticket is issued, not printed, and says why.
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'utility' }, 201);
    expect(issued.print).toEqual({ status: 'failed', error: 'printer_not_allowed' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(printer.jobs).toEqual([]);
  });

  it('lets a LAN printer port through (and an address the allow-list names, on any port)', async () => {
    // 10.255.255.1:9100 is allowed: it is tried (whatever answers there on this network), not refused by the rule.
    await withPrinter('kiosk-lan', 'tcp://10.255.255.1:9100');
    const lan = await srv.request('POST', TEST('kiosk-lan'), { as: 'admin', body: {} });
    expect([200, 503]).toContain(lan.status);
    expect(lan.body.error?.code).not.toBe('printer_not_allowed');

    const listed = await server({ QMS_OUTBOUND_ALLOW: '127.0.0.1', QMS_DEMO_PRINTER: printer.address });
    expect((await listed.request('POST', TEST('kiosk01'), { as: 'manager', body: {} })).status).toBe(200);
    await printer.jobWhere((j) => j.decoded.lines.includes('打印测试'));
  });
});

describe('names with control characters', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await server({});
  });

  it('are refused in the hall’s name and address, its areas, services, windows and staff accounts', async () => {
    const { version, hall } = await config(srv);
    type Area = Record<string, unknown> & { services: Array<Record<string, unknown>> };
    const h = { ...hall, areas: hall.areas as unknown as Area[] };
    const bad = [
      ['name', { ...h, name: '玉溪市政务服务中心\r\n\x1b@' }],
      ['address', { ...h, address: '玉溪\n红塔区' }],
      ['areas[0].name', { ...h, areas: h.areas.map((a, i) => (i === 0 ? { ...a, name: 'A\x1bd\x05' } : a)) }],
      [
        'areas[0].services[0].name',
        { ...h, areas: h.areas.map((a, i) => (i === 0 ? { ...a, services: a.services.map((s, j) => (j === 0 ? { ...s, name: '社保\u2028卡' } : s)) } : a)) },
      ],
      ['windows[0].name', { ...h, windows: h.windows.map((w, i) => (i === 0 ? { ...w, name: '1号\t窗口' } : w)) }],
    ] as const;
    for (const [path, doc] of bad) {
      const res = await put(srv, doc, version, 'admin');
      expect([path, res.status, res.body.error.code]).toEqual([path, 400, 'invalid_config']);
      expect(res.body.error.problems.map((p: { path: string }) => p.path)).toContain(path);
    }
    const account = await srv.request('POST', '/api/v1/admin/accounts', {
      as: 'admin',
      body: { id: 'clerk-x', name: '张三\r\nrole=admin', role: 'clerk', hallId: 'yuxi' },
    });
    expect([account.status, account.body.error.code]).toEqual([400, 'invalid_request']);
    expect((await config(srv)).version).toBe(version);
  });
});
