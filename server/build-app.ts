/**
 * Builds the whole server — store, halls, accounts, HTTP routes, Socket.IO — without listening.
 * `main.ts` listens; tests build one per case and talk to it over real sockets.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AccountAdmin } from './admin/account-admin';
import accountRoutes from './admin/account-routes';
import { SecondFactors } from './auth/second-factor';
import { CatalogueStore } from './admin/catalogue-store';
import catalogueRoutes from './admin/catalogue-routes';
import { DevicePairing } from './admin/device-pairing';
import { AccountDirectory, demoPasswordHash, seedAccounts } from './auth/accounts';
import { clockStartingAt, systemClock, type Clock } from './app/clock';
import { HallHistory } from './app/hall-history';
import { HallForecasts } from './app/hall-forecasts';
import { HallService } from './app/hall-service';
import { LiveHalls } from './app/live-halls';
import { Limiter } from './app/limiter';
import configRoutes from './admin/config-routes';
import deviceRoutes from './admin/device-routes';
import officialCalendarRoutes from './admin/official-calendar-routes';
import { randomDigits4, randomId } from './app/ids';
import { CheckedConfigs } from './config/checked-configs';
import { loadHalls, type LoadedHalls } from './config/halls';
import type { Settings } from './config/settings';
import { isCalendarDate } from './domain/calendar-rules';
import { limitTable } from './domain/limits';
import { sessionAt } from './domain/schedule';
import auditPlugin from './http/audit';
import authPlugin from './http/auth';
import bodiesPlugin from './http/bodies';
import './http/context';
import errorsPlugin, { clientErrorHandler, frameworkErrors } from './http/errors';
import idempotencyPlugin from './http/idempotency';
import { lazySchemaController } from './http/lazy-schema-compilers';
import openapiPlugin from './http/openapi';
import securityPlugin from './http/security';
import pagesPlugin from './http/pages';
import appointmentRoutes from './http/routes/appointment-routes';
import authRoutes from './http/routes/auth-routes';
import boardRoutes from './http/routes/board-routes';
import hallRoutes from './http/routes/hall-routes';
import healthRoutes from './http/routes/health-routes';
import ticketRoutes from './http/routes/ticket-routes';
import windowRoutes from './http/routes/window-routes';
import { logTicketEvents } from './metrics/event-log';
import { HallMetrics } from './metrics/hall-metrics';
import metricsRoutes from './metrics/metrics-routes';
import managerRoutes from './http/routes/manager-routes';
import statsRoutes from './http/routes/stats-routes';
import forecastRoutes from './http/routes/forecast-routes';
import reportsRoutes from './http/routes/reports-routes';
import { attachRealtime, type Realtime } from './realtime/socket-server';
import type { EventStore } from './store/event-store';
import { HighWaterMarks } from './store/high-water';
import { DIR_MODE } from './store/file-modes';
import { RedisEventStore } from './store/redis-store';
import { openStore } from './store/open-store';
import { describeTopology } from './store/redis-connection';
import { TieredEventStore } from './store/tiered-store';
import { DayArchiver } from './app/day-archiver';
import { TcpTicketPrinter } from '../printers/tcp-ticket-printer';
import type { TicketPrinter } from '../printers/ticket-printer';
import type { Announcer } from './voice/announcer';
import { SpeakerAnnouncer } from './voice/speaker-announcer';
import { VoiceService } from './voice/voice-service';
import announcementRoutes from './http/routes/announcement-routes';
import { logSerializers } from './http/public-ticket';
import { Notifier } from './notify/notifier';
import notifyRoutes from './notify/notify-routes';
import { PhoneVault } from './notify/phone-vault';
import { IdentityVault } from './identity/identity-vault';
import { identityCryptoFor } from './auth/identity-crypto';
import { RatingContacts } from './notify/rating-contacts';
import ratingRoutes from './http/routes/rating-routes';
import { AliyunSmsProvider, HttpSmsProvider, type SmsProvider } from './notify/sms-providers';
import { OutboundHttp } from './outbound/outbound-http';
import { OutboundPolicy } from './outbound/outbound-policy';
import webhookRoutes from './webhooks/webhook-routes';
import { Webhooks } from './webhooks/webhooks';
import { work } from './domain/work';
import { AuditTrail } from './audit/audit-trail';
import auditTrailHooks from './audit/audit-hooks';
import auditRoutes from './audit/audit-routes';

export interface BuildOptions {
  settings: Settings;
  /** Halls and admins; default: from `settings` (demo halls or QMS_CONFIG). */
  halls?: LoadedHalls;
  /** Default: the real clock, or QMS_CLOCK_START's. */
  clock?: Clock;
  /** A pino logger (tests pass one writing to memory). */
  logger?: Logger;
  /** Redis key prefix (tests isolate runs). */
  redisPrefix?: string;
  /** How long the Socket.IO Redis adapter blocks on XREAD; low in tests. */
  adapterBlockMs?: number;
  /** Where kiosk tickets are printed; default: ESC/POS over TCP to each kiosk's configured printer. */
  printer?: TicketPrinter;
  /** How long a device pairing code lives; default 10 minutes (tests shorten it to see one expire). */
  pairingCodeTtlMs?: number;
  /** Says calls out loud; default: the server's speakers with QMS_VOICE=speaker, else none. */
  announcer?: Announcer;
  /** Text-message and webhook retry pacing (tests shorten it). */
  notifyRetryBaseMs?: number;
  webhookRetry?: { baseMs?: number; maxAttempts?: number; timeoutMs?: number; /** Deliveries kept per subscription. */ keep?: number };
}

