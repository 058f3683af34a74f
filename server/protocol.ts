/**
 * The wire types shared by the server and the browsers: REST shapes (api.md) and the Socket.IO
 * event maps. Browsers import this with `import type` only.
 */
import type { HallEvent } from './domain/events';
import type { BoardView, TicketView, WindowView } from './domain/views';
import type { Role } from './domain/types';

export type { HallEvent, EventType } from './domain/events';
export type { BoardView as Board, TicketView as Ticket, WindowView as Window } from './domain/views';

export interface ApiError {
  /** `reason`: the specific refusal behind a general contract code (403 `forbidden`, 404 `not_found`). */
  error: { code: string; message: string; field?: string; reason?: string };
}

export interface LoginResponse {
  token: string;
  user: { id: string; name: string; role: Role; hallId: string | null; staffNo: string | null };
}

export interface IssueResponse {
  ticket: TicketView;
  print: { status: 'printed' | 'failed' | 'none'; error?: string };
}

export interface WindowResponse {
  window: WindowView;
}

export interface HallDetail {
  id: string;
  name: string;
  timezone: string;
  areas: Array<{ id: string; name: string; prefix: string; services: Array<{ id: string; name: string; department?: string }> }>;
  windows: Array<{ id: string; number: number; name: string; areaIds: string[] }>;
}

/** `hall:sync` answers with the missed events, or a snapshot when that is cheaper (or a new day). */
export type SyncResult = { events: HallEvent[] } | { snapshot: BoardView } | ApiError;
export type SnapshotResult = { snapshot: BoardView } | ApiError;

export interface ServerToClientEvents {
  'hall:event': (event: HallEvent) => void;
}

export interface ClientToServerEvents {
  'hall:sync': (request: { sinceVersion: number; day?: string }, ack: (result: SyncResult) => void) => void;
  'hall:snapshot': (ack: (result: SnapshotResult) => void) => void;
}

/**
 * Handshake `auth` a client sends: a token for staff and devices, or (a citizen's phone following
 * its ticket) the ticket id instead, which gets the hall's events without who did them.
 */
export type HandshakeAuth = { token: string; hallId: string } | { hallId: string; ticketId: string };

export const HALLS_NAMESPACE = '/halls';
