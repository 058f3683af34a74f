/** The arrival forecast on the wire (`GET /halls/:hallId/forecast`). */
import { Type, type Static } from 'typebox';
import type { ForecastDay } from '../../domain/arrival-forecast';
import type { StaffingDay } from '../../domain/staffing';
import type { BestTimeDay } from '../../domain/best-time';
import { Day, Nullable, type Same } from './common';

export const ForecastQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
  },
  { additionalProperties: false },
);

const Hour = Type.Object({
  hour: Type.Integer({ minimum: 0, maximum: 23, description: 'Hall-local hour: 9 is 09:00–10:00' }),
  expected: Type.Number({ description: 'Expected tickets issued in the hour' }),
  low: Type.Number({ description: 'The 80 % interval: 10th percentile' }),
  high: Type.Number({ description: 'The 80 % interval: 90th percentile' }),
});

const Special = Type.Union([Type.Literal('after_holiday_1'), Type.Literal('after_holiday_2'), Type.Literal('before_holiday'), Type.Literal('makeup_workday')]);

export const ForecastDaySchema = Type.Object({
  day: Day,
  kind: Type.Union([Type.Literal('workday'), Type.Literal('weekend'), Type.Literal('holiday'), Type.Literal('makeup_workday')]),
  special: Nullable(Special),
  monthEnd: Type.Boolean(),
  quarterEnd: Type.Boolean(),
  expected: Type.Number(),
  areas: Type.Array(
    Type.Object({
      areaId: Type.String(),
      expected: Type.Number(),
      hours: Type.Array(Hour, { description: 'The open hours of the day (none when the hall is closed)' }),
    }),
  ),
});

const _forecastDay: Same<Static<typeof ForecastDaySchema>, ForecastDay> = true;
void _forecastDay;

const Ratio = Type.Record(Type.String(), Type.Number());

export const ForecastSchema = Type.Object({
  hallId: Type.String(),
  asOf: Day,
  madeAt: Type.String({ description: 'When the forecast was made (ISO 8601)' }),
  from: Day,
  to: Day,
  areas: Type.Array(Type.Object({ areaId: Type.String(), name: Type.String(), prefix: Type.String() })),
  model: Type.Object({
    historyDays: Type.Integer({ description: 'Past days with events it learned from' }),
    dayEffects: Ratio,
    monthEnd: Ratio,
    quarterEnd: Ratio,
    trendPerWeek: Type.Number(),
    interval: Type.Object({ q10: Type.Number(), q90: Type.Number(), backTestHours: Type.Integer() }),
  }),
  days: Type.Array(ForecastDaySchema),
});

export const StaffingQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    lang: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

export const StaffingDaySchema = Type.Object({
  day: Day,
  areas: Type.Array(
    Type.Object({
      areaId: Type.String(),
      holdMinutes: Type.Number({ description: 'Mean minutes a citizen holds a window (walk up, service, the clerk’s gap), last four weeks' }),
      hours: Type.Array(
        Type.Object({
          hour: Type.Integer({ minimum: 0, maximum: 23 }),
          expected: Type.Number({ description: 'Expected tickets in the hour (the forecast)' }),
          windows: Type.Integer({ description: 'Windows advised: the fewest that keep the 90th-percentile wait within the target' }),
          configured: Type.Integer({ description: 'Windows configured with this as their first area' }),
          gap: Type.Integer({ description: 'windows − configured: positive, short; negative, spare' }),
          p90WithConfigured: Nullable(
            Type.Number({ description: 'The 90th-percentile wait with the configured windows, minutes (null: they cannot keep up)' }),
          ),
        }),
      ),
    }),
  ),
});

const _staffingDay: Same<Static<typeof StaffingDaySchema>, StaffingDay> = true;
void _staffingDay;

export const StaffingSchema = Type.Object({
  hallId: Type.String(),
  asOf: Day,
  from: Day,
  to: Day,
  targetMinutes: Type.Integer({ description: 'The hall’s 90th-percentile wait target (policy.waitTargetMinutes, default 20)' }),
  method: Type.Literal('erlang-c'),
  areas: Type.Array(Type.Object({ areaId: Type.String(), name: Type.String(), prefix: Type.String() })),
  days: Type.Array(StaffingDaySchema),
});

export const WhatIfBody = Type.Union([
  Type.Object(
    { action: Type.Literal('open'), windowId: Type.String({ minLength: 1, maxLength: 64 }), areaId: Type.String({ minLength: 1, maxLength: 64 }) },
    { additionalProperties: false },
  ),
  Type.Object({ action: Type.Literal('close'), windowId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
]);

const Minutes = Nullable(Type.Integer({ description: 'Minutes; null when no window would serve the area' }));

export const WhatIfSchema = Type.Object({
  hallId: Type.String(),
  at: Type.String({ description: 'The instant played out from (ISO 8601, hall-local offset)' }),
  areas: Type.Array(
    Type.Object({
      areaId: Type.String(),
      waiting: Type.Integer(),
      arrivalsNextHour: Type.Integer({ description: 'Citizens expected in the coming hour (the forecast, or the last hour’s arrivals)' }),
      now: Type.Object({ without: Minutes, with: Minutes }),
      inAnHour: Type.Object({ without: Minutes, with: Minutes }),
    }),
  ),
});

export const BestTimeQuery = Type.Object(
  {
    areaId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    serviceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A service item of the catalogue: its area is answered' })),
  },
  { additionalProperties: false },
);

const Level = Nullable(Type.Union([Type.Literal('quiet'), Type.Literal('fair'), Type.Literal('busy'), Type.Literal('very_busy')]));

const BestTimeHourSchema = Type.Object({
  hour: Type.Integer({ minimum: 0, maximum: 23, description: 'Hall-local hour: 14 is 14:00–15:00' }),
  expected: Type.Number({ description: 'Expected tickets issued in the hour (the forecast)' }),
  waitMinutes: Nullable(Type.Integer({ description: 'Expected wait of a citizen taking a ticket in the hour; null: no window serves the area' })),
  level: Level,
});

export const BestTimeDaySchema = Type.Object({
  day: Day,
  hours: Type.Array(BestTimeHourSchema, { description: 'The open hours (none when the hall is closed)' }),
});

const _bestTimeDay: Same<Static<typeof BestTimeDaySchema>, BestTimeDay> = true;
void _bestTimeDay;

export const BestTimeSchema = Type.Object({
  hallId: Type.String(),
  areaId: Type.String(),
  asOf: Day,
  today: Day,
  now: Type.Union(
    [
      Type.Object({
        hour: Type.Integer({ minimum: 0, maximum: 23 }),
        minuteOfDay: Type.Integer({ minimum: 0, maximum: 1439, description: 'Hall-local minutes since midnight' }),
        waiting: Type.Integer({ description: 'Citizens waiting in the area now' }),
        waitMinutes: Nullable(
          Type.Integer({ description: 'The live estimate for a ticket taken now (the hall’s play-out); null: no window open for the area' }),
        ),
      }),
      Type.Null(),
    ],
    { description: 'The live queue, while the hall is open today; null otherwise' },
  ),
  nextQuieter: Type.Union([BestTimeHourSchema, Type.Null()], { description: 'When the wait now is long: the first later hour today expected to be quieter' }),
  longWaitMinutes: Type.Integer({ description: 'A wait at or above this is long' }),
  levels: Type.Array(Type.Integer(), { description: 'Level bounds (minutes): below the first quiet, the second fair, the third busy; else very busy' }),
  days: Type.Array(BestTimeDaySchema, { description: 'Today and the next six days' }),
});
