/**
 * Issue 16: 1,000 citizens' phones following their tickets in one busy hall (the Yuxi demo hall,
 * 21 windows open, 1,000 tickets waiting), on a hall server process with the embedded store.
 *
 * - before (the floor, measured in the same run): what the old phone page cost. Each phone re-read
 *   its ticket over HTTP after every hall event, so every event is followed by 1,000 reads of
 *   `GET …/tickets/:credential` (one per phone, each from its own address).
 * - after: 1,000 phone sockets authenticated by their tickets' credentials; the server computes the
 *   hall's figures once per committed batch and pushes `ticket:update` to the phones whose figures
 *   changed. The phones make no HTTP read at all.
 *
 * Events are calls and completions, one at a time, each waited out before the next, after a few
 * warm-up events per phase. Latency is
 * from sending the command to a phone having the answer (its read answered, or its update
 * received); server CPU is the hall server's user + system time over the events.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { Agent, request } from 'undici';
import type { ClientToServerEvents, HallEvent, PublicTicket, ServerToClientEvents } from '../../server/protocol';
import { api, login } from '../support/cluster';
import { ServerProcess } from '../support/server-process';
import { nowMs, summarize, type LatencySummary } from '../support/stats';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const H = '/api/v1/halls/yuxi';
/** Events driven before each phase is measured. */
const WARMUP_EVENTS = 3;

export interface FollowerPhase {
  events: number;
  /** HTTP reads of tickets the phones made per hall event. */
  httpReadsPerEvent: number;
  /** Messages (read answers or pushed updates) phones received per event. */
  messagesPerEvent: number;
  /** Command sent → a phone has its new figures. */
  latency: LatencySummary;
  serverCpuMsPerEvent: number;
}

export interface PhoneFollowersResult {
  phones: number;
  waiting: number;
  before: FollowerPhase;
  after: FollowerPhase;
}

function connected(socket: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

export async function phoneFollowers(opts: { phones: number; events: number }): Promise<PhoneFollowersResult> {
  const server = await ServerProcess.start({
    script: 'server/main.ts',
    env: { QMS_ALWAYS_OPEN: '1', QMS_KIOSK_TICKETS_PER_MINUTE: '100000', QMS_LOG_LEVEL: 'warn', QMS_VOICE: 'off' },
  });
  const sockets: Client[] = [];
  try {
    const base = server.url;
    const hall = (await api<{ areas: Array<{ id: string }>; windows: Array<{ id: string; number: number }> }>(base, 'GET', H)).body;
    const kiosk = await login(base, 'kiosk01');
    const clerks = new Map<string, string>();
    for (const w of hall.windows) {
      const token = await login(base, `clerk${String(w.number).padStart(2, '0')}`);
      clerks.set(w.id, token);
      await api(base, 'POST', `${H}/windows/${w.id}/sign-in`, token, {});
    }
    // The phones' tickets, spread over the areas, plus as many again that windows work through.
    const credentials: string[] = [];
    for (let i = 0; i < opts.phones * 2; i++) {
      const res = await api<{ ticketUrl: string }>(base, 'POST', `${H}/tickets`, kiosk, { areaId: hall.areas[i % hall.areas.length]!.id });
      if (res.status !== 201) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
      // The second half joins the queues behind the followed ones, whose places then move with every call.
      if (i % 2 === 0) credentials.push(new URL(res.body.ticketUrl).pathname.split('/').at(-1)!);
    }

    // A wall display: when each event was committed, by version.
    const display: Client = connect(`${base}/halls`, {
      auth: { token: await login(base, 'display01'), hallId: 'yuxi' },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(display);
    let inFlightSentAt = 0;
    const sentAtOf = new Map<number, number>();
    display.on('hall:event', (e: HallEvent) => {
      sentAtOf.set(e.version, inFlightSentAt);
    });
    await connected(display);

    // Each event: a call at the next window, then its completion, one command at a time.
    let turn = 0;
    const windows = hall.windows.map((w) => w.id);
    const called = new Set<string>();
    async function nextEvent(): Promise<void> {
      for (;;) {
        const w = windows[turn++ % windows.length]!;
        inFlightSentAt = nowMs();
        const path = called.has(w) ? `${H}/windows/${w}/complete` : `${H}/windows/${w}/call-next`;
        const res = await api(base, 'POST', path, clerks.get(w), {});
        if (res.status === 200) {
          if (called.has(w)) called.delete(w);
          else called.add(w);
          return;
        }
      }
    }

    // Before: every phone re-reads its ticket after every event.
    const agent = new Agent({ connections: 256, pipelining: 1 });
    const readLatencies: number[] = [];
    let reads = 0;
    let cpu0 = server.cpuMs();
    for (let e = -WARMUP_EVENTS; e < opts.events; e++) {
      if (e === 0) {
        readLatencies.length = 0;
        reads = 0;
        cpu0 = server.cpuMs();
      }
      const sent = nowMs();
      await nextEvent();
      await Promise.all(
        credentials.map(async (c, i) => {
          const res = await request(`${base}${H}/tickets/${c}`, {
            dispatcher: agent,
            headers: { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
          });
          const text = await res.body.text();
          if (res.statusCode !== 200) throw new Error(`read: ${res.statusCode} ${text}`);
          reads++;
          readLatencies.push(nowMs() - sent);
        }),
      );
    }
    const before: FollowerPhase = {
      events: opts.events,
      httpReadsPerEvent: reads / opts.events,
      messagesPerEvent: reads / opts.events,
      latency: summarize(readLatencies),
      serverCpuMsPerEvent: (server.cpuMs() - cpu0) / opts.events,
    };
    await agent.close();

    // After: the phones' sockets; the server pushes.
    const updateLatencies: number[] = [];
    let updates = 0;
    let measuring = false;
    for (let i = 0; i < credentials.length; i += 100) {
      const batch = credentials.slice(i, i + 100).map((credential, j) => {
        // Each phone from its own address, as in the reads above: a handshake counts against its address's ticket-read allowance.
        const n = i + j;
        const extraHeaders = { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
        const phone: Client = connect(`${base}/halls`, {
          auth: { hallId: 'yuxi', credential },
          extraHeaders,
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        sockets.push(phone);
        phone.on('ticket:update', (t: PublicTicket) => {
          if (!measuring) return;
          const sent = sentAtOf.get(t.version);
          updates++;
          if (sent !== undefined) updateLatencies.push(nowMs() - sent);
        });
        return connected(phone);
      });
      await Promise.all(batch);
    }
    // Warm-up, as the other scenarios have: the first passes after 1,000 connections are not the steady state.
    for (let e = 0; e < WARMUP_EVENTS; e++) {
      await nextEvent();
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));
    measuring = true;
    const cpu1 = server.cpuMs();
    for (let e = 0; e < opts.events; e++) {
      await nextEvent();
      // Let the pushes of this event arrive before the next (an event every ~100 ms, a busy hall's pace and more).
      await new Promise((r) => setTimeout(r, 100));
    }
    const cpuAfter = server.cpuMs() - cpu1;
    measuring = false;
    const after: FollowerPhase = {
      events: opts.events,
      // The phones hold sockets only: they make no read at all.
      httpReadsPerEvent: 0,
      messagesPerEvent: updates / opts.events,
      latency: summarize(updateLatencies),
      serverCpuMsPerEvent: cpuAfter / opts.events,
    };
    return { phones: credentials.length, waiting: credentials.length * 2, before, after };
  } finally {
    for (const s of sockets) s.close();
    await server.stop();
  }
}
