/** The arrival forecast on the wire (`GET /halls/:hallId/forecast`). */
import { Type, type Static } from 'typebox';
import type { ForecastDay } from '../../domain/arrival-forecast';
import type { StaffingDay } from '../../domain/staffing';
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
  areas: Type.Array(Type.Object({ areaId: Type.String(), expected: Type.Number(), hours: Type.Array(Hour, { description: 'The open hours of the day (none when the hall is closed)' }) })),
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
          p90WithConfigured: Nullable(Type.Number({ description: 'The 90th-percentile wait with the configured windows, minutes (null: they cannot keep up)' })),
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
  Type.Object({ action: Type.Literal('open'), windowId: Type.String({ minLength: 1, maxLength: 64 }), areaId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
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
