/**
 * Two hall server processes on one Redis: any node serves any hall, they never number twice, pushes
 * cross nodes, and when one is killed its displays reconnect to the other and miss nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HallEvent, ServerToClientEvents, SyncResult } from '../../server/protocol';
import { call, login } from '../support/node-http';
import { twoNodesOnOneRedis } from '../support/two-nodes';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const H = '/api/v1/halls/yuxi';

/**
 * A wall display that knows several nodes (as behind a load balancer): on losing its node it
 * connects to the next and asks for what it missed since its last version.
 */
class Display {
  readonly events = new Map<number, HallEvent>();
  version = 0;
  socket: Client | null = null;
  node = 0;
  reconnects = 0;

  constructor(
    private readonly urls: string[],
    private readonly token: string,
  ) {}

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket: Client = connect(`${this.urls[this.node]}/halls`, {
        auth: { token: this.token, hallId: 'yuxi' },
        transports: ['websocket'],
        reconnection: false,
      });
      this.socket = socket;
      socket.on('hall:event', (e) => this.take(e));
      socket.once('connect', () => {
        socket.emit('hall:sync', { sinceVersion: this.version }, (r: SyncResult) => {
          if ('events' in r) for (const e of r.events) this.take(e);
          resolve();
        });
      });
      socket.once('connect_error', reject);
      socket.on('disconnect', () => {
        this.node = (this.node + 1) % this.urls.length;
        this.reconnects++;
        void this.connect().catch(() => undefined);
      });
    });
  }

  private take(e: HallEvent): void {
    this.events.set(e.version, e);
    while (this.events.has(this.version + 1)) this.version++;
  }

  close(): void {
    this.socket?.removeAllListeners('disconnect');
    this.socket?.close();
  }
}

describe('two server processes on one Redis', () => {
  const nodes = twoNodesOnOneRedis({ QMS_KIOSK_TICKETS_PER_MINUTE: '1000' });

  it('a token from one node works on the other, and both number one queue without a gap or a duplicate', async () => {
    const kiosk = await login(nodes.a.url, 'kiosk01');
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => call(i % 2 ? nodes.a.url : nodes.b.url, 'POST', `${H}/tickets`, kiosk, { areaId: 'police' })),
    );
    expect(results.map((r) => r.status).every((s) => s === 201)).toBe(true);
    const numbers = results.map((r) => r.body.ticket.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => `H${String(i + 1).padStart(3, '0')}`));
  });

  it('windows on different nodes drain one queue, each citizen called exactly once', async () => {
    const [c19, c20] = await Promise.all([login(nodes.a.url, 'clerk19'), login(nodes.b.url, 'clerk20')]);
    await call(nodes.a.url, 'POST', `${H}/windows/19/sign-in`, c19, {});
    await call(nodes.b.url, 'POST', `${H}/windows/20/sign-in`, c20, {});
    const drain = async (base: string, window: string, token: string) => {
      const got: string[] = [];
      for (;;) {
        const r = await call(base, 'POST', `${H}/windows/${window}/call-next`, token, {});
        expect(r.status).toBe(200);
        if (!r.body.ticket) return got;
        got.push(r.body.ticket.number);
        expect((await call(base, 'POST', `${H}/windows/${window}/complete`, token, {})).status).toBe(200);
      }
    };
    const [onA, onB] = await Promise.all([drain(nodes.a.url, '19', c19), drain(nodes.b.url, '20', c20)]);
    expect([...onA, ...onB].sort()).toEqual(Array.from({ length: 60 }, (_, i) => `H${String(i + 1).padStart(3, '0')}`));
    expect(onA.length).toBeGreaterThan(0);
    expect(onB.length).toBeGreaterThan(0);
  });

  it('a display on node B sees a call made on node A; when B dies it moves to A and misses nothing', async () => {
    const display = new Display([nodes.b.url, nodes.a.url], await login(nodes.b.url, 'display01'));
    await display.connect();
    const kiosk = await login(nodes.a.url, 'kiosk01');
    const clerk = await login(nodes.a.url, 'clerk16');
    await call(nodes.a.url, 'POST', `${H}/windows/16/sign-in`, clerk, {});
    expect((await call(nodes.a.url, 'POST', `${H}/tickets`, kiosk, { areaId: 'insurance' })).status).toBe(201);
    const called = await call(nodes.a.url, 'POST', `${H}/windows/16/call-next`, clerk, {});
    expect(called.body.ticket).toMatchObject({ status: 'called', windowId: '16' });
    await vi.waitFor(() => expect([...display.events.values()].some((e) => e.type === 'ticket.called' && e.ticket.id === called.body.ticket.id)).toBe(true));

    await nodes.b.kill();
    // While the display is moving, the hall goes on.
    await call(nodes.a.url, 'POST', `${H}/windows/16/complete`, clerk, {});
    for (let i = 0; i < 5; i++) expect((await call(nodes.a.url, 'POST', `${H}/tickets`, kiosk, { areaId: 'insurance' })).status).toBe(201);
    const board = (await call(nodes.a.url, 'GET', `${H}/board`, clerk)).body;
    await vi.waitFor(() => expect(display.version).toBe(board.version), { timeout: 15_000 });
    expect(display.reconnects).toBeGreaterThanOrEqual(1);
    expect([...display.events.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: board.version }, (_, i) => i + 1));
    display.close();
  });
});
