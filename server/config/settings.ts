/**
 * Settings from the environment. This is the only code that reads `process.env`; everything else
 * gets a `Settings`. Every bad key is reported at once, so an installer fixes them in one go.
 */
import { isIP } from 'node:net';
import type { HostPort, RedisTopology } from '../store/redis-connection';
import { SMS_AHEAD_DEFAULT } from '../domain/sms-ahead';
import { parseOutboundAllow } from '../outbound/outbound-policy';

export interface Settings {
  port: number;
  host: string;
  /**
   * Set → Redis store, on one server (REDIS_URL), behind Sentinel (QMS_REDIS_SENTINELS) or a
   * Cluster (QMS_REDIS_CLUSTER); unset → embedded store under `dataDir`.
   */
  redis: RedisTopology | null;
  /** PostgreSQL, the history store: with Redis, closed days are archived there and leave Redis. */
  databaseUrl: string | null;
  /** Closed days whose raw events stay in Redis besides today once archived (QMS_REDIS_KEEP_DAYS). */
  redisKeepDays: number;
  /**
   * An append of events is acknowledged only once `replicas` Redis replicas hold it, waited for at
   * most `timeoutMs` (QMS_REDIS_WAIT_REPLICAS, QMS_REDIS_WAIT_MS): a failover then cannot lose a
   * printed number. `replicas` 0: no waiting (a single Redis, a Cluster). When fewer replicas are
   * connected to the primary (the only one was promoted in a failover), a write waits for those
   * that are, down to the primary alone, and /metrics and the log say so — unless `strict`
   * (QMS_REDIS_WAIT_STRICT=1): then tickets are refused (503 store_unconfirmed) until they are back.
   */
  redisWait: { replicas: number; timeoutMs: number; strict: boolean };
  dataDir: string;
  /** Hall configuration file (JSON); null → the demo halls. */
  configPath: string | null;
  /** Demo accounts (password `demo`) exist. */
  demo: boolean;
  alwaysOpen: boolean;
  /** QMS_CLOCK_START as epoch ms; null → the real clock. */
  clockStart: number | null;
  /** Null → generated once and kept (data directory, or Redis when several nodes share it). */
  tokenSecret: string | null;
  staffTokenHours: number;
  deviceTokenHours: number;
  logLevel: string;
  /** QMS_LOG_FORMAT: `pretty` (pino-pretty lines), `json`, or `auto` (pretty on a terminal, JSON otherwise). */
  logFormat: 'auto' | 'json' | 'pretty';
  /** Extra origins allowed to open a Socket.IO connection. */
  allowedOrigins: string[];
  kioskTicketsPerMinute: number;
  /** QMS_LOGIN_FAILURES_PER_15_MINUTES: wrong passwords per account (whatever the address) per 15 minutes. */
  loginFailuresPer15Minutes: number;
  /** QMS_LOGIN_FAILURES_PER_ADDRESS_PER_15_MINUTES: wrong passwords per client address (whatever the usernames) per 15 minutes. */
  loginFailuresPerAddressPer15Minutes: number;
  /** QMS_ADMIN_IDLE_MINUTES: an administrator's session ends after this long without a request (default 15). */
  adminIdleMinutes: number;
  /** `tcp://host:9100` of the demo kiosk's ticket printer. */
  demoPrinter: string | null;
  /**
   * Origin of the links printed on tickets (QR codes), e.g. `https://qms.example.cn` — never taken
   * from a request's `Host`. Required with a configuration file (QMS_CONFIG); a hall's own
   * `publicUrl` wins over it. Null only for the demo, whose links point at this machine.
   */
  publicUrl: string | null;
  /**
   * QMS_OUTBOUND_ALLOW: addresses/CIDRs the server may connect to although the outbound rule would
   * refuse them (loopback, private ranges; any port for printers). Empty: only public addresses for
   * webhooks and SMS, only LAN addresses on ports 9100–9109 for printers.
   */
  outboundAllow: string[];
  /** `speaker`: announce calls on this machine's speakers too. */
  voice: 'off' | 'speaker';
  /**
   * Proxies whose `X-Forwarded-For` is believed (addresses, CIDRs, or `loopback`/`linklocal`/`uniquelocal`);
   * false: none. Anyone else could forge the header and dodge the per-address limits.
   */
  trustProxy: string[] | false;
  /** QMS_DATA_KEY: 32 bytes (base64 or hex) encrypting citizens' phone numbers; null → notifications are off. */
  dataKey: Buffer | null;
  /** QMS_SMS_URL: the generic HTTP SMS provider (POST JSON `{to, template, params, text}`). */
  smsUrl: string | null;
  /** QMS_SMS_ALIYUN_*: Aliyun Dysms `SendSms` instead of the generic provider. */
  aliyunSms: { accessKeyId: string; accessKeySecret: string; signName: string; endpoint: string; templates: Record<string, string> } | null;
  /** QMS_SMS_AHEAD: "还有 N 位" is sent when N or fewer are ahead. */
  smsAhead: number;
  /** QMS_NOTIFY_OPTINS_PER_HOUR: opt-ins per client address per hour. */
  notifyOptInsPerHour: number;
  /** QMS_METRICS_DETAIL: `/metrics` per area or per hall; null → per hall above 100 halls, else per area. */
  metricsDetail: 'area' | 'hall' | null;
  /** QMS_AUDIT_KEEP_DAYS: days the audit trail stays in the primary store (at least 180; with PostgreSQL, older records move there). */
  auditKeepDays: number;
  /** QMS_BACKUP_KEY: 32 bytes encrypting backups of the data directory; null → `npm run backup` refuses. */
  backupKey: Buffer | null;
  /** QMS_CRYPTO: `sm` → SM4/SM3 (GB/T 39786) for personal data at rest, the audit chain and the keyed hash of ID numbers; `default` → AES-256-GCM/SHA-256. */
  crypto: 'default' | 'sm';
}

