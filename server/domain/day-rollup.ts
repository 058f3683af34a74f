/**
 * A day's figures rolled up once, so reports over months merge small summaries instead of folding
 * every raw event: per hall, area, window, clerk, session, hour and service — counts, ratings by
 * score, and wait/walk/service durations as mergeable distributions (`distribution.ts`) — plus the
 * day's bad ratings (for the 差评 list) and the clerks seen.
 *
 * Each figure is counted where the event that records it happened:
 * - issued: `ticket.issued` (its area and service; no window or clerk);
 * - wait (issued → first called): `ticket.called` with `firstCall` (`waitMs`), at the calling window;
 *   the wait after a transfer (联办) is a second call and is not a citizen's waiting time;
 * - walk (called → started): `ticket.started` (`walkMs`); service: `ticket.completed` (`serviceMs`);
 * - served: `ticket.completed`, in the area the ticket was finally served in; a journey's step
 *   (`ticket.step_completed`, 一件事一次办) is a service too, in its own area and with its own service,
 *   so `served` counts services, and a three-step journey adds three;
 * - journeys started: `ticket.issued` with a journey (its first area); finished: the `ticket.completed`
 *   of a journey ticket (its last area, window and clerk);
 * - no-show: `ticket.no_show`; transferred: `ticket.transferred` (in the area it left);
 *   a re-queue (`ticket.requeued`, 过号重排) is not a new issue: the ticket stays counted once as
 *   issued, its no-show stays counted, and a later completion counts it as served;
 * - cancelled: tickets still open when the day was closed (`day.closed`), in their area;
 * - a rating (`rating.submitted`) belongs to the window that served the ticket and the clerk who
 *   completed it;
 * - a ticket's service is the one it was issued for, whatever area it was transferred to (a journey's:
 *   the service of its step).
 * A ticket completed in a complaint area (办不成事反映窗口) is listed in `complaints` for the same
 * follow-up; it is counted as served like any other, nothing more.
 * The day's follow-ups of bad ratings (`rating.followed_up`, of any earlier day) are kept whole, so
 * the 差评回访 list reads rollups too.
 * Sessions and hours are hall-local, from the event's time; an hour a manager added (延时服务)
 * counts as the session it extends, and anything outside every session as `outside`.
 *
 * Pure. The JSON form carries `format`: a rollup stored under another format is built again from
 * the day's events.
 */
import { Distribution, type DistributionJson } from './distribution';
import type { HallEvent } from './events';
import { isBadScore } from './rating-scores';
import { sessionAt } from './schedule';
import { localTime } from './time';
import type { ClerkRef, HallConfig, SessionKind } from './types';

/** The rollup's format; raise it whenever what a rollup holds or means changes. */
export const ROLLUP_FORMAT = 5;

export type StatsSession = SessionKind | 'outside';

export interface BadRating {
  ticketId: string;
  number: string;
  day: string;
  at: string;
  areaId: string;
  windowId: string | null;
  windowNumber: number | null;
  clerk: ClerkRef | null;
  score: number;
  tags: string[];
  comment: string | null;
  /** The contact phone left with the rating, masked (138****1234); absent or null: none. */
  contactMasked?: string | null;
}

/** A ticket served at a 办不成事反映窗口 area (`kind: "complaint"`): like a bad rating, it needs a follow-up. */
export interface ComplaintCase {
  ticketId: string;
  number: string;
  day: string;
  at: string;
  areaId: string;
  windowId: string | null;
  windowNumber: number | null;
  clerk: ClerkRef | null;
}

/** The figures of one breakdown (the hall, an area, a window, …) over one or more days. */
export class Tally {
  issued = 0;
  served = 0;
  noShow = 0;
  transferred = 0;
  cancelled = 0;
  /** 一件事一次办: journeys begun (at their first step's area) and finished (where the last step was served). */
  journeysStarted = 0;
  journeysFinished = 0;
  wait = new Distribution();
  walk = new Distribution();
  service = new Distribution();
  /** Ratings by score. */
  scores = new Map<number, number>();

  rate(score: number): void {
    this.scores.set(score, (this.scores.get(score) ?? 0) + 1);
  }

