/**
 * Hall configuration and hall state: the nouns of the domain core.
 *
 * Everything here is plain data. Configuration comes from the hall's config file; state is the
 * fold of the hall's events for one local day (see `evolve.ts`).
 */
import type { StandingNotice } from './notice-rules';
import type { WaitingSet } from './waiting-set';

/**
 * Roles of the people and devices that talk to the server. A `city_manager` (市级管理员) belongs to no
 * hall: they read the reports across the halls listed on their account (`hallIds`), nothing else.
 * 三员分立 (separation of duties, GB/T 22239 level 3): `admin` is the system administrator (halls,
 * staff, devices), `security_admin` the security administrator (administrator accounts and their
 * roles, second factors, sessions) and `audit_admin` the audit administrator (reads the audit log,
 * nothing else); see `server/domain/account-rules.ts`.
 */
export type Role = 'kiosk' | 'display' | 'rating' | 'clerk' | 'manager' | 'city_manager' | 'admin' | 'security_admin' | 'audit_admin';

/** Who asked for a command: a signed-in user or device. */
export interface Actor {
  id: string;
  role: Role;
}

/** How urgently a ticket is to be served; fixed when it is issued. */
export type Priority = 'normal' | 'priority' | 'appointment' | 'urgent';

/** `parked` (挂起): set aside at a window (e.g. to fetch a document), resumed there without queueing again. */
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'transferred' | 'cancelled' | 'parked';

export type WindowStatus = 'closed' | 'open' | 'paused';

/**
 * How a window that serves several areas picks among them:
 * - `primary-first`: the first area in `areaIds` with anyone waiting supplies the ticket;
 * - `longest-wait`: all its areas form one queue (class first, then the longest wait).
 */
export type AreaSelection = 'primary-first' | 'longest-wait';

export interface ServiceConfig {
  id: string;
  name: string;
  /** The department that owns the service item (shown to staff, searched by the kiosk). */
  department?: string;
  /** 材料清单: what a citizen brings for it (seeds the catalogue item's `materials`). */
  materials?: string[];
}

export interface AreaConfig {
  id: string;
  name: string;
  /** Ticket prefix, one capital letter: `B` gives B001, B002, … */
  prefix: string;
  services: ServiceConfig[];
  /** Bookable slots (预约): their length and how many citizens each takes. Absent: no appointments. */
  appointments?: { slotMinutes: number; capacity: number };
  /** Walk-in tickets stop this many minutes before the session ends (long services). */
  lastTicketMinutes?: number;
  /** At most this many walk-in tickets a day (appointments come on top). */
  dailyCap?: number;
  /** `complaint`: 办不成事反映窗口 — every ticket issued here is a manager alert until it is dealt with. */
  kind?: 'complaint';
  /** 实名取号: whether a ticket here needs the citizen's ID (`identity-limits.ts`); default `off`. */
  identity?: IdentityMode;
}

/** Whether an area asks who the citizen is: must, may, or never. */
export type IdentityMode = 'required' | 'optional' | 'off';

export interface WindowConfig {
  id: string;
  number: number;
  name: string;
  areaIds: string[];
  selection?: AreaSelection;
}

/**
 * The fairness rule between priority classes and walk-ins, the most argued-over rule in queueing
 * systems, so it is a setting rather than a constant.
 */