/** A 32-byte key written as 64 hex digits or base64; null when it is neither. */
export function parseDataKey(raw: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(raw)) {
    const key = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === 32 ? key : null;
  }
  return null;
}

/** The shortest time audit records are kept (等保 2.0 level 3: six months). */
export const AUDIT_KEEP_DAYS_MIN = 180;

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`bad settings:\n  ${problems.join('\n  ')}`);
    this.name = 'SettingsError';
  }
}

type Env = Record<string, string | undefined>;

/** `host:port,host:port`: the addresses, or a problem per bad entry. */
function hostPorts(key: string, raw: string, problems: string[]): HostPort[] {
  const out: HostPort[] = [];
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    // `[::1]:26379` for IPv6, `name:port` or `1.2.3.4:port` otherwise.
    const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(entry);
    const port = m ? Number(m[3]) : 0;
    if (!m || port < 1 || port > 65535) {
      problems.push(`${key}: ${entry} is not host:port (e.g. 10.0.0.5:26379)`);
      continue;
    }
    out.push({ host: m[1] ?? m[2]!, port });
  }
  if (out.length === 0 && !problems.some((p) => p.startsWith(key))) problems.push(`${key}: expected host:port,host:port,…`);
  return out;
}

/** Which Redis, if any: one of REDIS_URL, QMS_REDIS_SENTINELS (with QMS_REDIS_SENTINEL_NAME) or QMS_REDIS_CLUSTER. */
function redisTopology(env: Env, problems: string[]): RedisTopology | null {
  const given = (['REDIS_URL', 'QMS_REDIS_SENTINELS', 'QMS_REDIS_CLUSTER'] as const).filter((k) => env[k]);
  if (given.length > 1) {
    problems.push(`${given.join(' and ')}: set only one (a single Redis, Sentinel, or Cluster)`);
    return null;
  }
  if (env.QMS_REDIS_SENTINEL_NAME && !env.QMS_REDIS_SENTINELS) problems.push('QMS_REDIS_SENTINEL_NAME is used only with QMS_REDIS_SENTINELS');
  if (env.QMS_REDIS_SENTINEL_PASSWORD && !env.QMS_REDIS_SENTINELS) problems.push('QMS_REDIS_SENTINEL_PASSWORD is used only with QMS_REDIS_SENTINELS');
  if (env.QMS_REDIS_PASSWORD && given.length === 0) problems.push('QMS_REDIS_PASSWORD is used only with REDIS_URL, QMS_REDIS_SENTINELS or QMS_REDIS_CLUSTER');
  // Only when set: the topology then compares equal to one without (and is never printed).
  const password = env.QMS_REDIS_PASSWORD ? { password: env.QMS_REDIS_PASSWORD } : {};
  if (env.REDIS_URL) {
    if (!/^rediss?:\/\//.test(env.REDIS_URL)) problems.push(`REDIS_URL=${env.REDIS_URL}: expected redis://host:port`);
    return { kind: 'single', url: env.REDIS_URL, ...password };
  }
  if (env.QMS_REDIS_SENTINELS) {
    const name = env.QMS_REDIS_SENTINEL_NAME || 'mymaster';
    if (!/^[A-Za-z0-9._-]+$/.test(name)) problems.push(`QMS_REDIS_SENTINEL_NAME=${name}: expected the master name the sentinels monitor, e.g. mymaster`);
    const sentinelPassword = env.QMS_REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.QMS_REDIS_SENTINEL_PASSWORD } : {};
    return { kind: 'sentinel', sentinels: hostPorts('QMS_REDIS_SENTINELS', env.QMS_REDIS_SENTINELS, problems), name, ...password, ...sentinelPassword };
  }
  if (env.QMS_REDIS_CLUSTER) return { kind: 'cluster', nodes: hostPorts('QMS_REDIS_CLUSTER', env.QMS_REDIS_CLUSTER, problems), ...password };
  return null;
}