function smsProvider(settings: Settings, clock: Clock, outbound: OutboundHttp): SmsProvider | null {
  if (settings.aliyunSms) return new AliyunSmsProvider(settings.aliyunSms, outbound, () => clock.now());
  if (settings.smsUrl) return new HttpSmsProvider(settings.smsUrl, outbound);
  return null;
}

export const BODY_LIMIT = 1024 * 1024;

/** How often every hall's closed days are archived and trimmed, besides at each day's close. */
const HISTORY_SWEEP_MS = 10 * 60_000;

/**
 * The token signing secret: configured, or made once and kept where every node finds it
 * (Redis when nodes share it, else the data directory) so tokens outlive a restart.
 */
async function tokenSecret(settings: Settings, store: EventStore): Promise<string> {
  if (settings.tokenSecret) return settings.tokenSecret;
  const fresh = randomBytes(32).toString('base64url');
  if (store.kind === 'redis') {
    await store.putIfAbsent('token-secret', fresh, 100 * 365 * 24 * 3600 * 1000);
    return (await store.get('token-secret'))!;
  }
  mkdirSync(settings.dataDir, { recursive: true, mode: DIR_MODE });
  const path = join(settings.dataDir, 'token-secret');
  if (!existsSync(path)) writeFileSync(path, fresh, { mode: 0o600, flag: 'wx' });
  return readFileSync(path, 'utf8').trim();
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { settings } = opts;
  // How long each step of the start took (ms), and the CPU time it used (on a busy machine the two
  // differ), in the "hall server ready" line: a slow start says where.
  const startMs: Record<string, number> = {};
  const startCpuMs: Record<string, number> = {};
  let stepStarted = performance.now();
  let cpuStarted = process.cpuUsage();
  const step = (name: string) => {
    const now = performance.now();
    const cpu = process.cpuUsage(cpuStarted);
    startMs[name] = Math.round(now - stepStarted);
    startCpuMs[name] = Math.round((cpu.user + cpu.system) / 1000);
    stepStarted = now;
    cpuStarted = process.cpuUsage();
  };
  // Hashed on the thread pool while the configuration loads.
  if (settings.demo) void demoPasswordHash().catch(() => undefined);
  const halls =
    opts.halls ??
    loadHalls({ configPath: settings.configPath, demo: settings.demo, demoPrinter: settings.demoPrinter, checked: new CheckedConfigs(settings.dataDir) });
  const clock = opts.clock ?? (settings.clockStart !== null ? clockStartingAt(settings.clockStart) : systemClock);

  const app = Fastify({
    ...(opts.logger
      ? { loggerInstance: opts.logger as unknown as FastifyBaseLogger }
      : {
          logger: {
            level: settings.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'token', '*.token', '*.password'],
            // A ticket's credential in a public path is a secret: the request log leaves it out.
            serializers: logSerializers,
            // Lines a person reads on a terminal; JSON for journald, files and log shippers.
            ...(settings.logFormat === 'pretty' || (settings.logFormat === 'auto' && process.stdout.isTTY)
              ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } } }
              : {}),
          },
        }),
    bodyLimit: BODY_LIMIT,
    // Format `date` (every day in a request) is a real calendar day by the domain's one rule.
    ajv: { onCreate: (ajv) => void ajv.addFormat('date', isCalendarDate) },
    trustProxy: settings.trustProxy,
    genReqId: () => randomId(),
    frameworkErrors,
    clientErrorHandler,
    // Each route's validators and serializers compiled at its first request, not all before listening.
    schemaController: lazySchemaController(),
  });

  step('config');
  const store = await openStore(settings, { prefix: opts.redisPrefix, log: app.log.child({ module: 'store' }) });
  step('store');
  // Redis may come back from an older AOF; the embedded journal is itself the durable record.
  const highWater = store.kind === 'redis' ? new HighWaterMarks(settings.dataDir) : undefined;
  const catalogue = await CatalogueStore.open(store, halls.halls, { now: clock.now(), log: app.log.child({ module: 'catalogue' }) });
  step('catalogues');
  const service = new HallService({
    store,
    halls: halls.halls,
    clock,
    newId: randomId,
    newCode: randomDigits4,
    alwaysOpen: settings.alwaysOpen,
    highWater,
    log: app.log.child({ module: 'hall' }),
    catalogue: (hallId) => catalogue.items(hallId),
  });
  // The store is the truth for halls; the configured ones only seed halls it lacks.
  const liveHalls = await LiveHalls.start({ store, service, seed: halls.halls, now: clock.now(), log: app.log.child({ module: 'config' }) });
  // Halls only the store knows (added live before this start) have their catalogue too.
  for (const { hall } of liveHalls.all()) await catalogue.adopt(hall);
  step('halls');
  // The configuration's accounts seed the store where absent; from then on the store's are the accounts.
  const accounts = await AccountDirectory.open(store, await seedAccounts(halls.halls, halls.admins, settings.demo), clock.now(), () => clock.now());
  step('accounts');
  const accountAdmin = new AccountAdmin({ store, accounts, hallExists: (hallId) => service.hall(hallId) !== undefined, now: () => clock.now() });
  const limiter = new Limiter({ store, clock, rules: limitTable(settings) });
  const pairing = new DevicePairing({ store, accounts, limiter, ttlMs: opts.pairingCodeTtlMs });
  const history = new HallHistory({ store, hall: (hallId) => service.hall(hallId), log: app.log.child({ module: 'history' }) });
  const stopRollingUp = history.followClosings(service);
  const forecasts = new HallForecasts({ store, history, hall: (hallId) => service.hall(hallId), log: app.log.child({ module: 'forecast' }) });
  const stopForecasting = forecasts.followClosings(service);
  // With PostgreSQL behind Redis, closed days move there and leave Redis after a few days.
  const stopArchiving =
    store instanceof TieredEventStore
      ? new DayArchiver({ store, keepDays: settings.redisKeepDays, log: app.log.child({ module: 'archive' }) }).follow(service, clock, HISTORY_SWEEP_MS)
      : () => {};
  const auditTrail = new AuditTrail({ store, crypto: settings.crypto, keepDays: settings.auditKeepDays });
  app.decorate('qms', { settings, service, history, forecasts, store, accounts, clock, catalogue, work, auditTrail, limiter });
  // With PostgreSQL behind Redis, audit records older than QMS_AUDIT_KEEP_DAYS move there with the history.
  const auditSweep =
    store instanceof TieredEventStore
      ? setInterval(
          () => void auditTrail.retain(clock.now()).catch((err: unknown) => app.log.warn({ err, module: 'audit' }, 'audit records not archived yet')),
          HISTORY_SWEEP_MS,
        )
      : null;
  auditSweep?.unref();
  const announcer = opts.announcer ?? (settings.voice === 'speaker' ? new SpeakerAnnouncer() : null);
  // Realtime is attached further down; until then no screen can be listening.
  let realtime: Realtime | null = null;
  const voice = new VoiceService({
    service,
    announcer,
    log: app.log.child({ module: 'voice' }),
    listening: (hallId) => realtime?.hasListeners(hallId) ?? false,
  });
  const metrics = new HallMetrics(service, { detail: settings.metricsDetail, store });
  const vault = settings.dataKey ? new PhoneVault(settings.dataKey, settings.crypto) : null;
  const ratingContacts = new RatingContacts(store, vault);
  // Every connection the server opens of its own (webhooks, SMS, printers) is checked by one policy.
  const outboundPolicy = new OutboundPolicy(settings.outboundAllow);
  const outbound = new OutboundHttp(outboundPolicy);
  const identities = new IdentityVault(store, identityCryptoFor(settings.dataKey, settings.crypto), () => clock.now(), app.log.child({ module: 'identity' }));
  const notifier = new Notifier({
    store,
    service,
    vault,
    provider: smsProvider(settings, clock, outbound),
    now: () => clock.now(),
    ahead: settings.smsAhead,
    limiter,
    retryBaseMs: opts.notifyRetryBaseMs,
    log: app.log.child({ module: 'notify' }),
  });
  const webhooks = await Webhooks.open({
    store,
    now: () => clock.now(),
    newId: randomId,
    outbound,
    retryBaseMs: opts.webhookRetry?.baseMs,
    maxAttempts: opts.webhookRetry?.maxAttempts,
    timeoutMs: opts.webhookRetry?.timeoutMs,
    keep: opts.webhookRetry?.keep,
    log: app.log.child({ module: 'webhooks' }),
  });

  app.addHook('onClose', async () => {
    accounts.close();
    voice.close();
    metrics.close();
    notifier.close();
    await webhooks.close();
    await outbound.close();
    liveHalls.close();
    stopRollingUp();
    stopForecasting();
    stopArchiving();
    if (auditSweep) clearInterval(auditSweep);
    service.close();
    catalogue.close();
    await highWater?.close();
    await store.close();
  });

  await app.register(errorsPlugin);
  await app.register(securityPlugin);
  await app.register(bodiesPlugin);
  const secret = await tokenSecret(settings, store);
  const factors = new SecondFactors(store, secret, limiter);
  await app.register(authPlugin, { secret });
  // Keyed by a hash of the token secret: every node fingerprints alike, and the secret itself stays out.
  await app.register(idempotencyPlugin, { fingerprintKey: createHash('sha256').update(`idempotency:${secret}`).digest('base64url') });
  await app.register(auditPlugin);
  await app.register(auditTrailHooks, { trail: auditTrail });
  // Before the routes: the document is built from the routes registered after it.
  await app.register(openapiPlugin);
  await app.register(healthRoutes);
  await app.register(metricsRoutes, { metrics });
  const printer = opts.printer ?? new TcpTicketPrinter({ outbound: outboundPolicy });
  await app.register(
    async (api) => {
      await api.register(authRoutes, { admin: accountAdmin, pairing, factors });
      await api.register(accountRoutes, { admin: accountAdmin, pairing, factors });
      await api.register(hallRoutes);
      await api.register(ticketRoutes, { printer, identity: identities });
      await api.register(windowRoutes);
      await api.register(boardRoutes);
      await api.register(appointmentRoutes, {
        remember: (hallId, date, appointmentId, phone) => notifier.rememberForReminder(hallId, date, appointmentId, phone),
        countBooking: (phone, today) => notifier.countBooking(phone, today),
        identity: identities,
      });
      await api.register(announcementRoutes, { voice });
      await api.register(statsRoutes);
      await api.register(forecastRoutes);
      await api.register(reportsRoutes);
      await api.register(managerRoutes, { contacts: ratingContacts });
      await api.register(ratingRoutes, { contacts: ratingContacts });
      await api.register(catalogueRoutes);
      await api.register(configRoutes, { halls: liveHalls });
      await api.register(officialCalendarRoutes);
      await api.register(deviceRoutes, { printer });
      await api.register(notifyRoutes, { notifier, realtime: () => realtime });
      await api.register(webhookRoutes, { webhooks });
      await api.register(auditRoutes, { trail: auditTrail });
    },
    { prefix: '/api/v1' },
  );
  await app.register(pagesPlugin);

  const events = app.log.child({ module: 'events' });
  service.onCommitted((committed) => logTicketEvents(events, committed));
  service.onCommitted((committed, state) => notifier.committed(committed, state));
  service.onCommitted((committed, state) => identities.committed(committed, state));
  service.onCommitted((committed) => webhooks.committed(committed));

  realtime = attachRealtime(app, {
    allowedOrigins: settings.allowedOrigins,
    trustProxy: settings.trustProxy,
    redis: settings.redis,
    adapterBlockMs: opts.adapterBlockMs,
  });
  app.addHook('preClose', () => realtime.close());

  step('routes');
  const redis = store instanceof TieredEventStore ? store.redis : store instanceof RedisEventStore ? store : null;
  if (redis) {
    for (const warning of await redis.settingsWarnings()) app.log.warn({ module: 'store' }, `redis: ${warning}`);
  }
  if (redis && !settings.databaseUrl) {
    app.log.warn(
      { module: 'history' },
      "no DATABASE_URL: Redis keeps every closed day's raw events and grows day by day; set DATABASE_URL (PostgreSQL) to archive them and keep Redis flat",
    );
  }
  if (!redis && settings.databaseUrl) {
    app.log.warn({ module: 'history' }, "DATABASE_URL is used only with REDIS_URL: the embedded store's journals are its own archive");
  }
  if (settings.demo) {
    app.log.warn({ accounts: accounts.all().length }, 'demo accounts are active (password "demo"): set QMS_CONFIG with real password hashes for production');
  }
  step('checks');
  const hallIds = service.halls().map((h) => h.id);
  app.log.info(
    {
      store: store.kind,
      ...(settings.redis ? { redis: describeTopology(settings.redis) } : {}),
      // A province node's 1,300 ids would fill the line: their count, and the first few.
      halls: hallIds.length > 20 ? [...hallIds.slice(0, 20), `… ${hallIds.length - 20} more`] : hallIds,
      hallCount: hallIds.length,
      alwaysOpen: settings.alwaysOpen,
      startMs,
      startCpuMs,
    },
    'hall server ready',
  );
  if (!settings.alwaysOpen) {
    const closed = service
      .halls()
      .filter((h) => sessionAt(h.calendar, clock.now(), h.timezone, false).kind === 'closed')
      .map((h) => h.id);
    if (closed.length > 0) {
      app.log.warn(
        { halls: closed },
        'outside opening hours now: tickets are refused (409 hall_closed) until the next session; QMS_ALWAYS_OPEN=1 takes them at any hour',
      );
    }
  }
  return app;
}
