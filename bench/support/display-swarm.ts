/**
 * A child process holding many wall-display connections (socket.io-client, WebSocket transport,
 * each its own connection), driven by the bench over IPC. Each display knows every node's URL, as
 * behind a load balancer: when its node goes away it waits a reconnect delay like the display page
 * (500 ms doubling to 2 s, ±50 %), connects to the next node and asks `hall:sync` for what it
 * missed. It records when each `ticket.called` arrived and which versions it has seen, so the bench
 * can measure call → display latency and count lost events.
 *
 * Run by the bench: `fork('bench/support/display-swarm.ts', { execArgv: ['--import', 'tsx'] })`.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HallEvent, ServerToClientEvents, SyncResult } from '../../server/protocol';
import { nowMs } from './stats';
import type { FromSwarm, ToSwarm } from './swarm-protocol';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const send = (m: FromSwarm) => process.send!(m);

let recording = false;
let receipts: Record<string, number[]> = {};
const waiters = new Set<() => void>();

class Display {
  socket: Client | null = null;
  /** Highest version up to which every event was seen (live or through hall:sync). */
  cursor = 0;
  readonly seen = new Set<number>();
  private closing = false;
  private disconnectedAt: number | null = null;
  private attempts = 0;
  reconnects = 0;

  constructor(
    readonly index: number,
    private readonly urls: string[],
    private readonly token: string,
    private readonly hallId: string,
    private node: number,
  ) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Resolves once connected and synced (or rejects on a refused handshake on the first try). */
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket: Client = io(`${this.urls[this.node]}/halls`, {
        auth: { token: this.token, hallId: this.hallId },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        timeout: 20_000,
      });
      this.socket = socket;
      socket.on('hall:event', (e) => this.take(e, nowMs()));
      socket.once('connect', () => {
        socket.emit('hall:sync', { sinceVersion: this.cursor }, (r: SyncResult) => {
          if ('events' in r) for (const e of r.events) this.take(e, null);
          else if ('snapshot' in r && this.cursor === 0) this.skipTo(r.snapshot.version);
          if (this.disconnectedAt !== null) {
            send({ cmd: 'resynced', index: this.index, disconnectedAt: this.disconnectedAt, resyncedAt: nowMs(), attempts: this.attempts });
            this.disconnectedAt = null;
            this.attempts = 0;
          }
          resolve();
        });
      });
      socket.once('connect_error', (err) => {
        socket.removeAllListeners();
        socket.close();
        if (this.disconnectedAt === null) return reject(err);
        this.retry();
      });
      socket.once('disconnect', () => {
        socket.removeAllListeners();
        if (this.closing) return;
        this.disconnectedAt = nowMs();
        this.retry();
      });
    });
  }

  /** The display page's reconnect delay: 500 ms doubling to 2 s, randomised ±50 %. */
  private retry(): void {
    const base = Math.min(500 * 2 ** this.attempts, 2000);
    this.attempts++;
    this.node = (this.node + 1) % this.urls.length;
    setTimeout(
      () => {
        if (this.closing) return;
        this.reconnects++;
        void this.open().catch(() => undefined);
      },
      base * (0.5 + Math.random()),
    );
  }

  private skipTo(version: number): void {
    this.cursor = Math.max(this.cursor, version);
  }

  private take(e: HallEvent, at: number | null): void {
    this.seen.add(e.version);
    if (recording && at !== null && e.type === 'ticket.called') (receipts[e.ticket.id] ??= []).push(at);
    if (e.version === this.cursor + 1) {
      this.cursor++;
      while (this.seen.has(this.cursor + 1)) this.cursor++;
      for (const w of waiters) w();
    }
  }

  close(): void {
    this.closing = true;
    this.socket?.removeAllListeners();
    this.socket?.close();
  }
}

const displays: Display[] = [];
const counts = () => ({ displays: displays.length, connected: displays.filter((d) => d.connected).length });

async function handle(m: ToSwarm): Promise<void> {
  switch (m.cmd) {
    case 'open': {
      const started = nowMs();
      const fresh = Array.from({ length: m.count }, (_, k) => {
        const index = m.firstIndex + k;
        return new Display(index, m.urls, m.token, m.hallId, index % m.urls.length);
      });
      displays.push(...fresh);
      let failed = 0;
      // In groups, as displays come on in a hall: not all in the same millisecond.
      for (let i = 0; i < fresh.length; i += 50) {
        const results = await Promise.allSettled(fresh.slice(i, i + 50).map((d) => d.open()));
        failed += results.filter((r) => r.status === 'rejected').length;
      }
      send({ cmd: 'opened', failed, ms: nowMs() - started, ...counts() });
      return;
    }
    case 'mark':
      recording = true;
      receipts = {};
      send({ cmd: 'marked' });
      return;
    case 'wait-version': {
      const reached = () => displays.filter((d) => d.cursor >= m.version).length;
      if (reached() < displays.length) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          };
          const check = () => reached() === displays.length && done();
          const timer = setTimeout(done, m.timeoutMs);
          waiters.add(check);
        });
      }
      send({ cmd: 'at-version', reached: reached(), ...counts() });
      return;
    }
    case 'collect': {
      let lost = 0;
      let displaysWithLoss = 0;
      for (const d of displays) {
        let missing = 0;
        for (let v = m.fromVersion + 1; v <= m.toVersion; v++) if (!d.seen.has(v) && d.cursor < v) missing++;
        lost += missing;
        if (missing > 0) displaysWithLoss++;
      }
      send({ cmd: 'collected', receipts, lost, displaysWithLoss, reconnects: displays.reduce((s, d) => s + d.reconnects, 0) });
      return;
    }
    case 'close':
      for (const d of displays) d.close();
      setImmediate(() => process.exit(0));
      return;
  }
}

process.on('message', (m: ToSwarm) => {
  handle(m).catch((err: Error) => send({ cmd: 'error', message: err.stack ?? err.message }));
});