  /** Adds a tally in its JSON form, without building it first. */
  mergeJson(j: TallyJson): this {
    this.issued += j.issued ?? 0;
    this.served += j.served ?? 0;
    this.noShow += j.noShow ?? 0;
    this.transferred += j.transferred ?? 0;
    this.cancelled += j.cancelled ?? 0;
    this.journeysStarted += j.journeysStarted ?? 0;
    this.journeysFinished += j.journeysFinished ?? 0;
    if (j.wait) this.wait.mergeJson(j.wait);
    if (j.walk) this.walk.mergeJson(j.walk);
    if (j.service) this.service.mergeJson(j.service);
    for (const [s, n] of Object.entries(j.scores ?? {})) this.scores.set(Number(s), (this.scores.get(Number(s)) ?? 0) + n);
    return this;
  }

  /** Compact: counts that are 0 and empty distributions are left out. */
  toJSON(): TallyJson {
    const j: TallyJson = {};
    if (this.issued) j.issued = this.issued;
    if (this.served) j.served = this.served;
    if (this.noShow) j.noShow = this.noShow;
    if (this.transferred) j.transferred = this.transferred;
    if (this.cancelled) j.cancelled = this.cancelled;
    if (this.journeysStarted) j.journeysStarted = this.journeysStarted;
    if (this.journeysFinished) j.journeysFinished = this.journeysFinished;
    if (this.wait.count) j.wait = this.wait.toJSON();
    if (this.walk.count) j.walk = this.walk.toJSON();
    if (this.service.count) j.service = this.service.toJSON();
    if (this.scores.size) j.scores = Object.fromEntries([...this.scores].sort((a, b) => a[0] - b[0]));
    return j;
  }

  static fromJSON(j: TallyJson): Tally {
    return new Tally().mergeJson(j);
  }
}

export interface TallyJson {
  issued?: number;
  served?: number;
  noShow?: number;
  transferred?: number;
  cancelled?: number;
  journeysStarted?: number;
  journeysFinished?: number;
  wait?: DistributionJson;
  walk?: DistributionJson;
  service?: DistributionJson;
  scores?: Record<string, number>;
}

export interface DayRollup {
  hallId: string;
  day: string;
  /** How many events the day's log held when it was rolled up. */
  events: number;
  /** The day was closed: its figures can no longer change. */
  closed: boolean;
  total: Tally;
  byArea: Map<string, Tally>;
  byWindow: Map<string, Tally>;
  byClerk: Map<string, Tally>;
  bySession: Map<StatsSession, Tally>;
  byHour: Map<number, Tally>;
  byService: Map<string, Tally>;
  /** Tickets issued per area and hall-local hour (0–23): what the arrival forecast learns from. */
  arrivals: Map<string, number[]>;
  /** Every clerk a figure was counted for, by id. */
  clerks: Map<string, ClerkRef>;
  /** The day's bad ratings, oldest first. */
  badRatings: BadRating[];
  /** The day's tickets served at complaint areas, oldest first. */
  complaints: ComplaintCase[];
  /** The follow-ups recorded on the day, in order. */
  followUps: FollowUpEvent[];
}

export type FollowUpEvent = Extract<HallEvent, { type: 'rating.followed_up' }>;

export interface DayRollupJson {
  format: number;
  hallId: string;
  day: string;
  events: number;
  closed: boolean;
  total: TallyJson;
  byArea: Record<string, TallyJson>;
  byWindow: Record<string, TallyJson>;
  byClerk: Record<string, TallyJson>;
  bySession: Record<string, TallyJson>;
  byHour: Record<string, TallyJson>;
  byService: Record<string, TallyJson>;
  /** Area id → 24 counts of tickets issued, by hour. */
  arrivals: Record<string, number[]>;
  clerks: ClerkRef[];
  badRatings: BadRating[];
  complaints: ComplaintCase[];
  followUps: FollowUpEvent[];
}

function at<K>(map: Map<K, Tally>, key: K): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = new Tally()));
  return t;
}

/** What one event adds to each breakdown it falls in. */
type Contribution = (t: Tally) => void;

