/**
 * Outbound webhooks against receivers the test starts: every delivery signed (the receiver checks
 * the HMAC of the raw body), a receiver that fails three times then recovers gets each event
 * exactly once by id, a dead receiver's deliveries are dead-lettered and can be replayed, and a
 * dead or hanging receiver does not slow ticket issue. Payloads carry no credential.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialOf } from '../support/credentials';
import { eventually, HttpReceiver } from '../support/http-receiver';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
const SECRET = 'receiver-shared-secret-42';

const verified = (body: string, header: string | string[] | undefined) => header === `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

describe('outbound webhooks', () => {
  let srv: TestServer;
  const receivers: HttpReceiver[] = [];
  const receiver = async () => {
    const r = await HttpReceiver.start();
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    // A receiver's answer may take a while on a busy CI machine: an attempt timing out there would be
    // one more request than the test counts, so the timeout is well above any local answer.
    srv = await startServer({
      store: 'embedded',
      env: { QMS_KIOSK_TICKETS_PER_MINUTE: '10000' },
      extra: { webhookRetry: { baseMs: 50, maxAttempts: 4, timeoutMs: 3000 } },
    });
  });
  afterAll(async () => {
    await srv?.close();
    for (const r of receivers) await r.close();
  });

  const subscribe = async (url: string, events: string[]) =>
    (await srv.post('/api/v1/admin/webhooks', 'admin', { url, events, secret: SECRET }, 201)).webhook as { id: string };
  const unsubscribe = (id: string) => srv.request('DELETE', `/api/v1/admin/webhooks/${id}`, { as: 'admin' });
  const deliveries = async (id: string) =>
    (await srv.get(`/api/v1/admin/webhooks/${id}/deliveries`, 'admin')).deliveries as Array<{ id: string; eventId: string; status: string; attempts: number }>;

  it('signs every delivery; a receiver failing three times gets each event once by id; secrets never shown', async () => {
    const r = await receiver();
    // Fails the first three requests it ever gets, then accepts.
    r.answer = (n) => (n < 3 ? 503 : 200);
    const hook = await subscribe(`${r.url}/hook`, ['ticket.issued', 'ticket.called']);
    const issued = [];
    for (let i = 0; i < 3; i++) issued.push(await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'utility' }, 201));
    await eventually(
      async () => (await deliveries(hook.id)).every((d) => d.status === 'delivered') && (await deliveries(hook.id)).length === 3,
      10_000,
      'deliveries',
    );

    expect(r.received.length).toBe(6);
    for (const req of r.received) expect(verified(req.body, req.headers['x-qms-signature'])).toBe(true);
    const accepted = r.received
      .filter((q) => q.status === 200)
      .map((q) => JSON.parse(q.body) as { id: string; type: string; data: { ticket: { number: string } } });
    // The receiver's view: each event id accepted exactly once.
    expect(accepted.map((p) => p.id).sort()).toEqual([...new Set(accepted.map((p) => p.id))].sort());
    expect(accepted.map((p) => p.data.ticket.number).sort()).toEqual(issued.map((t) => t.ticket.number).sort());
    expect(accepted.every((p) => p.type === 'ticket.issued')).toBe(true);
    // No credential in any payload.
    for (const t of issued) for (const req of r.received) expect(req.body).not.toContain(credentialOf(t));

    const list = await srv.get('/api/v1/admin/webhooks', 'admin');
    expect(list.webhooks.map((w: { id: string }) => w.id)).toContain(hook.id);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    const changes = await srv.request('GET', '/api/v1/admin/changes', { as: 'admin' });
    expect(changes.status).toBe(200);
    expect(JSON.stringify(changes.body)).not.toContain(SECRET);
    expect((await unsubscribe(hook.id)).status).toBe(204);
    expect((await srv.get('/api/v1/admin/webhooks', 'admin')).webhooks.map((w: { id: string }) => w.id)).not.toContain(hook.id);
  });

  it('dead-letters after the limit, and a replay delivers the same event id', async () => {
    const r = await receiver();
    r.answer = () => 500;
    const hook = await subscribe(`${r.url}/down`, ['ticket.issued']);
    await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'invest' }, 201);
    await eventually(async () => (await deliveries(hook.id))[0]?.status === 'dead', 10_000, 'dead letter');
    const [dead] = await deliveries(hook.id);
    expect(dead!.attempts).toBe(4);
    expect(r.received.length).toBe(4);

    r.answer = () => 200;
    const replay = await srv.post(`/api/v1/admin/webhooks/${hook.id}/deliveries/${dead!.id}/replay`, 'admin', {});
    expect(replay.delivery.status).toBe('pending');
    await eventually(async () => (await deliveries(hook.id))[0]?.status === 'delivered', 10_000, 'replayed');
    const last = r.received.at(-1)!;
    expect(last.status).toBe(200);
    expect((JSON.parse(last.body) as { id: string }).id).toBe(dead!.eventId);
    expect(verified(last.body, last.headers['x-qms-signature'])).toBe(true);
    expect((await srv.request('POST', `/api/v1/admin/webhooks/${hook.id}/deliveries/nope/replay`, { as: 'admin', body: {} })).status).toBe(404);
    await unsubscribe(hook.id);
  });

  it('carries the 办件编号 entered at completion in ticket.completed and the rating that follows; refuses a malformed one', async () => {
    const r = await receiver();
    const hook = await subscribe(`${r.url}/haocha`, ['ticket.completed', 'rating.submitted']);
    await srv.post(`${H}/windows/2/sign-in`, 'clerk02');
    const served = [];
    for (const caseNumber of ['330100-2026-000123', undefined]) {
      const t = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'invest' }, 201);
      await srv.post(`${H}/windows/2/call`, 'clerk02', { number: t.ticket.number });
      if (caseNumber) {
        // Letters, digits and - _ . only: a pasted Chinese label or a space is a typo, refused with a stable code.
        for (const bad of ['办件 330100', '330100 2026', 'x'.repeat(65), '-330100']) {
          const refused = await srv.request('POST', `${H}/windows/2/complete`, { as: 'clerk02', body: { caseNumber: bad } });
          expect(refused.status).toBe(400);
          expect(refused.body.error.code).toBe('invalid_case_number');
        }
      }
      await srv.post(`${H}/windows/2/complete`, 'clerk02', caseNumber ? { caseNumber: `  ${caseNumber} ` } : {});
      expect((await srv.request('POST', `${H}/tickets/${t.ticket.id}/rating`, { as: 'rating01', body: { score: 4 } })).status).toBe(201);
      served.push({ id: t.ticket.id as string, caseNumber: caseNumber ?? null });
    }
    await eventually(() => r.received.filter((q) => q.status === 200).length === 4, 10_000, 'four deliveries');
    const got = r.received.map((q) => JSON.parse(q.body) as { type: string; data: { ticket: { id: string }; caseNumber: string | null } });
    for (const s of served) {
      const mine = got.filter((p) => p.data.ticket.id === s.id);
      expect(mine.map((p) => p.type)).toEqual(['ticket.completed', 'rating.submitted']);
      for (const p of mine) expect(p.data.caseNumber).toBe(s.caseNumber);
    }
    await srv.post(`${H}/windows/2/sign-out`, 'clerk02');
    await unsubscribe(hook.id);
  });

  it('a dead or hanging receiver does not slow ticket issue', async () => {
    const issueMs = async (n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'fund' }, 201);
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[Math.floor(n / 2)]!;
    };
    await issueMs(5); // warm-up
    const before = await issueMs(30);
    const hanging = await receiver();
    hanging.answer = () => 'hang';
    // Port 9 (discard) on loopback: connection refused.
    const hooks = [await subscribe(`${hanging.url}/hang`, ['ticket.issued']), await subscribe('http://127.0.0.1:9/refused', ['ticket.issued'])];
    const during = await issueMs(30);
    console.info(`ticket issue p50: ${before.toFixed(1)} ms without webhooks, ${during.toFixed(1)} ms with a hanging and a refusing receiver`);
    // Busy CI cores: a generous bound, far below one receiver timeout (3 s) per ticket.
    expect(during).toBeLessThan(before * 3 + 50);
    expect(hanging.received.length).toBeGreaterThan(0);
    for (const h of hooks) await unsubscribe(h.id);
  });
});
