/** The report across halls on the wire: a range, the halls asked for, and each hall's row. */
import { Type, type Static } from 'typebox';
import type { HallReportRow } from '../../domain/halls-report';
import { Day, Nullable, type Same } from './common';

/** `from`/`to` (hall dates, default today), `hallIds` (comma-separated; default every hall one may see), the CSV's language. */
export const HallsReportQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    hallIds: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64})*$', maxLength: 10_000, description: 'Comma-separated hall ids, e.g. `yuxi,tonghai`' }),
    ),
    lang: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

export const HallReportRowSchema = Type.Object({
  hallId: Type.String(),
  name: Type.String(),
  days: Type.Integer(),
  issued: Type.Integer(),
  served: Type.Integer(),
  noShow: Type.Integer(),
  noShowRate: Nullable(Type.Number()),
  waitP50Seconds: Nullable(Type.Number()),
  waitP90Seconds: Nullable(Type.Number()),
  ratings: Type.Integer(),
  goodRate: Nullable(Type.Number()),
  badRatings: Type.Integer(),
  overdueFollowUps: Type.Integer(),
});

export const HallsReportSchema = Type.Object({ from: Type.String(), to: Type.String(), halls: Type.Array(HallReportRowSchema) });

// Compile-time: the row is exactly the domain's.
const sameRow: Same<Static<typeof HallReportRowSchema>, HallReportRow> = true;
void sameRow;
