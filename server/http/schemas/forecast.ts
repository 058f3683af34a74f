/** The arrival forecast on the wire (`GET /halls/:hallId/forecast`). */
import { Type, type Static } from 'typebox';
import type { ForecastDay } from '../../domain/arrival-forecast';
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
