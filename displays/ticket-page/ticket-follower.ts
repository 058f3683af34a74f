/**
 * Follows one ticket live for the citizen's phone, as a Lit controller. The phone has no sign-in:
 * it joins Socket.IO `/halls` with `{hallId, ticketId}` (the ticket id is the credential) and gets
 * the hall's events without who did them. The server owns the queue rules, so the page never works
 * out a position itself: it reads the ticket again (`GET …/tickets/:id`) after events — at once for
 * its own ticket, debounced for the rest, since any call or new ticket can change `ahead`.
 *
 * A call (`ticket.called` / `ticket.recalled` of this ticket) is handed to `onCall` the moment the
 * event arrives; a call seen only in a later read (missed while offline) is handed over then.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type { Locale } from '../../server/i18n';
import type { ClientToServerEvents, HALLS_NAMESPACE, HallEvent, ServerToClientEvents, Ticket } from '../../server/protocol';
import { Api, ApiFailure } from '../shared/api';

const NAMESPACE: typeof HALLS_NAMESPACE = '/halls';
/** Events in a burst (a clerk working fast) cause one read, not one each. */
const READ_DEBOUNCE_MS = 300;
const RETRY_MS = 2000;

export interface CallNotice {
  window: { id: string; number: number; name: string };
  recalled: boolean;
}

export interface TicketFollowerOptions {
  hallId: string;
  ticketId: string;
  locale: () => Locale;
  /** This ticket was just called or recalled (the window is in `ticket.windowId`, and `call` when an event said it). */
  onCall: (recalled: boolean) => void;
}

type PhoneSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class TicketFollower implements ReactiveController {
  ticket: Ticket | null = null;
  /** The latest call seen as an event (it names the window without another request). */
  call: CallNotice | null = null;
  /** The live connection is down (after having tried): what is shown may be stale. */
  offline = false;
  /** The server does not know this ticket today (a wrong link, or yesterday's ticket). */
  gone = false;
  /** Why the ticket could not be read, in words (network down, store unavailable). */
  error = '';
  /** When the ticket was last read from the server (this phone's clock). */
  readAt: number | null = null;

  private socket: PhoneSocket | null = null;
  private readTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every read and every call event: an older answer must not undo a newer fact. */
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: TicketFollowerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.read();
    this.open();
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Reads the ticket now. */
  async read(): Promise<void> {
    if (this.readTimer) clearTimeout(this.readTimer);
    this.readTimer = null;
    const mine = ++this.generation;
    const { hallId, ticketId } = this.opts;
    try {
      const { ticket } = await new Api({ locale: this.opts.locale() }).get<{ ticket: Ticket }>(
        `/api/v1/halls/${encodeURIComponent(hallId)}/tickets/${encodeURIComponent(ticketId)}`,
      );
      if (mine !== this.generation) return;
      this.error = '';
      this.readAt = Date.now();
      this.apply(ticket);
    } catch (err) {
      if (mine !== this.generation) return;
      const code = err instanceof ApiFailure ? err.code : 'internal_error';
      if (code === 'ticket_not_found' || code === 'hall_not_found' || code === 'not_found') {
        this.gone = true;
        this.close();
      } else {
        this.error = err instanceof ApiFailure ? err.display : '';
      }
    }
    this.host.requestUpdate();
  }

  private apply(next: Ticket): void {
    const prev = this.ticket;
    this.ticket = next;
    this.gone = false;
    if (!prev || next.status !== 'called') return;
    // Called while this page was away from the events (offline, or an event lost): say it now.
    if (prev.status !== 'called' || next.recalls > prev.recalls) this.opts.onCall(next.recalls > 0);
  }

  private open(): void {
    const { hallId, ticketId } = this.opts;
    const socket: PhoneSocket = io(NAMESPACE, {
      transports: ['websocket'],
      auth: { hallId, ticketId },
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 500,
      reconnectionDelayMax: RETRY_MS,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.setOffline(false);
      // Whatever happened while we were away is in the ticket now.
      void this.read();
    });
    socket.on('disconnect', (reason) => {
      this.setOffline(true);
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err) => {
      if (/^not_found/.test(err.message)) {
        // Only the ticket read decides that the ticket is gone; it also closes the socket.
        void this.read();
        return;
      }
      this.setOffline(true);
      if (!socket.active && !this.retryTimer) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          if (this.socket === socket) socket.connect();
        }, RETRY_MS);
      }
    });
    socket.on('hall:event', (e) => this.receive(e));
  }

  private receive(e: HallEvent): void {
    const mine = 'ticket' in e && e.ticket.id === this.opts.ticketId;
    if (mine && (e.type === 'ticket.called' || e.type === 'ticket.recalled')) {
      const recalled = e.type === 'ticket.recalled';
      this.call = { window: e.window, recalled };
      // The event is the newest fact: a read already on its way must not show the ticket waiting again.
      this.generation++;
      if (this.ticket) {
        this.ticket = { ...this.ticket, status: 'called', windowId: e.window.id, recalls: recalled ? e.recall : 0, ahead: null, estimatedWaitMinutes: null };
      }
      this.opts.onCall(recalled);
      this.host.requestUpdate();
    }
    if (mine || e.type === 'day.closed') {
      void this.read();
      return;
    }
    this.readTimer ??= setTimeout(() => void this.read(), READ_DEBOUNCE_MS);
  }

  private setOffline(offline: boolean): void {
    if (this.offline === offline) return;
    this.offline = offline;
    this.host.requestUpdate();
  }

  private close(): void {
    if (this.readTimer) clearTimeout(this.readTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.readTimer = null;
    this.retryTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.offline = false;
  }
}
