/**
 * Follows one ticket live for the citizen's phone, as a Lit controller. The phone has no sign-in:
 * it joins Socket.IO `/halls` with `{hallId, credential}` (the secret its QR code carries) and is
 * pushed its own ticket's figures (`ticket:update`) whenever they change, and once on every
 * (re)connect — never the hall's events, which name other citizens' tickets. The server owns the
 * queue rules, so the page never works out a position itself, and it reads the ticket over HTTP
 * only when it opens (or the citizen asks to retry).
 *
 * A call is handed to `onCall` the moment an update says the ticket is called (or called again).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type { Locale } from '../../server/i18n';
import type { ClientToServerEvents, HALLS_NAMESPACE, PublicTicket, ServerToClientEvents } from '../../server/protocol';
import { Api, ApiFailure } from '../shared/api';

const NAMESPACE: typeof HALLS_NAMESPACE = '/halls';
const RETRY_MS = 2000;

export interface TicketFollowerOptions {
  hallId: string;
  credential: string;
  locale: () => Locale;
  /** This ticket was just called or recalled (the window is in `ticket.window`). */
  onCall: (recalled: boolean) => void;
}

type PhoneSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class TicketFollower implements ReactiveController {
  ticket: PublicTicket | null = null;
  /** The live connection is down (after having tried): what is shown may be stale. */
  offline = false;
  /** The server does not know this ticket today (a wrong link, or yesterday's ticket). */
  gone = false;
  /** Why the ticket could not be read, in words (network down, store unavailable). */
  error = '';
  /** When the ticket's figures last arrived from the server (this phone's clock). */
  readAt: number | null = null;

  private socket: PhoneSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

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

  /** This page's live socket (following the ticket), or null while it is not connected. */
  get socketId(): string | null {
    return this.socket?.connected ? (this.socket.id ?? null) : null;
  }

  /** Reads the ticket now. */
  async read(): Promise<void> {
    const { hallId, credential } = this.opts;
    try {
      const { ticket } = await new Api({ locale: this.opts.locale() }).get<{ ticket: PublicTicket }>(
        `/api/v1/halls/${encodeURIComponent(hallId)}/tickets/${encodeURIComponent(credential)}`,
      );
      this.error = '';
      this.apply(ticket);
      // A ticket of an earlier day has ended: nothing more will come to follow.
      if (ticket.ended) this.close();
    } catch (err) {
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

  /** The newest figures win: a read answered after a push must not undo it. */
  private apply(next: PublicTicket): void {
    const prev = this.ticket;
    if (prev && prev.day === next.day && next.version < prev.version) return;
    this.ticket = next;
    this.gone = false;
    this.readAt = Date.now();
    if (!prev || next.status !== 'called') return;
    if (prev.status !== 'called' || next.recalls > prev.recalls) this.opts.onCall(next.recalls > 0);
  }

  private open(): void {
    const { hallId, credential } = this.opts;
    const socket: PhoneSocket = io(NAMESPACE, {
      transports: ['websocket'],
      auth: { hallId, credential },
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 500,
      reconnectionDelayMax: RETRY_MS,
    });
    this.socket = socket;
    // Whatever happened while the phone was away arrives as the first update after connecting.
    socket.on('connect', () => this.setOffline(false));
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
    socket.on('ticket:update', (ticket) => {
      this.error = '';
      this.apply(ticket);
      this.host.requestUpdate();
    });
  }

  private setOffline(offline: boolean): void {
    if (this.offline === offline) return;
    this.offline = offline;
    this.host.requestUpdate();
  }

  private close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.offline = false;
  }
}
