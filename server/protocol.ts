/**
 * The wire types shared by the server and the browsers: the REST shapes, derived from the route
 * schemas (`http/schemas/`, `admin/*-schemas.ts` and the few a route file keeps beside itself — the
 * same ones the OpenAPI document at `GET /api/v1/openapi.json` is generated from), every JSON route
 * by method and path (`ApiRoutes`, what `displays/shared/api-routes.ts` calls), and the Socket.IO
 * event maps (docs/realtime.md). Browsers import this with `import type` only, so a page never
 * declares an answer's shape again and a schema change shows up in every page that reads it.
 */
import type { Static } from 'typebox';
import type { HallEvent } from './domain/events';
import type { LoginResponse as LoginResponseSchema } from './http/schemas/auth';
import type { Board as BoardSchema, Window as WindowSchema, WindowBody } from './http/schemas/board';
import type { ErrorBody, NoBody } from './http/schemas/common';
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
import type * as Accounts from './admin/account-schemas';
import type * as Catalogue from './admin/catalogue-schemas';
import type * as Config from './admin/config-schemas';
import type * as OfficialCalendarRoute from './admin/official-calendar-routes';
import type * as AuditSchemas from './http/schemas/audit';
import type * as AuthSchemas from './http/schemas/auth';
import type * as BoardSchemas from './http/schemas/board';
import type * as ForecastSchemas from './http/schemas/forecast';
import type * as HallSchemas from './http/schemas/halls';
import type * as ManagerSchemas from './http/schemas/manager';
import type * as ReportSchemas from './http/schemas/reports';
import type * as StatsSchemas from './http/schemas/stats';
import type * as TicketSchemas from './http/schemas/tickets';
import type * as RatingRoutes from './http/routes/rating-routes';
import type * as WindowRoutes from './http/routes/window-routes';
import type * as NotifyRoutes from './notify/notify-schemas';
import type * as WebhookRoutes from './webhooks/webhook-routes';

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

// ——— Every JSON route: what it takes and what it answers ———

/** An account as the console lists it (never a password hash). */
export type AccountRow = Static<typeof Accounts.AccountSchema>;
export type AccountList = Static<typeof Accounts.AccountList>;
export type CreateAccountRequest = Static<typeof Accounts.CreateAccountRequest>;
export type PatchAccountRequest = Static<typeof Accounts.PatchAccountRequest>;
/** A new account, with its one-time password (shown once). */
export type CreatedAccount = Static<typeof Accounts.CreateAccountResponse>;
export type AccountAnswer = Static<typeof Accounts.AccountBody>;
export type ResetPasswordAnswer = Static<typeof Accounts.ResetPasswordResponse>;
/** A device's pairing code: six digits, and until when it works. */
export type PairingCode = Static<typeof Accounts.PairingCodeResponse>;
export type PrintTestAnswer = Static<typeof Accounts.PrintTestResponse>;

/** A hall's configuration document with its version (send the version back as `If-Match`). */
export type HallConfig = Static<typeof Config.HallConfigResponse>;
/** A hall as the console's hall picker lists it: its configuration version, retired or not. */
export type HallSummary = Static<typeof Config.HallSummaryList>['halls'][number];
export type HallSummaryList = Static<typeof Config.HallSummaryList>;
export type ChangesQuery = Static<typeof Config.ChangesQuery>;
export type ChangesAnswer = Static<typeof Config.ChangesResponse>;
/** One saved change of a hall, a catalogue or an account: who, when, before and after. */
export type ChangeEntry = ChangesAnswer['changes'][number];
export type OfficialCalendar = Static<typeof OfficialCalendarRoute.OfficialCalendarResponse>;

export type CatalogueItem = Static<typeof Catalogue.CatalogueItem>;
export type CatalogueAnswer = Static<typeof Catalogue.CatalogueResponse>;
export type CatalogueItemPatch = Static<typeof Catalogue.CatalogueItemPatch>;
export type CatalogueItemAnswer = Static<typeof Catalogue.CatalogueItemResponse>;
export type ImportQuery = Static<typeof Catalogue.ImportQuery>;
/** What an import would do (a dry run) or did: counts, items and every problem with its line. */
export type ImportResult = Static<typeof Catalogue.ImportResult>;
export type RestoreResult = Static<typeof Catalogue.RestoreResult>;

/** The halls a signed-in user may open (`GET /halls`). */
export type HallList = Static<typeof HallSchemas.HallList>;
export type CalendarAnswer = Static<typeof HallSchemas.CalendarResponse>;
export type AppointmentAnswer = Static<typeof HallSchemas.AppointmentBody>;
export type AppointmentList = Static<typeof HallSchemas.AppointmentList>;

export type NoticeRequest = Static<typeof BoardSchemas.NoticeRequest>;
export type NoticeAnswer = Static<typeof BoardSchemas.NoticeResponse>;
export type NoticeRemoved = Static<typeof BoardSchemas.NoticeRemoved>;

