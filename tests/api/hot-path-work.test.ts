/**
 * Issue 24: the work a command costs follows what it changed and who listens — never the hall's
 * size. Counters, not clocks (`app.qms.work`, server/domain/work.ts): a real server, thousands of
 * tickets issued and called over HTTP, then per command the views computed, queue entries
 * touched, estimates played out and messages serialised, with 0, 1 and 1,000 phones following.
 * A pass over every open ticket per batch (what the followers' pass used to do with Redis), or a
 * sort of an area per batch, breaks these bounds at once: 3,000 tickets are open throughout. Reading
 * an area's waiting set whole is counted too (`waiting-set.ts`), so a join or a re-queue that walks
 * its area (as they did, to keep the set in queue order) fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { ManualClock } from '../../server/app/clock';
import type { WorkCounters } from '../../server/domain/work';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol';
import { credentialOf } from '../support/credentials';
import { startServer, type TestServer } from '../support/server';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const H = '/api/v1/halls/yuxi';
/** A Wednesday morning; the clock moves only when told, so the same commands cost the same. */
const clock = new ManualClock(Date.parse('2026-12-02T09:30:00+08:00'));
const DESKS = [
  { window: '3', clerk: 'clerk03', area: 'estate' },
  { window: '9', clerk: 'clerk09', area: 'tax' },
  { window: '14', clerk: 'clerk14', area: 'fund' },
];
/** Open tickets kept in the hall throughout (most in one area, so sorting it would show). */
const OPEN = 3000;
const PHONES = 1000;

interface Cost extends WorkCounters {
  command: string;
}