export interface QueuePolicy {
  /**
   * At most this many calls in a row at one window may go to appointment or priority tickets while
   * a normal ticket waits for that window; the next call then takes the longest-waiting normal ticket.
   */
  maxPreferredInARow: number;
  /** A normal ticket that has waited this long is called as if it were a priority ticket. */
  agingMinutes: number;
  /** How often one call may be repeated (重呼) before the clerk must decide (start or no-show). */
  recallLimit: number;
  /** 过号重排: a re-queued ticket goes behind this many waiting citizens of its area (default 3). */
  requeueBehind?: number;
  /** How often one ticket may be re-queued (default 1). */
  maxRequeues?: number;
  /** A no-show may be re-queued within this many minutes of being marked absent (default 60). */
  requeueWithinMinutes?: number;
  /** 过号 only this many seconds after the call, so the citizen had time to walk up (default 60; `no-show.ts`). */
  noShowAfterSeconds?: number;
  /** A no-show marked by mistake may be undone at its window within this many seconds (default 120). */
  noShowUndoSeconds?: number;
  /** "还有 N 位": a citizen who opted in is texted once N or fewer are ahead (default: the node's `QMS_SMS_AHEAD`). */
  smsAhead?: number;
  /** 实名取号: tickets one person may take in the hall per day (default 3; `identity-limits.ts`). */
  identityPerDay?: number;
  /** 实名取号: keep the name a card gives (sealed, for the day) so the clerk sees it; default false. */
  identityKeepName?: boolean;
  /** 排班建议: nine citizens in ten should wait no longer than this many minutes (default 20; `staffing.ts`). */
  waitTargetMinutes?: number;
}

export const DEFAULT_POLICY: QueuePolicy = { maxPreferredInARow: 3, agingMinutes: 30, recallLimit: 3 };

export type SessionKind = 'regular' | 'night' | 'morning';

export interface SessionSpec {
  kind: SessionKind;
  /** Hall-local `HH:MM`. */
  start: string;
  end: string;
}

/**
 * The hall's opening calendar. Weekdays are 0 (Sunday) … 6 (Saturday), as `Date#getDay`.
 * A makeup workday (调休) uses the `workday` sessions whatever its weekday.
 */
export interface CalendarConfig {
  /** Sessions of an ordinary Monday–Friday. */
  workday: SessionSpec[];
  /** Extra sessions on given weekdays (周三夜市, 周六早市), also on weekends. */
  weekly: Array<{ weekday: number; session: SessionSpec }>;
  /** Dates (`YYYY-MM-DD`) the hall is closed although the week says open. */
  holidays: string[];
  /** Weekend dates (`YYYY-MM-DD`) that are official workdays (调休); they also open a listed holiday. */
  makeupWorkdays: string[];
  /** How many days ahead citizens may book (default 14, at most 27). */
  bookingDaysAhead?: number;
  /** Merge China's public holidays and 调休 days into the lists above (default true). */
  officialHolidays?: boolean;
}

export interface StaffMember {
  id: string;
  name: string;
  role: Role;
  /** 工号, shown on the window display. */
  staffNo?: string;
  /** `scrypt$…` hash; demo accounts get theirs at start. */
  passwordHash?: string;
}

export interface DeviceConfig {
  /** The account the device signs in with. */
  id: string;
  kind: 'kiosk' | 'display' | 'rating';
  /** `tcp://host:9100` for a kiosk's ticket printer. */
  printer?: string;
  /** The window a rating pad or window display belongs to. */
  windowId?: string;
  passwordHash?: string;
}

export interface HallConfig {
  id: string;
  name: string;
  /** IANA zone; a hall's "day" is its local date. */
  timezone: string;
  /** Where the hall is (the booking page and its receipt tell citizens). */
  address?: string;
  /** The origin citizens reach this hall's pages at, printed in its ticket QR codes; else QMS_PUBLIC_URL. */
  publicUrl?: string;
  areas: AreaConfig[];
  windows: WindowConfig[];
  policy: QueuePolicy;
  calendar: CalendarConfig;
  staff: StaffMember[];
  devices: DeviceConfig[];
  /** How calls are announced; absent fields take the defaults of `announcement.ts`. */
  voice?: VoiceConfig;
  /**
   * The manager board's thresholds per area id: the longest wait that turns an area's tile amber
   * (warn) and red (alert). Absent: half of `policy.agingMinutes`, and `agingMinutes` itself.
   */
  waitAlerts?: Record<string, { warnMinutes: number; alertMinutes: number }>;
  /** 一件事一次办: bundles of steps a citizen takes on one ticket (`journeys.ts`). */
  journeys?: JourneyConfig[];
  /** 长期公告: notices the boards show on every day of their validity (`notice-rules.ts`). */
  standingNotices?: StandingNotice[];
  /** The counter terminal: which key does which action (呼叫器, `counter-keys.ts`). */
  counter?: { keys?: CounterKeyMap };
  /** The hall's managers must sign in with a second factor (TOTP); administrators always do. */
  managerSecondFactor?: boolean;
}

