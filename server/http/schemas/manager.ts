/**
 * The manager's views on the wire: the live overview, 好差评 follow-ups, the honour board (光荣榜)
 * and a ticket's full trail.
 */
import { Type, type Static } from 'typebox';
import type { HallOverview } from '../../domain/hall-overview';
import type { FollowUpItem } from '../../domain/rating-follow-up';
import { AnyEvent, Clerk, Day, IdParam, Notice, Nullable, Priority, SessionNowKind, SessionTimes, WindowStatus, type Same } from './common';
import { areaQueueFields, hallMomentFields } from './board';
import { BadRatingSchema } from './stats';

const Level = Type.Union([Type.Literal('ok'), Type.Literal('warn'), Type.Literal('alert')]);

export const OverviewSchema = Type.Object({
  ...hallMomentFields,
  session: SessionTimes,
  extendedUntil: Nullable(Type.String()),
  totals: Type.Object({
    issued: Type.Integer(),
    served: Type.Integer(),
    noShow: Type.Integer(),
    waiting: Type.Integer(),
    avgWaitSeconds: Nullable(Type.Integer()),
  }),
  areas: Type.Array(
    Type.Object({
      ...areaQueueFields,
      avgWaitThisHourSeconds: Nullable(Type.Integer()),
      calledThisHour: Type.Integer(),
      pausedWindows: Type.Integer(),
      servedToday: Type.Integer(),
      warnSeconds: Type.Integer(),
      alertSeconds: Type.Integer(),
      level: Level,
    }),
  ),
  windows: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.Integer(),
      name: Type.String(),
      areaIds: Type.Array(Type.String()),
      status: WindowStatus,
      activity: Type.Union([Type.Literal('closed'), Type.Literal('idle'), Type.Literal('called'), Type.Literal('serving'), Type.Literal('paused')]),
      clerk: Nullable(Clerk),
      ticket: Nullable(
        Type.Object({
          id: Type.String(),
          number: Type.String(),
          areaId: Type.String(),
          priority: Priority,
        }),
      ),
      sinceSeconds: Nullable(Type.Integer()),
      pauseReason: Nullable(Type.String()),
      servedToday: Type.Integer(),
    }),
  ),
  alerts: Type.Array(
    Type.Union([
      Type.Object({
        id: Type.String(),
        kind: Type.Literal('long_wait'),
        level: Type.Union([Type.Literal('warn'), Type.Literal('alert')]),
        areaId: Type.String(),
        waitSeconds: Type.Integer(),
        thresholdSeconds: Type.Integer(),
      }),
      Type.Object({
        id: Type.String(),
        kind: Type.Literal('idle_window'),
        windowId: Type.String(),
        windowNumber: Type.Integer(),
        idleSeconds: Type.Integer(),
        waiting: Type.Integer(),
      }),
      Type.Object({
        id: Type.String(),
        kind: Type.Literal('printer_failed'),
        deviceId: Type.String(),
        printer: Type.String(),
        error: Type.String(),
        number: Type.String(),
        at: Type.String(),
      }),
      Type.Object({
        id: Type.String(),
        kind: Type.Literal('assistance'),
        ticketId: Type.String(),
        number: Type.String(),
        areaId: Type.String(),
        requestedBy: Nullable(Type.String()),
        note: Nullable(Type.String()),
        at: Type.String(),
      }),
      Type.Object({
        id: Type.String(),
        kind: Type.Literal('complaint'),
        ticketId: Type.String(),
        number: Type.String(),
        areaId: Type.String(),
        at: Type.String(),
      }),
    ]),
  ),
  notices: Type.Array(Notice),
  charts: Type.Object({
    waiting: Type.Array(Type.Object({ time: Type.String(), waiting: Type.Integer() })),
    servedPerHour: Type.Array(Type.Object({ hour: Type.Integer(), issued: Type.Integer(), served: Type.Integer() })),
    waitDistribution: Type.Array(Type.Object({ fromMinutes: Type.Integer(), toMinutes: Nullable(Type.Integer()), count: Type.Integer() })),
  }),
});

const FollowUpNoteSchema = Type.Object({ at: Type.String(), by: Nullable(Type.String()), note: Type.String(), resolved: Type.Boolean() });

export const FollowUpItemSchema = Type.Object({
  ...BadRatingSchema.properties,
  source: Type.Union([Type.Literal('rating'), Type.Literal('complaint')]),
  score: Nullable(Type.Integer()),
  dueDay: Type.String(),
  workdaysLeft: Type.Integer(),
  followUps: Type.Array(FollowUpNoteSchema),
  resolved: Type.Boolean(),
  overdue: Type.Boolean(),
});

const HonourEntrySchema = Type.Object({
  id: Type.String(),
  number: Nullable(Type.Integer()),
  name: Type.String(),
  staffNo: Nullable(Type.String()),
  served: Type.Integer(),
  avgWaitSeconds: Nullable(Type.Number()),
  avgServiceSeconds: Nullable(Type.Number()),
  ratings: Type.Integer(),
  goodRate: Nullable(Type.Number()),
  averageScore: Nullable(Type.Number()),
});

export const HonourSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  windows: Type.Array(HonourEntrySchema),
  clerks: Type.Array(HonourEntrySchema),
});

export const TrailSchema = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  day: Type.String(),
  areaIds: Type.Array(Type.String()),
  windowIds: Type.Array(Type.String()),
  status: Type.String(),
  phases: Type.Object({
    waitMs: Nullable(Type.Integer()),
    walkMs: Nullable(Type.Integer()),
    serviceMs: Nullable(Type.Integer()),
    totalMs: Nullable(Type.Integer()),
  }),
  events: Type.Array(AnyEvent),
  /** The staff the events name (actors, clerks, helpers), by account id: the trail says who did what. */
  people: Type.Optional(Type.Record(Type.String(), Clerk)),
});

export const WindowAreasRequest = Type.Object({ areaIds: Type.Array(IdParam, { minItems: 1, maxItems: 20 }) }, { additionalProperties: false });

export const ExtendHoursRequest = Type.Object({ until: Type.String({ maxLength: 5 }) }, { additionalProperties: false });
export const ExtendHoursResponse = Type.Object({ extendedUntil: Type.String(), session: Type.Object({ kind: SessionNowKind, label: Type.String() }) });

export const FollowUpsResponse = Type.Object({ from: Type.String(), to: Type.String(), today: Type.String(), items: Type.Array(FollowUpItemSchema) });

export const FollowUpRequest = Type.Object(
  { day: Day, note: Type.String({ minLength: 1, maxLength: 500 }), resolved: Type.Boolean() },
  { additionalProperties: false },
);
export const FollowUpResponse = Type.Object({
  followUp: Type.Object({ ticketId: Type.String(), day: Type.String(), number: Type.String(), ...FollowUpNoteSchema.properties }),
});

export const TrailQuery = Type.Object({ number: Type.String({ minLength: 1, maxLength: 12 }), day: Type.Optional(Day) }, { additionalProperties: false });

// Compile-time: the schemas describe exactly the domain's shapes.
const sameOverview: Same<Static<typeof OverviewSchema>, HallOverview> = true;
const sameFollowUp: Same<Static<typeof FollowUpItemSchema>, FollowUpItem> = true;
void sameOverview;
void sameFollowUp;