describe('work per command: bounded by what changed plus what is followed, not by the open tickets', () => {
  let srv: TestServer;
  const phones: Client[] = [];
  const credentials: string[] = [];
  const tokens = new Map<string, string>();

  const inject = async (url: string, as: string) => {
    const res = await srv.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${tokens.get(as)}`, 'content-type': 'application/json' },
      payload: {},
    });
    return res;
  };
  const issue = async (areaId: string) => {
    const res = await srv.app.inject({
      method: 'POST',
      url: `${H}/tickets`,
      headers: { authorization: `Bearer ${tokens.get('kiosk01')}`, 'content-type': 'application/json' },
      payload: { areaId },
    });
    expect(res.statusCode).toBe(201);
    return JSON.parse(res.body) as { ticket: { id: string }; ticketUrl: string };
  };
  /** The work one command caused, its phones' pass included (it runs right after the commit). */
  const cost = async (command: string, run: () => Promise<unknown>): Promise<Cost> => {
    const before = { ...srv.app.qms.work };
    await run();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    const after = srv.app.qms.work;
    return {
      command,
      viewsComputed: after.viewsComputed - before.viewsComputed,
      queueEntriesTouched: after.queueEntriesTouched - before.queueEntriesTouched,
      estimatesRun: after.estimatesRun - before.estimatesRun,
      messagesSerialised: after.messagesSerialised - before.messagesSerialised,
      timeStrings: after.timeStrings - before.timeStrings,
    };
  };
  /** A round at every desk: a new citizen, the next one called, then served. Keeps OPEN open. */
  const round = async (): Promise<Cost[]> => {
    const costs: Cost[] = [];
    for (const d of DESKS) {
      costs.push(await cost('issue', () => issue(d.area)));
      costs.push(await cost('call-next', async () => expect((await inject(`${H}/windows/${d.window}/call-next`, d.clerk)).statusCode).toBe(200)));
      costs.push(await cost('complete', async () => expect((await inject(`${H}/windows/${d.window}/complete`, d.clerk)).statusCode).toBe(200)));
    }
    return costs;
  };
  const waiting = async () => (await srv.get<{ areas: Array<{ waiting: number }> }>(`${H}/board`, 'display01')).areas.reduce((n, a) => n + a.waiting, 0);

  /** Entries a read or an update of one area's order may touch: a few root-to-leaf paths. */
  const path = () => 8 * Math.ceil(Math.log2(OPEN + 2));
  /**
   * The bounds: a command changes a handful of tickets (its answer's view, its area's order, a
   * play-out per area whose windows or pace moved, its events to the screens); each followed ticket
   * adds one view, one place read and at most one message.
   */
  const check = (costs: Cost[], followed: number) => {
    for (const c of costs) {
      expect.soft(c.viewsComputed, `${c.command}: views`).toBeLessThanOrEqual(2 + followed);
      expect.soft(c.queueEntriesTouched, `${c.command}: queue entries`).toBeLessThanOrEqual((12 + 2 * followed) * path());
      expect.soft(c.estimatesRun, `${c.command}: play-outs`).toBeLessThanOrEqual(followed > 0 ? 8 : 2);
      expect.soft(c.messagesSerialised, `${c.command}: messages`).toBeLessThanOrEqual(3 + followed);
      expect.soft(c.timeStrings, `${c.command}: time strings`).toBeLessThanOrEqual(10 + 5 * followed);
    }
  };

  beforeAll(async () => {
    srv = await startServer({ store: 'embedded', clock, env: { QMS_KIOSK_TICKETS_PER_MINUTE: '100000', QMS_LOG_LEVEL: 'warn', QMS_VOICE: 'off' } });
    for (const u of ['kiosk01', ...DESKS.map((d) => d.clerk)]) tokens.set(u, await srv.login(u));
    for (const d of DESKS) await srv.post(`${H}/windows/${d.window}/sign-in`, d.clerk);
    // The hall fills: most in one area, the rest spread over the desks' areas.
    for (let i = 0; i < OPEN; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, (_, k) => issue(k % 5 === 0 ? DESKS[(i / 50 + k) % 3]!.area : 'estate')));
      // Followed later: tickets deep in the queues, which no desk reaches during the test.
      for (const t of batch) if (credentials.length < PHONES + 1 && i < OPEN / 2) credentials.push(credentialOf(t));
    }
  }, 300_000);
  afterAll(async () => {
    for (const p of phones) p.close();
    await srv?.close();
  });

  const follow = async (n: number) => {
    const opened = credentials.slice(phones.length, n).map((credential, k) => {
      // Each phone on its own address (through the trusted loopback proxy), as citizens' phones are:
      // one address opening a thousand tickets' sockets would meet the per-address limit.
      const i = phones.length + k;
      const extraHeaders = { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
      const phone: Client = connect(`${srv.url}/halls`, { auth: { hallId: 'yuxi', credential }, extraHeaders, transports: ['websocket'], reconnection: false });
      phones.push(phone);
      return new Promise<void>((resolve, reject) => {
        // Connected and told its figures once: from here on only changes are sent.
        phone.once('ticket:update', () => resolve());
        phone.once('connect_error', reject);
      });
    });
    await Promise.all(opened);
  };

  it('with nobody following: a few views and entries per command, with 3,000 tickets open', async () => {
    expect(await waiting()).toBeGreaterThanOrEqual(OPEN);
    const costs = [...(await round()), ...(await round())];
    check(costs, 0);
    // What one command costs does not grow with the hall: the answer's own ticket and no one else's.
    expect(Math.max(...costs.map((c) => c.viewsComputed))).toBeLessThanOrEqual(2);
  });

  it("a no-show re-queued behind three (过号重排): a few paths of its area's order, not a pass over the area", async () => {
    // Window 3's area holds most of the open tickets: a re-queue that walked or re-built it would show.
    const d = DESKS[0]!;
    const costs: Cost[] = [];
    const requeued = new Set<string>();
    while (requeued.size < 3) {
      const called = await inject(`${H}/windows/${d.window}/call-next`, d.clerk);
      expect(called.statusCode).toBe(200);
      const ticketId = (JSON.parse(called.body) as { ticket: { id: string } }).ticket.id;
      if (requeued.has(ticketId)) {
        // Its one re-queue is spent (the hall's limit): served this time.
        expect((await inject(`${H}/windows/${d.window}/complete`, d.clerk)).statusCode).toBe(200);
        continue;
      }
      // The hall's rule: a no-show is marked a minute after the call at the earliest.
      clock.advance(61_000);
      costs.push(await cost('no-show', async () => expect((await inject(`${H}/windows/${d.window}/no-show`, d.clerk)).statusCode).toBe(200)));
      costs.push(await cost('requeue', async () => expect((await inject(`${H}/tickets/${ticketId}/requeue`, d.clerk)).statusCode).toBe(200)));
      requeued.add(ticketId);
    }
    check(costs, 0);
  });

  it('with one phone following: one more view, and a message only when its figures change', async () => {
    await follow(1);
    const costs = [...(await round()), ...(await round())];
    check(costs, 1);
  });

  it('with 1,000 phones following: the followed tickets, never every open one', async () => {
    await follow(PHONES);
    expect(phones.every((p) => p.connected)).toBe(true);
    const open = await waiting();
    expect(open).toBeGreaterThan(2 * PHONES);
    const costs = await round();
    check(costs, PHONES);
    // Every command moved someone's place (a call moves everyone behind it): the phones heard.
    expect(costs.filter((c) => c.command === 'call-next').every((c) => c.messagesSerialised > 1)).toBe(true);
  }, 120_000);
});
