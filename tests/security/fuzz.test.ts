/**
 * Fuzzing every route (fast-check) on a real server on a real Redis: random path parameters, query
 * strings, headers and bodies — wrong types, huge and deeply nested values, unicode, lone
 * surrogates, missing fields, broken JSON, wrong content types, wrong methods — with valid tokens of
 * several roles and halls, expired, forged and junk ones. Whatever comes in, the answer is never a
 * 5xx, and every refusal has the one error shape with a known code and its status.
 *
 * Requests too broken for Node's parser get the same shape from the raw socket.
 * Socket.IO's inbound side gets the same: random handshakes and random `hall:sync` payloads never
 * crash the server and are answered in the error shape.
 */
import { createHmac } from 'node:crypto';
import { createConnection } from 'node:net';
import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../server/domain/errors';
import type { TokenPayload } from '../../server/http/context';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';
import { ROUTES, routeName, type RouteRule } from './route-table';

/** More with FUZZ_RUNS=300 when hunting; 30 keeps `npm test` quick. */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 30);

const KNOWN_FIELDS = [
  'areaId',
  'serviceId',
  'priority',
  'appointmentCode',
  'number',
  'reason',
  'text',
  'areaIds',
  'until',
  'score',
  'tags',
  'comment',
  'day',
  'note',
  'resolved',
  'username',
  'password',
  'date',
  'start',
  'phone',
  'deviceId',
];
const QUERY_KEYS = ['from', 'to', 'date', 'areaId', 'serviceId', 'number', 'day', 'lang', 'hall', 'window'];

/** Values a real client would send, so that junk also lands next to valid neighbours. */
const plausible = fc.constantFrom(
  'yuxi',
  'tonghai',
  'tax',
  'estate',
  'police',
  'insurance',
  'estate-02',
  '1',
  '11',
  '16',
  '21',
  'D001',
  'B012',
  'd1',
  '2026-12-02',
  '2026-12-03',
  '2026-02-30',
  '10:00',
  '23:59',
  '24:00',
  '13812345678',
  'long_wait',
  'urgent',
  'priority',
  'normal',
  'appointment',
  'manager',
  'clerk01',
  'demo',
  'en',
  'zh-CN',
  '010101',
);
const junk = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../..',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'null',
    'NaN',
    '-1',
    '1e309',
    '0x10',
    '%',
    '%zz',
    '%00',
    '\u0000',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '${jndi:ldap://x}',
    '💥🚀',
    '玉溪市政务服务中心',
    '\u202e',
    '\ud800',
    'yuxi\u0000',
    'a'.repeat(70),
  ),
  fc.string({ minLength: 300, maxLength: 3000 }),
);
const text = fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 3, arbitrary: junk });
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 25 }),
  fc.dictionary(junk, text, { maxKeys: 3 }),
);
const fields = fc.dictionary(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KNOWN_FIELDS) }, junk), value, { maxKeys: 6 });

const bodyText = fc.oneof(
  { weight: 8, arbitrary: fields.map((o) => JSON.stringify(o)) },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '{',
      '{"areaId": ',
      'null',
      '[]',
      '"text"',
      '{"a":1,}',
      '\u0000',
      'undefined',
      '{"__proto__":{"role":"admin"}}',
      '{"constructor":{"prototype":{"role":"admin"}}}',
      '{"score":1e999}',
      '\ufeff{"areaId":"tax"}',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 50_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom(200_000, 1_100_000).map((n) => JSON.stringify({ text: 'x'.repeat(n), note: '名'.repeat(50) })) },
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  ';;;',
  undefined,
);
const asciiHeader = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 240 });

type TokenKind =
  | 'none'
  | 'kiosk01'
  | 'display01'
  | 'rating01'
  | 'clerk01'
  | 'manager'
  | 'admin'
  | 'tonghai-manager'
  | 'city'
  | 'expired'
  | 'forged'
  | 'alg-none'
  | 'junk'
  | 'basic';
