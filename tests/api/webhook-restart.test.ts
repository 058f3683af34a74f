/**
 * Webhook deliveries are kept in the store: a restart loses neither a pending delivery nor a dead
 * letter. A receiver that is down while the server restarts gets the delivery once (by id) when it
 * comes back; the kept deliveries stay bounded, across restarts too.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, HttpReceiver } from '../support/http-receiver';
import { RedisProcess } from '../support/redis';
import { startServer, type StoreKind, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const SECRET = 'restart-receiver-secret-7';
/**
 * Each restart is a new server the administrator signs in to again, with a code from the
 * authenticator; the server takes each code once, so a third sign-in within 30 s waits for the next
 * time step (tests/support/second-factor.ts).
 */
const SIGN_IN_AFTER_RESTART_MS = 120_000;

interface DeliveryView {
  id: string;
  eventId: string;
  status: string;
  attempts: number;
}

describe.each<StoreKind>(['embedded', 'redis'])('webhook deliveries across a restart on the %s store', (store) => {
  let redis: RedisProcess | undefined;
  let srv: TestServer | undefined;
  const receivers: HttpReceiver[] = [];

  afterAll(async () => {
    await srv?.close();
    if (srv) rmSync(srv.dataDir, { recursive: true, force: true });
    for (const r of receivers) await r.close();
    await redis?.stop();
  });

  const start = async (webhookRetry: { baseMs: number; maxAttempts: number; keep?: number }, data?: TestServer) => {
    if (store === 'redis') redis ??= await RedisProcess.start();
    return startServer({
      store,
      redisUrl: redis?.url,
      dataDir: data?.dataDir,
      redisPrefix: data?.redisPrefix,
      env: { QMS_KIOSK_TICKETS_PER_MINUTE: '10000' },
      extra: { webhookRetry: { timeoutMs: 500, ...webhookRetry } },
    });
  };
  const restart = async (webhookRetry: { baseMs: number; maxAttempts: number; keep?: number }) => {
    const old = srv!;
    await old.close({ keepData: true });
    srv = await start(webhookRetry, old);
  };
  const subscribe = async (url: string) =>
    (await srv!.post('/api/v1/admin/webhooks', 'admin', { url, events: ['ticket.issued'], secret: SECRET }, 201)).webhook as { id: string };
  const deliveries = async (id: string) => (await srv!.get(`/api/v1/admin/webhooks/${id}/deliveries`, 'admin')).deliveries as DeliveryView[];

  it(
    'keeps a dead letter and a pending delivery; the receiver, back up, gets the pending one once by id',
    async () => {
      // A dead letter: a receiver that refuses, two attempts.
      srv = await start({ baseMs: 50, maxAttempts: 2 });
      const refused = await subscribe('http://127.0.0.1:9/refused');
      await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'tax' }, 201);
      await eventually(async () => (await deliveries(refused.id))[0]?.status === 'dead', 10_000, 'dead letter');
      const [dead] = await deliveries(refused.id);

      // A receiver that is down: its delivery waits (slow retries) while the server restarts.
      await restart({ baseMs: 1_000, maxAttempts: 20 });
      expect((await deliveries(refused.id)).find((d) => d.id === dead!.id)).toMatchObject({ status: 'dead', eventId: dead!.eventId, attempts: 2 });
      const probe = await HttpReceiver.start();
      const port = Number(new URL(probe.url).port);
      await probe.close();
      const down = await subscribe(`http://127.0.0.1:${port}/hook`);
      const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'fund' }, 201);
      await eventually(async () => ((await deliveries(down.id))[0]?.attempts ?? 0) >= 1, 10_000, 'a failed attempt');
      const [pending] = await deliveries(down.id);
      expect(pending!.status).toBe('pending');
      await srv.close({ keepData: true });

      const receiver = await HttpReceiver.start(port);
      receivers.push(receiver);
      srv = await start({ baseMs: 100, maxAttempts: 20 }, srv);
      await eventually(
        async () => (await deliveries(down.id)).find((d) => d.id === pending!.id)?.status === 'delivered',
        15_000,
        'delivered after the restart',
      );
      const payloads = receiver.received.map((q) => JSON.parse(q.body) as { id: string; data: { ticket: { id: string } } });
      // Once: one request, the pending event's id, for the ticket issued before the restart.
      expect(payloads.map((p) => p.id)).toEqual([pending!.eventId]);
      expect(payloads[0]!.data.ticket.id).toBe(issued.ticket.id);
      expect((await deliveries(refused.id)).find((d) => d.id === dead!.id)?.status).toBe('dead');
    },
    SIGN_IN_AFTER_RESTART_MS,
  );

  it(
    'keeps the newest deliveries only, in the store as in memory',
    async () => {
      await restart({ baseMs: 50, maxAttempts: 3, keep: 3 });
      const receiver = await HttpReceiver.start();
      receivers.push(receiver);
      const hook = await subscribe(`${receiver.url}/bounded`);
      for (let i = 0; i < 6; i++) await srv!.post(`${H}/tickets`, 'kiosk01', { areaId: 'business' }, 201);
      await eventually(() => receiver.received.length === 6, 10_000, 'six deliveries');
      await eventually(async () => (await deliveries(hook.id)).every((d) => d.status === 'delivered'), 10_000, 'all delivered');
      const newest = (await deliveries(hook.id)).map((d) => d.eventId);
      const sent = receiver.received.map((q) => (JSON.parse(q.body) as { id: string }).id);
      expect(newest).toEqual(sent.slice(-3).reverse());
      await restart({ baseMs: 50, maxAttempts: 3, keep: 3 });
      expect((await deliveries(hook.id)).map((d) => d.eventId)).toEqual(newest);
      expect(receiver.received.length).toBe(6);
    },
    SIGN_IN_AFTER_RESTART_MS,
  );
});