/** The rollup of one day of a hall: `events` are that day's log (any order); `config` the hall's. */
export function dayRollup(config: HallConfig, day: string, events: readonly HallEvent[]): DayRollup {
  const sorted = events.filter((e) => e.day === day).sort((a, b) => a.version - b.version);
  const tz = config.timezone;
  const windowsById = new Map(config.windows.map((w) => [w.id, w]));
  const r: DayRollup = {
    hallId: config.id,
    day,
    events: sorted.length,
    closed: isClosedDay(sorted),
    total: new Tally(),
    byArea: new Map(),
    byWindow: new Map(),
    byClerk: new Map(),
    bySession: new Map(),
    byHour: new Map(),
    byService: new Map(),
    arrivals: new Map(),
    clerks: new Map(),
    badRatings: [],
    complaints: [],
    followUps: [],
  };
  const complaintAreas = new Set(config.areas.filter((a) => a.kind === 'complaint').map((a) => a.id));
  // Who is at each window, which clerk completed each ticket, each ticket's service, how late the day was extended.
  const atWindow = new Map<string, ClerkRef>();
  const completedBy = new Map<string, ClerkRef>();
  const serviceOf = new Map<string, string>();
  const onJourney = new Set<string>();
  let extendedUntil: string | null = null;

  // Session and hour per minute of the day: a busy day has thousands of events in a few hundred minutes.
  const byMinute = new Map<number, { sessionKey: StatsSession; hour: number }>();
  for (const e of sorted) {
    const ms = Date.parse(e.at);
    const minute = Math.floor(ms / 60_000);
    let when = byMinute.get(minute);
    if (!when) {
      const session = sessionAt(config.calendar, ms, tz, false, extendedUntil);
      when = { sessionKey: session.kind === 'closed' ? 'outside' : session.kind, hour: Math.floor(localTime(ms, tz).minuteOfDay / 60) };
      byMinute.set(minute, when);
    }
    const { sessionKey, hour } = when;

    const add = (areaId: string, ticketId: string | null, windowId: string | null, clerk: ClerkRef | null, f: Contribution): void => {
      f(r.total);
      f(at(r.byArea, areaId));
      f(at(r.bySession, sessionKey));
      f(at(r.byHour, hour));
      const serviceId = ticketId === null ? undefined : serviceOf.get(ticketId);
      if (serviceId !== undefined) f(at(r.byService, serviceId));
      if (windowId !== null) f(at(r.byWindow, windowId));
      if (clerk) {
        r.clerks.set(clerk.id, clerk);
        f(at(r.byClerk, clerk.id));
      }
    };

    switch (e.type) {
      case 'window.opened':
        atWindow.set(e.window.id, e.clerk);
        break;
      case 'window.closed':
        atWindow.delete(e.window.id);
        break;
      case 'hours.extended':
        extendedUntil = e.until;
        byMinute.clear();
        break;
      case 'rating.followed_up':
        r.followUps.push(e);
        break;
      case 'ticket.issued': {
        if (e.serviceId !== null) serviceOf.set(e.ticket.id, e.serviceId);
        if (e.journey) onJourney.add(e.ticket.id);
        let hours = r.arrivals.get(e.ticket.areaId);
        if (!hours) r.arrivals.set(e.ticket.areaId, (hours = new Array<number>(24).fill(0)));
        hours[hour] = hours[hour]! + 1;
        add(e.ticket.areaId, e.ticket.id, null, null, (t) => {
          t.issued++;
          if (e.journey) t.journeysStarted++;
        });
        break;
      }
      case 'ticket.step_completed': {
        // The step's own service, counted where it was served; then the ticket carries the next step's.
        if (e.completedServiceId !== null) serviceOf.set(e.ticket.id, e.completedServiceId);
        else serviceOf.delete(e.ticket.id);
        add(e.fromAreaId, e.ticket.id, e.windowId, atWindow.get(e.windowId) ?? null, (t) => {
          t.served++;
          t.service.add(e.serviceMs);
        });
        if (e.serviceId !== null) serviceOf.set(e.ticket.id, e.serviceId);
        else serviceOf.delete(e.ticket.id);
        break;
      }
      case 'ticket.called':
        if (e.firstCall) add(e.ticket.areaId, e.ticket.id, e.window.id, atWindow.get(e.window.id) ?? null, (t) => t.wait.add(e.waitMs));
        break;
      case 'ticket.started':
        add(e.ticket.areaId, e.ticket.id, e.windowId, atWindow.get(e.windowId) ?? null, (t) => t.walk.add(e.walkMs));
        break;
      case 'ticket.completed': {
        const clerk = atWindow.get(e.windowId) ?? null;
        if (clerk) completedBy.set(e.ticket.id, clerk);
        add(e.ticket.areaId, e.ticket.id, e.windowId, clerk, (t) => {
          t.served++;
          t.service.add(e.serviceMs);
          if (onJourney.has(e.ticket.id)) t.journeysFinished++;
        });
        if (complaintAreas.has(e.ticket.areaId)) {
          r.complaints.push({
            ticketId: e.ticket.id,
            number: e.ticket.number,
            day: e.day,
            at: e.at,
            areaId: e.ticket.areaId,
            windowId: e.windowId,
            windowNumber: windowsById.get(e.windowId)?.number ?? null,
            clerk,
          });
        }
        break;
      }
      case 'ticket.no_show':
        add(e.ticket.areaId, e.ticket.id, e.windowId, atWindow.get(e.windowId) ?? null, (t) => t.noShow++);
        break;
      case 'ticket.no_show_undone':
        // Marked by mistake and taken back: the ticket was never absent.
        add(e.ticket.areaId, e.ticket.id, e.window.id, atWindow.get(e.window.id) ?? null, (t) => t.noShow--);
        break;
      case 'ticket.transferred':
        add(e.fromAreaId, e.ticket.id, e.windowId, atWindow.get(e.windowId) ?? null, (t) => t.transferred++);
        break;
      case 'day.closed':
        for (const t of e.tickets) add(t.areaId, t.id, null, null, (x) => x.cancelled++);
        for (const w of e.windows) atWindow.delete(w);
        break;
      case 'rating.submitted': {
        const clerk = completedBy.get(e.ticket.id) ?? null;
        add(e.ticket.areaId, e.ticket.id, e.windowId, clerk, (t) => t.rate(e.score));
        if (isBadScore(e.score)) {
          r.badRatings.push({
            ticketId: e.ticket.id,
            number: e.ticket.number,
            day: e.day,
            at: e.at,
            areaId: e.ticket.areaId,
            windowId: e.windowId,
            windowNumber: e.windowId === null ? null : (windowsById.get(e.windowId)?.number ?? null),
            clerk,
            score: e.score,
            tags: [...e.tags],
            comment: e.comment,
            ...(e.contactMasked ? { contactMasked: e.contactMasked } : {}),
          });
        }
        break;
      }
      default:
        break;
    }
  }
  return r;
}