const tokenKind = fc.constantFrom<TokenKind>(
  'none',
  'kiosk01',
  'display01',
  'rating01',
  'clerk01',
  'manager',
  'manager',
  'admin',
  'admin',
  'tonghai-manager',
  'city',
  'expired',
  'forged',
  'alg-none',
  'junk',
  'basic',
);

const dayIn = (days: number): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + days * 86_400_000);

/** A valid body and query per route: the fuzzer sends them whole, or with one field replaced or gone. */
const SAMPLES: Record<string, { body?: Record<string, unknown>; query?: Record<string, string> }> = {
  'POST /api/v1/auth/login': { body: { username: 'clerk01', password: 'demo' } },
  'POST /api/v1/halls/:hallId/notices': { body: { text: '今日下午系统维护' } },
  'POST /api/v1/halls/:hallId/tickets': { body: { areaId: 'tax', priority: 'priority' } },
  'POST /api/v1/halls/:hallId/tickets/:ticketId/print': { body: { deviceId: 'kiosk01' } },
  'GET /api/v1/halls/:hallId/tickets/:ticketId/preview': { query: { lang: 'en' } },
  'POST /api/v1/halls/:hallId/tickets/:ticketId/rating': { body: { score: 2, tags: ['long_wait'], comment: '等太久', contact: '13912345678' } },
  'POST /api/v1/halls/:hallId/windows/:windowId/call': { body: { number: 'D001' } },
  'POST /api/v1/halls/:hallId/windows/:windowId/transfer': { body: { areaId: 'police' } },
  'POST /api/v1/halls/:hallId/windows/:windowId/pause': { body: { reason: '设备维护' } },
  'POST /api/v1/halls/:hallId/windows/:windowId/park': { body: { reason: '补材料' } },
  'POST /api/v1/halls/:hallId/tickets/:ticketId/assistance': { body: { note: '老年人需要帮办' } },
  'POST /api/v1/halls/:hallId/tickets/:ticketId/assistance/assign': { body: { staffId: 'clerk17' } },
  'POST /api/v1/halls/:hallId/windows/:windowId/resume-parked': { body: { ticketId: 'abc' } },
  'POST /api/v1/halls/:hallId/windows/:windowId/undo-no-show': { body: { ticketId: 'abc' } },
  'POST /api/v1/halls/:hallId/windows/:windowId/areas': { body: { areaIds: ['tax', 'estate'] } },
  'GET /api/v1/halls/:hallId/calendar': { query: { from: dayIn(0), to: dayIn(30) } },
  'GET /api/v1/halls/:hallId/appointments/slots': { query: { date: dayIn(1), areaId: 'estate' } },
  'GET /api/v1/halls/:hallId/appointments/places': { query: { from: dayIn(0), to: dayIn(7), areaId: 'estate' } },
  'POST /api/v1/halls/:hallId/appointments': { body: { areaId: 'estate', date: dayIn(1), start: '10:00', phone: '13812345678' } },
  'GET /api/v1/halls/:hallId/appointments': { query: { date: dayIn(1) } },
  'GET /api/v1/halls/:hallId/stats': { query: { from: dayIn(-7), to: dayIn(0) } },
  'GET /api/v1/halls/:hallId/stats.csv': { query: { from: dayIn(-7), to: dayIn(0), lang: 'en' } },
  'GET /api/v1/halls/:hallId/honours': { query: { from: dayIn(-7), to: dayIn(0) } },
  'GET /api/v1/reports/halls': { query: { from: dayIn(-7), to: dayIn(0), hallIds: 'yuxi,tonghai' } },
  'GET /api/v1/reports/halls.csv': { query: { from: dayIn(-7), to: dayIn(0), hallIds: 'tonghai', lang: 'en' } },
  'GET /api/v1/halls/:hallId/trail': { query: { number: 'D001', day: dayIn(0) } },
  'GET /api/v1/halls/:hallId/ratings/follow-ups': { query: { from: dayIn(-30), to: dayIn(0) } },
  'GET /api/v1/halls/:hallId/ratings/:ticketId/contact': { query: { day: dayIn(0) } },
  'POST /api/v1/halls/:hallId/hours/extend': { body: { until: '23:30' } },
  'GET /api/v1/admin/official-calendar': { query: { year: '2027' } },
  'POST /api/v1/halls/:hallId/ratings/:ticketId/follow-up': { body: { day: dayIn(0), note: '已回访', resolved: true } },
};