export type TicketAnswer = Static<typeof TicketSchemas.TicketBody>;
export type MaybeTicketAnswer = Static<typeof TicketSchemas.MaybeTicketBody>;
export type PublicTicketAnswer = Static<typeof TicketSchemas.PublicTicketBody>;
export type TicketEvents = Static<typeof TicketSchemas.TicketEvents>;
export type TicketIdentityAnswer = Static<typeof TicketSchemas.TicketIdentityBody>;
export type ReprintAnswer = Static<typeof TicketSchemas.ReprintResponse>;
export type RatingAnswer = Static<typeof TicketSchemas.RatingResponse>;
export type Announcement = Static<typeof TicketSchemas.Announcement>;
export type NextUp = Static<typeof WindowRoutes.NextUpBody>;
export type RatingPrompt = Static<typeof RatingRoutes.RatingPromptSchema>;
export type RatingContact = Static<typeof RatingRoutes.ContactResponse>;

export type HallOverview = Static<typeof ManagerSchemas.OverviewSchema>;
export type ExtendHoursAnswer = Static<typeof ManagerSchemas.ExtendHoursResponse>;
export type FollowUpList = Static<typeof ManagerSchemas.FollowUpsResponse>;
export type FollowUpAnswer = Static<typeof ManagerSchemas.FollowUpResponse>;
export type TicketTrail = Static<typeof ManagerSchemas.TrailSchema>;
export type HonourBoard = Static<typeof ManagerSchemas.HonourSchema>;
export type HallStats = Static<typeof StatsSchemas.StatsSchema>;
export type Forecast = Static<typeof ForecastSchemas.ForecastSchema>;
export type StaffingAdvice = Static<typeof ForecastSchemas.StaffingSchema>;
export type WhatIfAnswer = Static<typeof ForecastSchemas.WhatIfSchema>;
export type BestTime = Static<typeof ForecastSchemas.BestTimeSchema>;
export type HallsReport = Static<typeof ReportSchemas.HallsReportSchema>;
export type AuditPage = Static<typeof AuditSchemas.AuditResponse>;
export type AuditRecordView = AuditPage['records'][number];

export type OptInStatus = Static<typeof NotifyRoutes.OptInStatus>;
export type CodeSent = Static<typeof NotifyRoutes.CodeSent>;
/** Text messages sent for a day (numbers masked). */
export type Deliveries = Static<typeof NotifyRoutes.DeliveriesBody>;

export type Webhook = Static<typeof WebhookRoutes.WebhookSchema>;
export type WebhookDelivery = Static<typeof WebhookRoutes.DeliverySchema>;

export type SecondFactorSetup = Static<typeof AuthSchemas.SecondFactorSetupResponse>;
export type ConfirmedSecondFactor = Static<typeof AuthSchemas.ConfirmSecondFactorResponse>;
export type Me = Static<typeof AuthSchemas.MeResponse>;
export type LogoutAnswer = Static<typeof AuthSchemas.LogoutResponse>;

/**
 * One route: `body` what it takes (`undefined`: nothing), `query` its query string, `answer` its
 * JSON answer (`null` for a 204). A file upload's body is the file itself (`Blob`).
 */
export interface Route<Answer, Body = undefined, Query = undefined> {
  body: Body;
  query: Query;
  answer: Answer;
}

type Empty = Static<typeof NoBody>;
type WindowAction<Answer, Body = Empty> = Route<Answer, Body>;

/**
 * Every JSON route of `/api/v1` by `METHOD /path` (path parameters as `:name`), with the types
 * of its schemas. `displays/shared/api-routes.ts` takes these keys, so a page names the route it
 * calls and gets its answer's type from here.
 */
export interface ApiRoutes {
  'POST /auth/login': Route<LoginResponse, Static<typeof AuthSchemas.LoginRequest>>;
  'POST /auth/second-factor': Route<SecondFactorSetup>;
  'POST /auth/second-factor/confirm': Route<ConfirmedSecondFactor, Static<typeof AuthSchemas.ConfirmSecondFactorRequest>>;
  'POST /auth/pair': Route<LoginResponse, Static<typeof AuthSchemas.PairRequest>>;
  'POST /auth/password': Route<LoginResponse, Static<typeof AuthSchemas.ChangePasswordRequest>>;
  'POST /auth/logout': Route<LogoutAnswer>;
  'GET /auth/me': Route<Me>;

