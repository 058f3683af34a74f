/**
 * The wire types shared by the server and the browsers: the REST shapes, derived from the route
 * schemas (`http/schemas/`, the same ones the OpenAPI document at `GET /api/v1/openapi.json` is
 * generated from), and the Socket.IO event maps (docs/realtime.md). Browsers import this with
 * `import type` only.
 */
import type { Static } from 'typebox';
import type { HallEvent } from './domain/events';
import type { LoginResponse as LoginResponseSchema } from './http/schemas/auth';
import type { Board as BoardSchema, Window as WindowSchema, WindowBody } from './http/schemas/board';
import type { ErrorBody } from './http/schemas/common';
import type {
  AppointmentStatus as AppointmentStatusSchema,
  AppointmentView as AppointmentViewSchema,
  BookableArea as BookableAreaSchema,
  CalendarDay as CalendarDaySchema,
  HallDetail as HallDetailSchema,
  SlotsResponse as SlotsResponseSchema,
  PlacesResponse as PlacesResponseSchema,
  SlotView as SlotViewSchema,
} from './http/schemas/halls';
import type { IssueResponse as IssueResponseSchema, Ticket as TicketSchema } from './http/schemas/tickets';

export type { HallEvent, EventType } from './domain/events';
/** A ticket as its holder's phone sees it: the ticket view by credential, and every `ticket:update`. */
export type { PublicTicketView as PublicTicket } from './domain/views';
import type { PublicTicketView } from './domain/views';

export type Board = Static<typeof BoardSchema>;
export type Ticket = Static<typeof TicketSchema>;
export type Window = Static<typeof WindowSchema>;

/** `reason`: the specific refusal behind a general contract code (403 `forbidden`, 404 `not_found`). */
export type ApiError = Static<typeof ErrorBody>;
export type LoginResponse = Static<typeof LoginResponseSchema>;
export type IssueResponse = Static<typeof IssueResponseSchema>;
export type WindowResponse = Static<typeof WindowBody>;
export type HallDetail = Static<typeof HallDetailSchema>;

/** The booking page's names for the hall and its areas, with each area's appointment settings. */
export type BookingHall = HallDetail;
export type BookableArea = Static<typeof BookableAreaSchema>;
export type CalendarDay = Static<typeof CalendarDaySchema>;
export type SlotView = Static<typeof SlotViewSchema>;
export type SlotsResponse = Static<typeof SlotsResponseSchema>;
/** Places left on each bookable day (`GET …/appointments/places`). */
export type PlacesResponse = Static<typeof PlacesResponseSchema>;
export type AppointmentStatus = Static<typeof AppointmentStatusSchema>;
export type AppointmentView = Static<typeof AppointmentViewSchema>;

/** `hall:sync` answers with the missed events, or a snapshot when that is cheaper (or a new day). */
export type SyncResult = { events: HallEvent[] } | { snapshot: Board } | ApiError;
export type SnapshotResult = { snapshot: Board } | ApiError;

export interface ServerToClientEvents {
  /** Staff and devices: every event of the hall. */
  'hall:event': (event: HallEvent) => void;
  /** A phone following its ticket: that ticket's figures, when they change (and once on connecting). */
  'ticket:update': (ticket: PublicTicketView) => void;
}

export interface ClientToServerEvents {
  'hall:sync': (request: { sinceVersion: number; day?: string }, ack: (result: SyncResult) => void) => void;
  'hall:snapshot': (ack: (result: SnapshotResult) => void) => void;
}

/**
 * Handshake `auth` a client sends: a token for staff and devices (the hall's events), or (a
 * citizen's phone following its ticket) the ticket's credential from its QR code, which gets only
 * that ticket's `ticket:update`s.
 */
export type HandshakeAuth = { token: string; hallId: string } | { hallId: string; credential: string };

export const HALLS_NAMESPACE = '/halls';
