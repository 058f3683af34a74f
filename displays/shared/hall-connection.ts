/**
 * The one live connection every hall screen shares, as a Lit controller: a Socket.IO client on
 * `/halls` that takes a Board snapshot on every (re)connect, hands the page each `hall:event` once
 * and in version order (asking `hall:sync` when it sees a gap), refreshes the snapshot shortly after
 * events, and keeps the last state on screen while offline until it is back by itself.
 *
 * The browser never folds events into state: the queue rules live on the server. The snapshot is
 * the state; events only say what just happened (a call to announce, a service to rate).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import { compareEvents } from '../../server/domain/event-order';
import type { Board, ClientToServerEvents, HALLS_NAMESPACE, HallEvent, ServerToClientEvents, SnapshotResult, SyncResult } from '../../server/protocol';

const NAMESPACE: typeof HALLS_NAMESPACE = '/halls';

/** Events close together cause one snapshot request, not one each. */
const REFRESH_DEBOUNCE_MS = 200;
const ACK_TIMEOUT_MS = 5000;

export interface HallCredentials {
  token: string;
  hallId: string;
}

export interface HallConnectionOptions {
  /** Who and where; null while the page is signed out, which closes the connection. */
  credentials: () => HallCredentials | null;
  /** Keep the Board snapshot fresh after events (default true); the rating pad only needs events. */
  followBoard?: boolean;
  /** Each event once, in version order; `replayed` when it came from `hall:sync` after a gap. */
  onEvent?: (event: HallEvent, replayed: boolean) => void;
  /** Every snapshot; `reset` after a (re)connect or a new day, when earlier events were not seen. */
  onSnapshot?: (board: Board, reset: boolean) => void;
  /** The server refused the token: the page should sign in again. */
  onUnauthorized?: () => void;
}

type HallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class HallConnection implements ReactiveController {
  /** The latest Board snapshot; kept while offline. */
  board: Board | null = null;
  online = false;
  /** The version of the last event handed to the page (the event cursor). */
  version = 0;
  day: string | null = null;

  private socket: HallSocket | null = null;
  private key: string | null = null;
  /** Events that arrived while a snapshot or sync was in flight, or after a gap. */
  private held: HallEvent[] = [];
  private catchingUp = false;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  /** Server clock minus this browser's clock, from the last snapshot's `now`. */
  private clockOffsetMs = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: HallConnectionOptions,
  ) {
    host.addController(this);
  }

  /** Now on the server's clock, so the wall clock shows hall time even on a PC whose clock drifts. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Takes a fresh snapshot now (e.g. right after this page acted). */
  async refresh(): Promise<void> {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    if (this.socket?.connected) await this.snapshot(false);
  }

  private follow(): void {
    const creds = this.opts.credentials();
    const key = creds ? `${creds.hallId}\u0000${creds.token}` : null;
    if (key === this.key) return;
    this.close();
    this.key = key;
    if (creds) this.open(creds);
  }

  private open(creds: HallCredentials): void {
    const socket: HallSocket = io(NAMESPACE, {
      transports: ['websocket'],
      auth: { token: creds.token, hallId: creds.hallId },
      // A wall display must come back by itself after a server restart: keep trying, never wait long.
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.setOnline(true);
      void this.snapshot(true);
    });
    socket.on('disconnect', (reason) => {
      this.setOnline(false);
      // The server closing our socket (e.g. on shutdown) does not reconnect by itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err) => {
      this.setOnline(false);
      if (/^(unauthorized|forbidden)/.test(err.message)) {
        this.close();
        this.opts.onUnauthorized?.();
      } else if (!socket.active) {
        setTimeout(() => this.socket === socket && socket.connect(), 2000);
      }
    });
    socket.on('hall:event', (event) => this.receive(event));
  }

  private close(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.key = null;
    this.held = [];
    this.catchingUp = false;
    if (this.online) this.setOnline(false);
  }

  private setOnline(online: boolean): void {
    this.online = online;
    this.host.requestUpdate();
  }

  private receive(event: HallEvent): void {
    if (this.catchingUp) {
      this.held.push(event);
      return;
    }
    this.accept(event);
  }

  private accept(event: HallEvent): void {
    if (event.day !== this.day) {
      // A new day starts at version 1; anything else means we missed the turn of the day.
      if (event.version !== 1) {
        this.held.push(event);
        void this.snapshot(true);
        return;
      }
      this.day = event.day;
      this.version = 0;
    }
    if (event.version <= this.version) return;
    if (event.version > this.version + 1) {
      this.held.push(event);
      void this.sync();
      return;
    }
    this.deliver(event, false);
    this.scheduleRefresh();
  }

  private deliver(event: HallEvent, replayed: boolean): void {
    this.version = event.version;
    this.opts.onEvent?.(event, replayed);
    this.host.requestUpdate();
  }

  private scheduleRefresh(): void {
    if (this.opts.followBoard === false || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.snapshot(false);
    }, REFRESH_DEBOUNCE_MS);
  }

  /** Asks for the events after our cursor; the server may answer with a snapshot instead. */
  private async sync(): Promise<void> {
    const socket = this.socket;
    if (!socket || this.catchingUp) return;
    this.catchingUp = true;
    let result: SyncResult | null;
    try {
      result = (await socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('hall:sync', { sinceVersion: this.version, ...(this.day ? { day: this.day } : {}) })) as SyncResult;
    } catch {
      result = null;
    }
    if (socket !== this.socket) return;
    this.catchingUp = false;
    if (result && 'events' in result) {
      for (const e of result.events) if (e.day === this.day && e.version === this.version + 1) this.deliver(e, true);
      this.release(true);
      this.scheduleRefresh();
    } else if (result && 'snapshot' in result) {
      this.reset(result.snapshot);
    } else {
      await this.snapshot(true);
    }
  }

  /**
   * Takes a snapshot. With `reset` (a (re)connect, a new day, a failed sync) it also moves the event
   * cursor to the snapshot: what happened before is in the snapshot, not replayed as events.
   */
  private async snapshot(reset: boolean): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    if (reset) this.catchingUp = true;
    let result: SnapshotResult | null;
    try {
      result = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('hall:snapshot')) as SnapshotResult;
    } catch {
      result = null;
    }
    if (socket !== this.socket) return;
    if (!result || !('snapshot' in result)) {
      // Offline or the store is down: keep what is on screen; the next connect or event tries again.
      if (reset) {
        this.catchingUp = false;
        this.release(false);
      }
      return;
    }
    if (reset || result.snapshot.day !== this.day) this.reset(result.snapshot);
    else this.show(result.snapshot, false);
  }

  private reset(board: Board): void {
    this.catchingUp = false;
    this.day = board.day;
    this.version = board.version;
    this.show(board, true);
    this.release(false);
  }

  private show(board: Board, reset: boolean): void {
    this.board = board;
    this.clockOffsetMs = Date.parse(board.now) - Date.now();
    this.opts.onSnapshot?.(board, reset);
    this.host.requestUpdate();
  }

  /** Hands over held events that now follow the cursor; a gap that remains after a sync means a reset. */
  private release(afterSync: boolean): void {
    const held = this.held.sort(compareEvents);
    this.held = [];
    for (const e of held) {
      if (e.day === this.day && e.version <= this.version) continue;
      if (e.day === this.day && e.version > this.version + 1 && afterSync) {
        this.held = held.filter((h) => h.version >= e.version);
        void this.snapshot(true);
        return;
      }
      this.accept(e);
    }
  }
}