  'GET /admin/accounts': Route<AccountList, undefined, Static<typeof Accounts.AccountListQuery>>;
  'POST /admin/accounts': Route<CreatedAccount, CreateAccountRequest>;
  'PATCH /admin/accounts/:id': Route<AccountAnswer, PatchAccountRequest>;
  'POST /admin/accounts/:id/disable': Route<AccountAnswer>;
  'POST /admin/accounts/:id/enable': Route<AccountAnswer>;
  'POST /admin/accounts/:id/reset-password': Route<ResetPasswordAnswer>;
  'POST /admin/accounts/:id/reset-second-factor': Route<AccountAnswer>;
  'POST /admin/halls/:hallId/devices/:deviceId/pairing-code': Route<PairingCode>;
  'POST /admin/halls/:hallId/devices/:deviceId/print-test': Route<PrintTestAnswer>;
  'GET /admin/halls': Route<HallSummaryList>;
  /** The hall document goes without `retired`; the route checks it itself (every problem at once). */
  'POST /admin/halls': Route<HallConfig, { hall: unknown }>;
  'GET /admin/halls/:hallId/config': Route<HallConfig>;
  'PUT /admin/halls/:hallId/config': Route<HallConfig, { hall: unknown }>;
  'POST /admin/halls/:hallId/retire': Route<HallConfig>;
  'GET /admin/changes': Route<ChangesAnswer, undefined, ChangesQuery>;
  'GET /admin/official-calendar': Route<OfficialCalendar, undefined, Static<typeof OfficialCalendarRoute.OfficialCalendarQuery>>;
  'GET /admin/halls/:hallId/catalogue': Route<CatalogueAnswer>;
  'POST /admin/halls/:hallId/catalogue/import': Route<ImportResult, Blob, ImportQuery>;
  'POST /admin/halls/:hallId/catalogue/restore': Route<RestoreResult, Static<typeof Catalogue.RestoreBody>>;
  'PATCH /admin/halls/:hallId/catalogue/:code': Route<CatalogueItemAnswer, CatalogueItemPatch>;
  'GET /admin/webhooks': Route<{ webhooks: Webhook[] }>;
  'POST /admin/webhooks': Route<{ webhook: Webhook }, Static<typeof WebhookRoutes.CreateBody>>;
  'DELETE /admin/webhooks/:id': Route<null>;
  'GET /admin/webhooks/:id/deliveries': Route<{ deliveries: WebhookDelivery[] }>;
  'POST /admin/webhooks/:id/deliveries/:deliveryId/replay': Route<{ delivery: WebhookDelivery }>;

  'GET /audit': Route<AuditPage, undefined, Static<typeof AuditSchemas.AuditQuery>>;
  'GET /reports/halls': Route<HallsReport, undefined, Static<typeof ReportSchemas.HallsReportQuery>>;

  'GET /halls': Route<HallList>;
  'GET /halls/:hallId': Route<HallDetail>;
  'GET /halls/:hallId/board': Route<Board>;
  'POST /halls/:hallId/notices': Route<NoticeAnswer, NoticeRequest>;
  'DELETE /halls/:hallId/notices/:noticeId': Route<NoticeRemoved>;
  'GET /halls/:hallId/calendar': Route<CalendarAnswer, undefined, Static<typeof HallSchemas.CalendarQuery>>;
  'GET /halls/:hallId/appointments/slots': Route<SlotsResponse, undefined, Static<typeof HallSchemas.SlotsQuery>>;
  'GET /halls/:hallId/appointments/places': Route<PlacesResponse, undefined, Static<typeof HallSchemas.PlacesQuery>>;
  'POST /halls/:hallId/appointments': Route<AppointmentAnswer, Static<typeof HallSchemas.BookingRequest>>;
  'POST /halls/:hallId/appointments/:code/cancel': Route<AppointmentAnswer>;
  'GET /halls/:hallId/appointments': Route<AppointmentList, undefined, Static<typeof HallSchemas.AppointmentsQuery>>;

  'POST /halls/:hallId/tickets': Route<IssueResponse, Static<typeof TicketSchemas.IssueRequest>>;
  'POST /halls/:hallId/tickets/:ticketId/print': Route<ReprintAnswer, Static<typeof TicketSchemas.ReprintRequest>>;
  'GET /halls/:hallId/tickets/:ticketId': Route<PublicTicketAnswer>;
  'GET /halls/:hallId/tickets/:ticketId/events': Route<TicketEvents>;
  'GET /halls/:hallId/tickets/:ticketId/announcement': Route<Announcement>;
  'POST /halls/:hallId/tickets/:ticketId/requeue': Route<TicketAnswer>;
  'POST /halls/:hallId/tickets/:ticketId/assistance': Route<TicketAnswer, Static<typeof TicketSchemas.AssistanceRequest>>;
  'POST /halls/:hallId/tickets/:ticketId/assistance/assign': Route<TicketAnswer, Static<typeof TicketSchemas.AssistanceAssignRequest>>;
  'GET /halls/:hallId/tickets/:ticketId/identity': Route<TicketIdentityAnswer>;
  'POST /halls/:hallId/tickets/:ticketId/rating': Route<RatingAnswer, Static<typeof TicketSchemas.RatingRequest>>;
  'GET /halls/:hallId/tickets/:ticketId/notify': Route<OptInStatus>;
  /** `null`: texting was already on for this number (204). */
  'POST /halls/:hallId/tickets/:ticketId/notify': Route<CodeSent | null, Static<typeof NotifyRoutes.OptInBody>>;
  'POST /halls/:hallId/tickets/:ticketId/notify/confirm': Route<null, Static<typeof NotifyRoutes.ConfirmBody>>;
  'DELETE /halls/:hallId/tickets/:ticketId/notify': Route<null>;
  'GET /halls/:hallId/notifications': Route<Deliveries, undefined, Static<typeof NotifyRoutes.DeliveriesQuery>>;