const GONE = Symbol('gone');
/** The sample whole, or with one field (known to any route, or junk) set to a random value or removed. */
function mutated<T>(sample: Record<string, T>, values: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> {
  const key = fc.oneof(fc.constantFrom(...Object.keys(sample), ...KNOWN_FIELDS), junk);
  return fc.oneof(
    fc.constant(sample),
    fc.tuple(key, fc.oneof(values, fc.constant(GONE))).map(([k, v]) => {
      const copy: Record<string, T> = { ...sample };
      if (v === GONE) delete copy[k];
      else copy[k] = v;
      return copy;
    }),
  );
}

/** URLs carry UTF-8: a lone surrogate (fine in a JS string) has no encoding and becomes `?`. */
const noSurrogates = (v: string): string => v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '?');
const queryString = (q: Record<string, string>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) s.append(noSurrogates(k), noSurrogates(v));
  return s.toString();
};

/** A path parameter: a real value, or junk, sent percent-encoded or raw. */
function param(name: string, real: Record<string, string[]>): fc.Arbitrary<string> {
  const known = real[name] ?? [];
  const raw = fc.oneof(...(known.length ? [{ weight: 3, arbitrary: fc.constantFrom(...known) }] : []), { weight: 2, arbitrary: text });
  return fc.tuple(raw, fc.boolean()).map(([v, encode]) => (encode ? encodeURIComponent(noSurrogates(v)) : v));
}

function requestFor(route: RouteRule, real: Record<string, string[]>) {
  const names = [...route.path.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
  const sample = SAMPLES[routeName(route)] ?? {};
  const query = fc.oneof(
    fc.constant(''),
    fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), junk), text, { maxKeys: 5 }).map(queryString),
    fc.constantFrom('a=1&a=2&a=3', 'from=2026-12-01&from=2026-12-02', 'number[]=x', '&&&=&', 'lang', '%zz=%zz', 'date=' + 'x'.repeat(5000)),
    ...(sample.query ? [{ weight: 4, arbitrary: mutated(sample.query, text).map(queryString) }] : []),
  );
  const body = sample.body
    ? fc.oneof({ weight: 2, arbitrary: bodyText }, { weight: 3, arbitrary: mutated(sample.body, value).map((b) => JSON.stringify(b)) })
    : bodyText;
  return fc.record({
    params: fc.tuple(...names.map((n) => param(n, real))),
    query,
    method: fc.oneof(
      { weight: 9, arbitrary: fc.constant(route.method) },
      { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'OPTIONS', 'DELETE', 'POST', 'GET') },
    ),
    token: tokenKind,
    body,
    contentType,
    language: fc.option(fc.oneof(fc.constantFrom('en', 'zh-CN', 'en-US,en;q=0.9', '*', 'xx'), asciiHeader)),
    idempotencyKey: fc.option(fc.oneof(fc.constantFrom('k-1', 'k-2'), asciiHeader)),
    forwardedFor: fc.option(fc.oneof(fc.constantFrom('10.0.0.1', '::1', 'unknown', '1.2.3.4, 5.6.7.8'), asciiHeader)),
  });
}

function base64url(s: string): string {
  return Buffer.from(s).toString('base64url');
}