/** Whether the day's log has been closed, so its figures can no longer change. */
export function isClosedDay(events: readonly HallEvent[]): boolean {
  return events.some((e) => e.type === 'day.closed');
}

/** Tallies by key in their JSON form. */
export const talliesJson = <K>(m: Map<K, Tally>): Record<string, TallyJson> => Object.fromEntries([...m].map(([k, t]) => [String(k), t.toJSON()]));

export function rollupToJson(r: DayRollup): DayRollupJson {
  return {
    format: ROLLUP_FORMAT,
    hallId: r.hallId,
    day: r.day,
    events: r.events,
    closed: r.closed,
    total: r.total.toJSON(),
    byArea: talliesJson(r.byArea),
    byWindow: talliesJson(r.byWindow),
    byClerk: talliesJson(r.byClerk),
    bySession: talliesJson(r.bySession),
    byHour: talliesJson(r.byHour),
    byService: talliesJson(r.byService),
    arrivals: Object.fromEntries(r.arrivals),
    clerks: [...r.clerks.values()],
    badRatings: r.badRatings,
    complaints: r.complaints,
    followUps: r.followUps,
  };
}

/** Whether a stored rollup was written under this format (else it must be built again). */
export function isCurrentRollup(j: { format?: unknown }): j is DayRollupJson {
  return j.format === ROLLUP_FORMAT;
}