  'GET /halls/:hallId/windows/:windowId': Route<WindowResponse>;
  'GET /halls/:hallId/windows/:windowId/next-up': Route<NextUp, undefined, Static<typeof WindowRoutes.NextUpQuery>>;
  'GET /halls/:hallId/windows/:windowId/rating-prompt': Route<RatingPrompt>;
  'POST /halls/:hallId/windows/:windowId/sign-in': WindowAction<WindowResponse>;
  'POST /halls/:hallId/windows/:windowId/sign-out': WindowAction<WindowResponse>;
  'POST /halls/:hallId/windows/:windowId/call-next': WindowAction<MaybeTicketAnswer>;
  'POST /halls/:hallId/windows/:windowId/call': WindowAction<TicketAnswer, Static<typeof WindowRoutes.CallBody>>;
  'POST /halls/:hallId/windows/:windowId/recall': WindowAction<TicketAnswer>;
  'POST /halls/:hallId/windows/:windowId/start': WindowAction<TicketAnswer>;
  'POST /halls/:hallId/windows/:windowId/complete': WindowAction<TicketAnswer, Static<typeof WindowRoutes.CompleteBody>>;
  'POST /halls/:hallId/windows/:windowId/no-show': WindowAction<TicketAnswer>;
  'POST /halls/:hallId/windows/:windowId/undo-no-show': WindowAction<TicketAnswer, Static<typeof WindowRoutes.UndoNoShowBody>>;
  'POST /halls/:hallId/windows/:windowId/transfer': WindowAction<TicketAnswer, Static<typeof WindowRoutes.TransferBody>>;
  'POST /halls/:hallId/windows/:windowId/park': WindowAction<WindowResponse, Static<typeof WindowRoutes.ParkBody>>;
  'POST /halls/:hallId/windows/:windowId/resume-parked': WindowAction<TicketAnswer, Static<typeof WindowRoutes.ResumeParkedBody>>;
  'POST /halls/:hallId/windows/:windowId/pause': WindowAction<WindowResponse, Static<typeof WindowRoutes.PauseBody>>;
  'POST /halls/:hallId/windows/:windowId/resume': WindowAction<WindowResponse>;

  'GET /halls/:hallId/overview': Route<HallOverview>;
  'POST /halls/:hallId/windows/:windowId/areas': Route<WindowResponse, Static<typeof ManagerSchemas.WindowAreasRequest>>;
  'POST /halls/:hallId/hours/extend': Route<ExtendHoursAnswer, Static<typeof ManagerSchemas.ExtendHoursRequest>>;
  'GET /halls/:hallId/ratings/follow-ups': Route<FollowUpList, undefined, Static<typeof StatsSchemas.RangeQuery>>;
  'POST /halls/:hallId/ratings/:ticketId/follow-up': Route<FollowUpAnswer, Static<typeof ManagerSchemas.FollowUpRequest>>;
  'GET /halls/:hallId/ratings/:ticketId/contact': Route<RatingContact, undefined, Static<typeof RatingRoutes.ContactQuery>>;
  'GET /halls/:hallId/trail': Route<TicketTrail, undefined, Static<typeof ManagerSchemas.TrailQuery>>;
  'GET /halls/:hallId/honours': Route<HonourBoard, undefined, Static<typeof StatsSchemas.RangeQuery>>;
  'GET /halls/:hallId/stats': Route<HallStats, undefined, Static<typeof StatsSchemas.RangeQuery>>;
  'GET /halls/:hallId/best-time': Route<BestTime, undefined, Static<typeof ForecastSchemas.BestTimeQuery>>;
  'GET /halls/:hallId/forecast': Route<Forecast, undefined, Static<typeof ForecastSchemas.ForecastQuery>>;
  'GET /halls/:hallId/staffing': Route<StaffingAdvice, undefined, Static<typeof ForecastSchemas.StaffingQuery>>;
  'POST /halls/:hallId/what-if': Route<WhatIfAnswer, Static<typeof ForecastSchemas.WhatIfBody>>;
}