/** Per counter action, the keys that do it (`F1`, `1`, `Alt+H`); absent actions keep the defaults. */
export type CounterKeyMap = Partial<
  Record<'callNext' | 'recall' | 'start' | 'complete' | 'noShow' | 'transfer' | 'pause' | 'resume' | 'park' | 'assistance', string[]>
>;

/**
 * A group of speakers that announces only the calls of some areas (a hall split over floors or
 * wings). Each zone has its own queue, so two zones may speak at once but one zone never overlaps.
 */
export interface VoiceZone {
  id: string;
  areaIds: string[];
  /** The sound device that plays this zone on the server (`AUDIODEV` of sox `play`), e.g. `hw:1`. */
  device?: string;
}

/** Per-hall voice settings (语音叫号). */
export interface VoiceConfig {
  /** How often the call is spoken after the chime; default 2. */
  repeats?: number;
  /** Speaking speed, 1 = normal; default 1. */
  rate?: number;
  /** Loudness from 0.1 to 1; default 1. */
  volume?: number;
  /** Languages spoken, in order; default `['zh-CN']`. */
  locales?: Array<'zh-CN' | 'en'>;
  /** Say the window's configured name too: 请B012号到不动产联办12号窗口办理; default false. */
  windowName?: boolean;
  /** Areas with their own speakers; calls of other areas go to the zone `hall`. */
  zones?: VoiceZone[];
  /** Sound device for the `hall` zone on the server. */
  device?: string;
  /** With QMS_VOICE=speaker: play this hall's calls on the server's speakers; default true. */
  speaker?: boolean;
}

/** 一件事一次办: one step of a journey, an area and maybe the service done there (rules in `journeys.ts`). */
export interface JourneyStep {
  areaId: string;
  serviceId?: string;
}

/** A bundle as the hall's configuration defines it. */
export interface JourneyConfig {
  id: string;
  name: string;
  steps: JourneyStep[];
}

/** A ticket's journey: the bundle as issued and the step (1-based) the citizen is at now. */
export interface TicketJourney {
  id: string;
  name: string;
  steps: JourneyStep[];
  step: number;
}

/** A clerk as shown on screens. */
export interface ClerkRef {
  id: string;
  name: string;
  staffNo: string | null;
}

export interface TicketState {
  id: string;
  number: string;
  seq: number;
  areaId: string;
  /** The area the ticket was first issued for (transfers change `areaId`). */
  originAreaId: string;
  serviceId: string | null;
  priority: Priority;
  status: TicketStatus;
  issuedAt: number;
  /** When it joined its current queue: issue time, or the time of its last transfer. */
  queuedAt: number;
  /** Set while the ticket waits in an area it was transferred to (联办). */
  transferredFrom: string | null;
  calledAt: number | null;
  /** First time the ticket was ever called; waiting time ends here. */
  firstCalledAt: number | null;
  startedAt: number | null;
  completedAt: number | null;
  windowId: string | null;
  /** The appointment it was checked in for. */
  appointmentId: string | null;
  /** Why it was closed without service (e.g. `day_end`). */
  closeReason: string | null;
  /** Repeats of the current call. */
  recalls: number;
  /** When it was last marked absent (过号), for the re-queue time limit. */
  noShowAt: number | null;
  /** How often it was re-queued after a no-show (过号重排). */
  requeues: number;
  /** While parked (挂起): why, and since when. */
  parkReason: string | null;
  parkedAt: number | null;
  rated: boolean;
  /** 办件编号 entered at completion (null: none). */
  caseNumber: string | null;
  /** 需要帮办: the open or assigned request for help with this ticket, if any. */
  assistance: AssistanceState | null;
  /** What the citizen's QR code and phone link carry instead of the id (see `ticket.issued`). */
  credential: string;
  /** 一件事一次办: the bundle the ticket was issued for and the step it is at; null for one service. */
  journey: TicketJourney | null;
  /** 实名取号: the keyed hash of the holder's ID number (never the number); null: anonymous. */
  identityTag: string | null;
}

