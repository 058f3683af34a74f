/**
 * A phone following its ticket on one node while the hall's commands run on the other: the phone's
 * node hears the append, catches the hall up (every node folds the same log) and works out its own
 * phones' figures, so the phone hears its place move and its call as if it were on the committing
 * node — and only about its own ticket.
 */
import { describe, expect, it, vi } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, PublicTicket, ServerToClientEvents } from '../../server/protocol';
import { credentialOf } from '../support/credentials';
import { call, login } from '../support/node-http';
import { twoNodesOnOneRedis } from '../support/two-nodes';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const H = '/api/v1/halls/yuxi';

describe('a phone on one node, the hall worked on the other', () => {
  const nodes = twoNodesOnOneRedis({ QMS_KIOSK_TICKETS_PER_MINUTE: '1000', QMS_ALWAYS_OPEN: '1' });

  it('hears its place move and its call, pushed across nodes, and nothing else', async () => {
    const kiosk = await login(nodes.a.url, 'kiosk01');
    const clerk = await login(nodes.a.url, 'clerk14');
    const issued: Array<{ ticket: { id: string; number: string }; ticketUrl: string }> = [];
    for (let i = 0; i < 3; i++) issued.push((await call(nodes.a.url, 'POST', `${H}/tickets`, kiosk, { areaId: 'fund' })).body);
    const mine = issued[2]!;

    const phone: Client = connect(`${nodes.b.url}/halls`, {
      auth: { hallId: 'yuxi', credential: credentialOf(mine) },
      transports: ['websocket'],
      reconnection: false,
    });
    const updates: PublicTicket[] = [];
    const other: string[] = [];
    phone.on('ticket:update', (t) => updates.push(t));
    phone.on('hall:event', (e) => other.push(e.type));
    await new Promise<void>((resolve, reject) => {
      phone.once('connect', () => resolve());
      phone.once('connect_error', reject);
    });
    try {
      await vi.waitFor(() => expect(updates.at(-1)).toMatchObject({ number: mine.ticket.number, status: 'waiting', ahead: 2 }));
      expect((await call(nodes.a.url, 'POST', `${H}/windows/14/sign-in`, clerk, {})).status).toBe(200);
      expect((await call(nodes.a.url, 'POST', `${H}/windows/14/call-next`, clerk, {})).status).toBe(200);
      await vi.waitFor(() => expect(updates.at(-1)).toMatchObject({ status: 'waiting', ahead: 1 }), { timeout: 5000 });
      for (let i = 0; i < 2; i++) {
        expect((await call(nodes.a.url, 'POST', `${H}/windows/14/complete`, clerk, {})).status).toBe(200);
        expect((await call(nodes.a.url, 'POST', `${H}/windows/14/call-next`, clerk, {})).status).toBe(200);
      }
      await vi.waitFor(() => expect(updates.at(-1)).toMatchObject({ status: 'called', window: { number: 14 } }), { timeout: 5000 });
      expect(other).toEqual([]);
      const text = JSON.stringify(updates);
      for (const t of issued) {
        expect(text).not.toContain(t.ticket.id);
        if (t !== mine) expect(text).not.toContain(credentialOf(t));
      }
    } finally {
      phone.close();
    }
  });
});
