/**
 * Wire shapes of the hall configuration routes: a hall document with its version, and the change
 * history.
 */
import { Type } from 'typebox';
import { HallDocSchema } from '../config/hall-doc';
import { IdParam, Nullable } from '../http/schemas/common';

export const HallConfigResponse = Type.Object({
  version: Type.Integer({ minimum: 1, description: 'The document version; send it back as `If-Match` to change it' }),
  hall: HallDocSchema,
});

/** What an admin's hall picker lists: every hall, retired ones marked. */
export const HallSummaryList = Type.Object({
  halls: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), version: Type.Integer({ minimum: 1 }), retired: Type.Boolean() })),
});

/** Checked by the route itself so a 400 lists every problem, not the first one. */
export const HallConfigRequest = Type.Object(
  { hall: Type.Unknown({ description: 'The hall document (the `hall` of the GET answer); `retired` may be left out' }) },
  { additionalProperties: false },
);

export const IfMatchHeaders = Type.Object({
  'if-match': Type.String({ pattern: '^(W/)?"?[0-9]{1,12}"?$', description: 'The version the change was made against' }),
});

/** An instant, `2026-11-30T08:00:00+08:00`, or a day (its start, UTC). */
const Instant = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$' });

export const ChangesQuery = Type.Object({
  hallId: Type.Optional(IdParam),
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
});

export const ChangesResponse = Type.Object({
  changes: Type.Array(
    Type.Object({
      key: Type.String({ description: '`hall:<id>`, `catalogue:<id>` or `account:<id>`' }),
      version: Type.Integer(),
      by: Type.String(),
      at: Type.String({ description: 'ISO-8601' }),
      before: Nullable(Type.Unknown()),
      after: Type.Unknown(),
    }),
  ),
});