/** Every refusal: `{error:{code, message}}`, a code from the table, with that code's status. */
function checkAnswer(status: number, body: string, what: string): void {
  expect(status, `${what} → ${status} ${body.slice(0, 300)}`).toBeLessThan(500);
  if (status < 400) return;
  let parsed: { error?: { code?: unknown; message?: unknown } };
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`${what} → ${status} without a JSON error body: ${body.slice(0, 300)}`);
  }
  const code = parsed.error?.code;
  expect(typeof code === 'string' && /^[a-z]+(_[a-z]+)*$/.test(code), `${what} → ${body.slice(0, 300)}`).toBe(true);
  expect(Object.keys(ERROR_STATUS), what).toContain(code);
  expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS], `${what}: the status of ${String(code)}`).toBe(status);
  expect(typeof parsed.error?.message === 'string' && parsed.error.message.length > 0, `${what}: a message`).toBe(true);
  expect(Object.keys(parsed), what).toEqual(['error']);
}

describe('fuzzing every route', () => {
  let redis: RedisProcess;
  let srv: TestServer;
  const tokens = new Map<TokenKind, string>();
  let addresses = 0;
  const real: Record<string, string[]> = {
    hallId: ['yuxi', 'tonghai'],
    windowId: ['1', '3', '11', '16', '99'],
    ticketId: [],
    noticeId: [],
    code: ['010101'],
    '*': [],
  };

  beforeAll(async () => {
    redis = await RedisProcess.start();
    srv = await startServer({ store: 'redis', redisUrl: redis.url });
    for (const user of ['kiosk01', 'display01', 'rating01', 'clerk01', 'manager', 'admin', 'tonghai-manager', 'city'] as const)
      tokens.set(user, await srv.login(user));
    const claims: TokenPayload = { sub: 'manager', name: '值班长', role: 'manager', hallId: 'yuxi', staffNo: null };
    tokens.set('expired', srv.app.jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 } as TokenPayload, { jti: 'expired-1' }));
    const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify({ ...claims, role: 'admin', hallId: null, jti: 'f', exp: 9999999999 }))}`;
    tokens.set('forged', `${unsigned}.${createHmac('sha256', 'not the server secret').update(unsigned).digest('base64url')}`);
    tokens.set('alg-none', `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${unsigned.split('.')[1]}.`);
    tokens.set('junk', 'not-a-token');
    // Real ids, so that some requests reach deep into the handlers.
    await srv.post('/api/v1/halls/yuxi/windows/11/sign-in', 'clerk11');
    for (const areaId of ['tax', 'estate', 'police']) real.ticketId!.push((await srv.post('/api/v1/halls/yuxi/tickets', 'manager', { areaId }, 201)).ticket.id);
    const called = await srv.post('/api/v1/halls/yuxi/windows/11/call-next', 'clerk11');
    await srv.post('/api/v1/halls/yuxi/windows/11/complete', 'clerk11');
    real.ticketId!.push(called.ticket.id, 'AAAAAAAAAAAAAAAA');
    real.noticeId!.push((await srv.post('/api/v1/halls/yuxi/notices', 'manager', { text: '测试通知' }, 201)).notice.id);
    const page = await srv.request('GET', '/display/hall');
    real['*']!.push(/src="\/assets\/([^"]+)"/.exec(String(page.body))?.[1] ?? 'missing.js', 'nope.js', '../package.json', '..%2Fpackage.json');
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  async function authorization(kind: TokenKind, route: RouteRule): Promise<string | undefined> {
    if (kind === 'none') return undefined;
    if (kind === 'basic') return 'Basic bWFuYWdlcjpkZW1v';
    if (route.path === '/api/v1/auth/logout' && !['expired', 'forged', 'alg-none', 'junk'].includes(kind)) {
      // Signing out would spend the shared token; this run signs in on its own (from its own address).
      const res = await srv.request('POST', '/api/v1/auth/login', {
        body: { username: kind, password: 'demo' },
        headers: { 'x-forwarded-for': `10.66.0.${++addresses % 250}` },
      });
      return `Bearer ${res.body.token}`;
    }
    return `Bearer ${tokens.get(kind)}`;
  }

  for (const route of ROUTES) {
    it(`${routeName(route)}: never a 5xx, always the error shape`, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(route, real), async (r) => {
          let i = 0;
          const path = route.path.replace(/:\w+|\*/g, () => r.params[i++]!) + (r.query ? `?${r.query}` : '');
          const headers: Record<string, string> = {};
          const auth = await authorization(r.token, route);
          if (auth) headers.authorization = auth;
          if (r.language !== null) headers['accept-language'] = r.language;
          if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
          if (r.forwardedFor !== null) headers['x-forwarded-for'] = r.forwardedFor;
          const withBody = r.method !== 'GET' && r.method !== 'OPTIONS';
          if (withBody && r.contentType !== undefined) headers['content-type'] = r.contentType;
          const res = await fetch(srv.url + path, { method: r.method, headers, body: withBody ? r.body : undefined });
          const body = await res.text();
          checkAnswer(res.status, body, `${r.method} ${path.slice(0, 200)} (${r.token}, ${r.contentType}, body ${r.body.slice(0, 80)})`);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    }, 120_000);
  }

  it('requests Node cannot parse (headers over 16 KB, a garbled request line) get 400 in the error shape too', async () => {
    const { port } = new URL(srv.url);
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const socket = createConnection(Number(port), '127.0.0.1', () => socket.end(request));
        socket.on('data', (d) => chunks.push(d));
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
      });
    const cases = [
      `GET /api/v1/halls/yuxi/board?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      'HELLO WORLD\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nzz\r\n',
    ];
    for (const request of cases) {
      const answer = await raw(request);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head, request.slice(0, 60)).toMatch(/^HTTP\/1\.1 400 /);
      checkAnswer(400, body ?? '', request.slice(0, 60));
    }
  });

  it('the server is still well after all of it', async () => {
    expect((await srv.request('GET', '/healthz')).body).toEqual({ status: 'ok', store: 'redis' });
    const serverErrors = srv.logs.filter((l) => (l.level as number) >= 50);
    expect(serverErrors.map((l) => l.msg)).toEqual([]);
  });

  it('Socket.IO: random handshakes and random hall:sync payloads are refused or answered, never crash', async () => {
    const handshake = fc.record({
      token: fc.oneof(
        fc.constant(undefined),
        value,
        fc.constantFrom(...['display01', 'manager', 'expired', 'forged', 'alg-none'].map((k) => tokens.get(k as TokenKind))),
      ),
      hallId: fc.oneof(fc.constant(undefined), value, fc.constantFrom('yuxi', 'tonghai')),
      ticketId: fc.oneof(fc.constant(undefined), value, fc.constantFrom(...real.ticketId!)),
    });
    const sync = fc.oneof(value, fields, fc.record({ sinceVersion: fc.oneof(fc.integer(), fc.double(), text), day: fc.oneof(text, fc.constant(undefined)) }));
    await fc.assert(
      fc.asyncProperty(handshake, fc.array(sync, { minLength: 1, maxLength: 3 }), async (auth, payloads) => {
        const socket: Socket = connect(`${srv.url}/halls`, {
          auth: auth as Record<string, unknown>,
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        try {
          const outcome = await new Promise<string>((resolve) => {
            socket.once('connect', () => resolve('connected'));
            socket.once('connect_error', (err) => resolve(err.message));
          });
          if (outcome !== 'connected') {
            expect(outcome).toMatch(/^(unauthorized|forbidden|not_found|store_unavailable)/);
            return;
          }
          for (const p of payloads) {
            const ack = (await socket.timeout(5000).emitWithAck('hall:sync' as never, p)) as {
              events?: unknown[];
              snapshot?: unknown;
              error?: { code: string; message: string };
            };
            if (ack.error) expect(Object.keys(ERROR_STATUS)).toContain(ack.error.code);
            else expect(Array.isArray(ack.events) || typeof ack.snapshot === 'object').toBe(true);
          }
        } finally {
          socket.close();
        }
      }),
      { numRuns: 60 },
    );
    expect((await srv.request('GET', '/healthz')).status).toBe(200);
  }, 120_000);
});
