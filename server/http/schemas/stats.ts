/** Statistics on the wire: a hall's figures over a range of days, and the bad ratings among them. */
import { Type, type Static } from 'typebox';
import { DAY_AREA_MAX_DAYS, type HallStats } from '../../domain/statistics';
import { Clerk, Day, Nullable, SessionKind, type Same } from './common';

/** `from`/`to` (hall-local days, default today) and the CSV's language. */
export const RangeQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    lang: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

const Duration = Type.Object({
  count: Type.Integer(),
  avgSeconds: Nullable(Type.Number()),
  p50Seconds: Nullable(Type.Number()),
  p90Seconds: Nullable(Type.Number()),
  maxSeconds: Nullable(Type.Number()),
});

const figureFields = {
  issued: Type.Integer(),
  served: Type.Integer(),
  noShow: Type.Integer(),
  transferred: Type.Integer(),
  cancelled: Type.Integer(),
  journeysStarted: Type.Integer(),
  journeysFinished: Type.Integer(),
  noShowRate: Nullable(Type.Number()),
  wait: Duration,
  walk: Duration,
  service: Duration,
  ratings: Type.Integer(),
  goodRate: Nullable(Type.Number()),
  averageScore: Nullable(Type.Number()),
};

export const BadRatingSchema = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  day: Type.String(),
  at: Type.String(),
  areaId: Type.String(),
  windowId: Nullable(Type.String()),
  windowNumber: Nullable(Type.Integer()),
  clerk: Nullable(Clerk),
  score: Type.Integer(),
  tags: Type.Array(Type.String()),
  comment: Nullable(Type.String()),
  contactMasked: Type.Optional(Nullable(Type.String({ description: 'The contact phone left with a bad rating, masked (138****1234)' }))),
});

export const StatsSchema = Type.Object({
  hallId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  days: Type.Array(Type.String()),
  ...figureFields,
  byDay: Type.Array(Type.Object({ day: Type.String(), ...figureFields })),
  byArea: Type.Array(Type.Object({ areaId: Type.String(), name: Type.String(), prefix: Type.String(), ...figureFields })),
  byWindow: Type.Array(Type.Object({ windowId: Type.String(), number: Type.Integer(), name: Type.String(), ...figureFields })),
  byClerk: Type.Array(Type.Object({ clerkId: Type.String(), name: Type.String(), staffNo: Nullable(Type.String()), ...figureFields })),
  bySession: Type.Array(
    Type.Object({
      session: Type.Union([...SessionKind.anyOf, Type.Literal('outside')]),
      ...figureFields,
    }),
  ),
  byHour: Type.Array(Type.Object({ hour: Type.Integer(), ...figureFields })),
  byDayArea: Type.Array(Type.Object({ day: Type.String(), areaId: Type.String(), name: Type.String(), ...figureFields }), {
    description: `One row per day × area, for a range of at most ${DAY_AREA_MAX_DAYS} days; for a longer one empty (see byDayAreaOmitted): stats.csv has every row.`,
  }),
  byDayAreaOmitted: Type.Boolean({
    description: `True when the range is longer than ${DAY_AREA_MAX_DAYS} days and byDayArea is left out of this answer (its rows are in stats.csv).`,
  }),
  satisfaction: Type.Object({
    ratings: Type.Integer(),
    good: Type.Integer(),
    neutral: Type.Integer(),
    bad: Type.Integer(),
    goodRate: Nullable(Type.Number()),
    averageScore: Nullable(Type.Number()),
    definition: Type.String(),
    badRatings: Type.Array(BadRatingSchema, {
      description: `Every bad rating of the range, oldest first, for a range of at most ${DAY_AREA_MAX_DAYS} days; for a longer one empty (see badRatingsOmitted).`,
    }),
    badRatingsOmitted: Type.Boolean({
      description: `True when the range is longer than ${DAY_AREA_MAX_DAYS} days and badRatings is left out of this answer: GET ratings/follow-ups?from&to lists them.`,
    }),
  }),
});

// Compile-time: the schema describes exactly the domain's statistics.
const sameStats: Same<Static<typeof StatsSchema>, HallStats> = true;
void sameStats;
