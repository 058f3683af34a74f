/**
 * A real hall server for tests: built by `buildApp` from settings parsed by the real loader,
 * listening on a free port, talked to over HTTP with `fetch`. Its log lines are kept in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { buildApp, type BuildOptions } from '../../server/build-app';
import type { Clock } from '../../server/app/clock';
import { loadSettings } from '../../server/config/settings';
import { loadHalls, type LoadedHalls } from '../../server/config/halls';
import { logSerializers } from '../../server/http/public-ticket';
import { signInThroughSecondFactor } from './second-factor';

export type StoreKind = 'embedded' | 'redis';

export interface StartOptions {
  store: StoreKind;
  /** Required for `redis`. */
  redisUrl?: string;
  /** Reuse a data directory (embedded) or key prefix (redis) to restart on the same data. */
  dataDir?: string;
  redisPrefix?: string;
  env?: Record<string, string>;
  clock?: Clock;
  halls?: LoadedHalls;
  extra?: Partial<BuildOptions>;
  /** Listen on this port (e.g. a restart where the last server was); default: a free one. */
  port?: number;
  /**
   * The demo halls' 过号 minimum after the call (`policy.noShowAfterSeconds`). Tests about other things
   * mark no-shows at once, so the default here is 0; `'hall'` keeps the hall's own rule (60 s).
   */
  noShowAfterSeconds?: number | 'hall';
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class TestServer {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    readonly app: FastifyInstance,
    readonly url: string,
    readonly dataDir: string,
    readonly redisPrefix: string,
    private readonly ownsDataDir: boolean,
    /** Every log line the server wrote, parsed. */
    readonly logs: Array<Record<string, unknown>>,
  ) {}

  /**
   * Signs in a demo account (password `demo`) and remembers its token. An administrator (or anyone
   * with a second factor) goes through it as a person would: enrolled at the first sign-in with a
   * real authenticator secret, a fresh code from it afterwards (`second-factor.ts`).
   */
  /** Signs `username` in afresh (an administrator after a long idle spell signs in again, as a person would). */
  signInAgain(username: string, password = 'demo'): Promise<string> {
    this.tokens.delete(username);
    return this.login(username, password);
  }

  login(username: string, password = 'demo'): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached && password === 'demo') return cached;
    const signing = (async () => {
      const res = await signInThroughSecondFactor((method, path, body, token) => this.request(method, path, { body, token }), username, password);
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    })();
    // Concurrent requests as one user share one sign-in (one enrolment); the latest sign-in is the one remembered.
    this.tokens.set(username, signing);
    signing.catch(() => {
      if (this.tokens.get(username) === signing) this.tokens.delete(username);
    });
    return signing;
  }

  async request<T = any>(
    method: string,
    path: string,
    opts: { body?: unknown; token?: string; as?: string; key?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token ?? (opts.as ? await this.login(opts.as) : undefined);
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.key) headers['idempotency-key'] = opts.key;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const res = await fetch(this.url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** POST as a user; throws unless the status is the expected one. */
  async post<T = any>(path: string, as: string, body?: unknown, expect = 200, key?: string): Promise<T> {
    const res = await this.request<T>('POST', path, { as, body: body ?? {}, key });
    if (res.status !== expect) throw new Error(`POST ${path} as ${as}: expected ${expect}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async get<T = any>(path: string, as?: string): Promise<T> {
    const res = await this.request<T>('GET', path, { as });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Log lines with `event` set (ticket lifecycle lines). */
  eventLines(): Array<Record<string, unknown>> {
    return this.logs.filter((l) => typeof l.event === 'string');
  }

  async close(opts: { keepData?: boolean } = {}): Promise<void> {
    await this.app.close();
    if (this.ownsDataDir && !opts.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

let counter = 0;

export async function startServer(opts: StartOptions): Promise<TestServer> {
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'qms-data-'));
  const redisPrefix = opts.redisPrefix ?? `t${process.pid}-${Date.now()}-${counter++}:`;
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    QMS_ALWAYS_OPEN: '1',
    QMS_LOG_LEVEL: 'info',
    // Tests run their SMS gateways, webhook receivers and printers on this machine: the outbound
    // rule refuses loopback unless it is listed (tests of the rule itself set their own list).
    QMS_OUTBOUND_ALLOW: '127.0.0.1',
    ...(opts.store === 'redis' ? { REDIS_URL: opts.redisUrl ?? '' } : {}),
    ...opts.env,
  };
  if (opts.store === 'redis' && !opts.redisUrl) throw new Error('redis store needs redisUrl');
  const settings = loadSettings(env);
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      cb();
    },
  });
  // The server's own request serializer, as `buildApp` gives its default logger.
  const logger = pino({ level: settings.logLevel, serializers: logSerializers }, sink);
  let halls = opts.halls;
  if (halls === undefined && settings.configPath === null && opts.noShowAfterSeconds !== 'hall') {
    const seconds = opts.noShowAfterSeconds ?? 0;
    const demo = loadHalls({ configPath: null, demo: settings.demo, demoPrinter: settings.demoPrinter });
    halls = { ...demo, halls: demo.halls.map((h) => ({ ...h, policy: { ...h.policy, noShowAfterSeconds: seconds } })) };
  }
  const app = await buildApp({ settings, logger, clock: opts.clock, halls, redisPrefix, adapterBlockMs: 100, ...opts.extra });
  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return new TestServer(app, `http://127.0.0.1:${port}`, dataDir, redisPrefix, ownsDataDir, lines);
}