export function loadSettings(env: Env = process.env): Settings {
  const problems: string[] = [];
  const str = (key: string, fallback: string): string => {
    const v = env[key];
    return v === undefined || v === '' ? fallback : v;
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key}=${raw}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const flag = (key: string, fallback: boolean): boolean => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${key}=${raw}: expected 1 or 0`);
    return fallback;
  };

  const redis = redisTopology(env, problems);
  const redisWait = {
    // Sentinel is there for failover: by default a write is acknowledged only once the replica has it.
    replicas: int('QMS_REDIS_WAIT_REPLICAS', redis?.kind === 'sentinel' ? 1 : 0, 0, 16),
    // Below the store's 2 s command timeout, so an unconfirmed write is told apart from a dead Redis.
    timeoutMs: int('QMS_REDIS_WAIT_MS', 500, 1, 1500),
    // Off: a hall keeps issuing with the replicas there are (down to the primary alone) after a failover.
    strict: flag('QMS_REDIS_WAIT_STRICT', false),
  };
  if (redisWait.strict && redisWait.replicas === 0)
    problems.push('QMS_REDIS_WAIT_STRICT is used only with QMS_REDIS_WAIT_REPLICAS above 0 (the default behind QMS_REDIS_SENTINELS)');
  if (redisWait.replicas > 0 && !redis) problems.push('QMS_REDIS_WAIT_REPLICAS is used only with REDIS_URL or QMS_REDIS_SENTINELS');
  // WAIT names no key, so a Cluster client cannot send it to the shard that took the write.
  if (redisWait.replicas > 0 && redis?.kind === 'cluster') problems.push('QMS_REDIS_WAIT_REPLICAS is not supported with QMS_REDIS_CLUSTER: set it to 0');

  const databaseUrl = env.DATABASE_URL ? env.DATABASE_URL : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL: expected postgres://user:password@host:5432/database');

  let clockStart: number | null = null;
  if (env.QMS_CLOCK_START) {
    const ms = Date.parse(env.QMS_CLOCK_START);
    if (Number.isNaN(ms) || !/\d{4}-\d{2}-\d{2}T/.test(env.QMS_CLOCK_START)) {
      problems.push(`QMS_CLOCK_START=${env.QMS_CLOCK_START}: expected an ISO instant such as 2026-12-02T19:05:00+08:00`);
    } else clockStart = ms;
  }

  const configPath = env.QMS_CONFIG ? env.QMS_CONFIG : null;
  const demoPrinter = env.QMS_DEMO_PRINTER ? env.QMS_DEMO_PRINTER : null;
  if (demoPrinter && !/^tcp:\/\/[^:/]+:\d+$/.test(demoPrinter)) problems.push(`QMS_DEMO_PRINTER=${demoPrinter}: expected tcp://host:9100`);
  let publicUrl: string | null = null;
  if (env.QMS_PUBLIC_URL) {
    try {
      const u = new URL(env.QMS_PUBLIC_URL);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
      // `href` is ASCII (punycode, percent-escapes): ticket QR codes carry only ASCII.
      publicUrl = u.href.replace(/\/+$/, '');
    } catch {
      problems.push(`QMS_PUBLIC_URL=${env.QMS_PUBLIC_URL}: expected an http(s) URL such as https://qms.example.cn`);
    }
  }
  if (configPath !== null && publicUrl === null && !env.QMS_PUBLIC_URL) {
    problems.push(
      'QMS_PUBLIC_URL: required with QMS_CONFIG — the address citizens reach this service at (https://qms.example.cn); printed QR links never come from a request header',
    );
  }
  const outboundAllow = parseOutboundAllow(str('QMS_OUTBOUND_ALLOW', ''));
  problems.push(...outboundAllow.problems);
  const trustProxy = str('QMS_TRUST_PROXY', 'loopback')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const noProxy = trustProxy.length === 1 && /^(0|off|none|false)$/i.test(trustProxy[0]!);
  for (const entry of noProxy ? [] : trustProxy) {
    const [address, bits, ...rest] = entry.split('/');
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    const version = isIP(address ?? '');
    const maxBits = version === 6 ? 128 : 32;
    if (!named && (version === 0 || rest.length > 0 || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits)))) {
      problems.push(`QMS_TRUST_PROXY=${entry}: expected proxy addresses or CIDRs (10.0.0.0/8), loopback, linklocal, uniquelocal, or 0 for none`);
    }
  }
  const voice = str('QMS_VOICE', 'off');
  if (voice !== 'off' && voice !== 'speaker') problems.push(`QMS_VOICE=${voice}: expected off or speaker`);
  const metricsDetail = str('QMS_METRICS_DETAIL', '');
  if (metricsDetail !== '' && metricsDetail !== 'area' && metricsDetail !== 'hall') problems.push(`QMS_METRICS_DETAIL=${metricsDetail}: expected area or hall`);
  const logLevel = str('QMS_LOG_LEVEL', 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`QMS_LOG_LEVEL=${logLevel}: expected fatal, error, warn, info, debug, trace or silent`);
  }
  const logFormat = str('QMS_LOG_FORMAT', 'auto');
  if (logFormat !== 'auto' && logFormat !== 'json' && logFormat !== 'pretty') problems.push(`QMS_LOG_FORMAT=${logFormat}: expected auto, json or pretty`);

  const rawDataKey = str('QMS_DATA_KEY', '');
  const dataKey = rawDataKey === '' ? null : parseDataKey(rawDataKey);
  if (rawDataKey !== '' && dataKey === null) problems.push('QMS_DATA_KEY: expected 32 bytes as 64 hex digits or base64');
  const rawBackupKey = str('QMS_BACKUP_KEY', '');
  const backupKey = rawBackupKey === '' ? null : parseDataKey(rawBackupKey);
  if (rawBackupKey !== '' && backupKey === null) problems.push('QMS_BACKUP_KEY: expected 32 bytes as 64 hex digits or base64');
  const crypto = str('QMS_CRYPTO', 'default');
  if (crypto !== 'default' && crypto !== 'sm') problems.push(`QMS_CRYPTO=${crypto}: expected default (AES-256-GCM, SHA-256) or sm (SM4, SM3)`);
  const smsUrl = str('QMS_SMS_URL', '') || null;
  if (smsUrl !== null && !/^https?:\/\/[^\s]+$/.test(smsUrl)) problems.push(`QMS_SMS_URL=${smsUrl}: expected an http(s) URL`);
  let aliyunSms: Settings['aliyunSms'] = null;
  if (env.QMS_SMS_ALIYUN_ACCESS_KEY_ID) {
    let templates: Record<string, string> = {};
    try {
      templates = JSON.parse(str('QMS_SMS_ALIYUN_TEMPLATES', '{}')) as Record<string, string>;
    } catch {
      problems.push('QMS_SMS_ALIYUN_TEMPLATES: expected JSON such as {"ahead":"SMS_1","called":"SMS_2","reminder":"SMS_3","code":"SMS_4"}');
    }
    aliyunSms = {
      accessKeyId: env.QMS_SMS_ALIYUN_ACCESS_KEY_ID,
      accessKeySecret: str('QMS_SMS_ALIYUN_ACCESS_KEY_SECRET', ''),
      signName: str('QMS_SMS_ALIYUN_SIGN_NAME', ''),
      endpoint: str('QMS_SMS_ALIYUN_ENDPOINT', 'https://dysmsapi.aliyuncs.com/'),
      templates,
    };
    if (!aliyunSms.accessKeySecret || !aliyunSms.signName)
      problems.push('QMS_SMS_ALIYUN_ACCESS_KEY_SECRET and QMS_SMS_ALIYUN_SIGN_NAME are needed with QMS_SMS_ALIYUN_ACCESS_KEY_ID');
  }

  const settings: Settings = {
    port: int('PORT', 8080, 0, 65535),
    host: str('HOST', '0.0.0.0'),
    redis,
    databaseUrl,
    redisKeepDays: int('QMS_REDIS_KEEP_DAYS', 3, 0, 3660),
    redisWait,
    dataDir: str('DATA_DIR', './data'),
    configPath,
    demo: flag('QMS_DEMO', configPath === null),
    alwaysOpen: flag('QMS_ALWAYS_OPEN', false),
    clockStart,
    tokenSecret: env.QMS_TOKEN_SECRET ? env.QMS_TOKEN_SECRET : null,
    staffTokenHours: int('QMS_STAFF_TOKEN_HOURS', 12, 1, 24 * 31),
    deviceTokenHours: int('QMS_DEVICE_TOKEN_HOURS', 24 * 30, 1, 24 * 366),
    logLevel,
    logFormat: logFormat === 'json' || logFormat === 'pretty' ? logFormat : 'auto',
    allowedOrigins: str('QMS_ALLOWED_ORIGINS', '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    kioskTicketsPerMinute: int('QMS_KIOSK_TICKETS_PER_MINUTE', 60, 1, 100000),
    loginFailuresPer15Minutes: int('QMS_LOGIN_FAILURES_PER_15_MINUTES', 10, 1, 100000),
    loginFailuresPerAddressPer15Minutes: int('QMS_LOGIN_FAILURES_PER_ADDRESS_PER_15_MINUTES', 30, 1, 100000),
    adminIdleMinutes: int('QMS_ADMIN_IDLE_MINUTES', 15, 1, 24 * 60),
    demoPrinter,
    publicUrl,
    outboundAllow: outboundAllow.cidrs,
    voice: voice === 'speaker' ? 'speaker' : 'off',
    trustProxy: noProxy ? false : trustProxy,
    dataKey,
    smsUrl,
    aliyunSms,
    smsAhead: int('QMS_SMS_AHEAD', SMS_AHEAD_DEFAULT, 1, 50),
    notifyOptInsPerHour: int('QMS_NOTIFY_OPTINS_PER_HOUR', 20, 1, 100000),
    metricsDetail: metricsDetail === 'area' || metricsDetail === 'hall' ? metricsDetail : null,
    // 等保 level 3 keeps audit records at least six months: a shorter setting is refused, not obeyed.
    auditKeepDays: int('QMS_AUDIT_KEEP_DAYS', AUDIT_KEEP_DAYS_MIN, AUDIT_KEEP_DAYS_MIN, 36600),
    backupKey,
    crypto: crypto === 'sm' ? 'sm' : 'default',
  };
  if (settings.tokenSecret !== null && settings.tokenSecret.length < 32) problems.push('QMS_TOKEN_SECRET: use at least 32 characters');
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}