/** A request for help (需要帮办) on a ticket: who asked, why, and the helper a manager assigned. */
export interface AssistanceState {
  requestedAt: number;
  /** The staff member who asked; null when the citizen asked at the kiosk. */
  requestedBy: string | null;
  note: string | null;
  assignedTo: string | null;
}

export interface WindowState {
  id: string;
  number: number;
  name: string;
  areaIds: string[];
  selection: AreaSelection;
  status: WindowStatus;
  clerk: ClerkRef | null;
  pauseReason: string | null;
  /** The ticket called to or served at this window, if any. */
  ticketId: string | null;
  /** Tickets parked (挂起) at this window, oldest first: only this window resumes them. */
  parked: string[];
  /** Tickets this window marked absent (过号) today and not since re-queued or undone, oldest first. */
  missed: string[];
  /** Appointment/priority calls in a row while a normal ticket waited (the fairness rule). */
  preferredStreak: number;
}

export interface RecentCall {
  ticketId: string;
  number: string;
  windowId: string;
  windowNumber: number;
  at: number;
}

export interface Notice {
  id: string;
  text: string;
}

/** What a command did, so a retried command can answer again without acting twice. */
export interface CommandOutcome {
  ticketId: string | null;
  windowId: string | null;
  noticeId: string | null;
  appointmentId: string | null;
}

/** The hall on one local day: the fold of that day's events. */
export interface HallState {
  config: HallConfig;
  day: string;
  version: number;
  tickets: Map<string, TicketState>;
  /** Ticket number → ticket id. */
  numbers: Map<string, string>;
  /** Public credential → ticket id: how a phone's link finds its ticket. */
  credentials: Map<string, string>;
  /** Last sequence number issued per area. */
  lastSeq: Map<string, number>;
  /** Waiting ticket ids per area (who waits, and how many; the call order is kept by `queue-order.ts`, not by this set's order). */
  waiting: Map<string, WaitingSet>;
  windows: Map<string, WindowState>;
  /** Clerk id → the window they are signed in at. */
  clerkWindows: Map<string, string>;
  /** Newest first, at most `RECENT_CALLS`. */
  recentCalls: RecentCall[];
  notices: Notice[];
  /** 延时服务: a manager kept today open until this hall-local `HH:MM`. */
  extendedUntil: string | null;
  /** Appointments for this day, by id; and check-in code → id. */
  appointments: Map<string, AppointmentState>;
  appointmentCodes: Map<string, string>;
  /** The day was closed (`day.closed`): tickets still open were cancelled. */
  closed: boolean;
  /** How fast the hall works today (recent services and clerks' gaps), for the wait estimate. */
  pace: PaceSamples;
  outcomes: Map<string, CommandOutcome>;
  /** The configuration version the day's log last recorded (`config.applied`); 0 when none. */
  configVersion: number;
  /** 实名取号: a person's keyed hash → their tickets today, oldest first (`identity-limits.ts`). */
  identityTickets: Map<string, string[]>;
}

/** A booking (预约) as the day's state knows it; the rules are in `appointments.ts`. */
export interface AppointmentState {
  id: string;
  code: string;
  areaId: string;
  serviceId: string | null;
  date: string;
  start: string;
  end: string;
  /** `138****5678`: never stored whole. */
  phoneMasked: string | null;
  /** Booked with an ID number: its keyed hash for this hall and date, so laying the card checks in. */
  identityTag?: string;
  status: 'booked' | 'checked_in' | 'cancelled' | 'missed';
  ticketId: string | null;
}

/** How fast the hall works today, kept by `pace.ts` as calls and completions happen. */
export interface PaceSamples {
  /** Rises whenever the samples change, so derived figures can be cached against it. */
  version: number;
  /** Recent call → completed durations (ms) per area, oldest first. */
  byArea: Map<string, number[]>;
  /** The same over the whole hall. */
  hall: number[];
  /** Recent gaps (ms) between a window's citizen leaving and its next call while someone waited. */
  gaps: number[];
  /** The ticket each window called last. */
  lastCalled: Map<string, string>;
}

export const RECENT_CALLS = 10;
