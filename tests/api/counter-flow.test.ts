import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisProcess } from '../support/redis';
import { startServer, type StoreKind, type TestServer } from '../support/server';
import { credentialOf } from '../support/credentials';

const H = '/api/v1/halls/yuxi';

describe.each<StoreKind>(['embedded', 'redis'])('counter flow on the %s store', (store) => {
  let redis: RedisProcess | undefined;
  let srv: TestServer;

  beforeAll(async () => {
    if (store === 'redis') redis = await RedisProcess.start();
    srv = await startServer({ store, redisUrl: redis?.url });
  });
  afterAll(async () => {
    await srv?.close();
    await redis?.stop();
  });

  it('takes a citizen from ticket to rating through every counter action', async () => {
    const issued = await srv.post(`${H}/tickets`, 'kiosk01', { areaId: 'estate' }, 201);
    expect(issued.ticket).toMatchObject({ number: 'B001', areaId: 'estate', status: 'waiting', priority: 'normal', ahead: 0 });
    expect(issued.print).toEqual({ status: 'none' });

    const signed = await srv.post(`${H}/windows/3/sign-in`, 'clerk03');
    expect(signed.window).toMatchObject({ id: '3', number: 3, status: 'open', clerk: { id: 'clerk03', staffNo: 'YX103' } });

    const called = await srv.post(`${H}/windows/3/call-next`, 'clerk03');
    expect(called.ticket).toMatchObject({ id: issued.ticket.id, status: 'called', windowId: '3' });

    const recalled = await srv.post(`${H}/windows/3/recall`, 'clerk03');
    expect(recalled.ticket.recalls).toBe(1);

    const started = await srv.post(`${H}/windows/3/start`, 'clerk03');
    expect(started.ticket.status).toBe('serving');

    const done = await srv.post(`${H}/windows/3/complete`, 'clerk03');
    expect(done.ticket).toMatchObject({ status: 'done', windowId: '3' });
    expect(Date.parse(done.ticket.completedAt)).toBeGreaterThanOrEqual(Date.parse(done.ticket.startedAt));

    const rated = await srv.request('POST', `${H}/tickets/${issued.ticket.id}/rating`, { as: 'rating01', body: { score: 5 } });
    expect(rated.status).toBe(201);

    // The citizen reads it by the credential of its QR code, and the answer never names the id.
    const view = await srv.get(`${H}/tickets/${credentialOf(issued)}`);
    expect(view.ticket.status).toBe('done');
    expect(JSON.stringify(view)).not.toContain(issued.ticket.id);

    const trail = await srv.get(`${H}/tickets/${issued.ticket.id}/events`, 'manager');
    expect(trail.events.map((e: { type: string }) => e.type)).toEqual([
      'ticket.issued',
      'ticket.called',
      'ticket.recalled',
      'ticket.started',
      'ticket.completed',
      'rating.submitted',
    ]);
  });
});
