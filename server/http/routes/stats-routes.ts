/**
 * Statistics of a hall over a range of days (api.md `GET .../stats`, `.../stats.csv`), for managers.
 * Read from the store, so any node answers for any day.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { messages, pickLocale } from '../../i18n';
import { hallStatistics, statsCsv, type HallStats } from '../../domain/statistics';
import { localDate } from '../../domain/time';
import { eventsInRange, reportRange } from '../../metrics/report-days';
import { errorResponses, HallParams } from '../schemas';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const RangeQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 10 })),
    to: Type.Optional(Type.String({ maxLength: 10 })),
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
  noShowRate: Nullable(Type.Number()),
  wait: Duration,
  walk: Duration,
  service: Duration,
  ratings: Type.Integer(),
  goodRate: Nullable(Type.Number()),
  averageScore: Nullable(Type.Number()),
};

const Clerk = Type.Object({ id: Type.String(), name: Type.String(), staffNo: Nullable(Type.String()) });

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
      session: Type.Union([Type.Literal('regular'), Type.Literal('night'), Type.Literal('morning'), Type.Literal('outside')]),
      ...figureFields,
    }),
  ),
  byHour: Type.Array(Type.Object({ hour: Type.Integer(), ...figureFields })),
  byDayArea: Type.Array(Type.Object({ day: Type.String(), areaId: Type.String(), name: Type.String(), ...figureFields })),
  satisfaction: Type.Object({
    ratings: Type.Integer(),
    good: Type.Integer(),
    neutral: Type.Integer(),
    bad: Type.Integer(),
    goodRate: Nullable(Type.Number()),
    averageScore: Nullable(Type.Number()),
    definition: Type.String(),
    badRatings: Type.Array(BadRatingSchema),
  }),
});

/** The statistics of a hall for the request's `from`/`to`. */
export async function statsFor(app: FastifyInstance, request: FastifyRequest): Promise<HallStats> {
  const { hallId } = request.params as { hallId: string };
  const hall = app.qms.service.hall(hallId)!;
  const range = reportRange(request.query as { from?: string; to?: string }, localDate(app.qms.clock.now(), hall.timezone));
  return hallStatistics(hall, await eventsInRange(app.qms.service, hallId, range), range);
}

const statsRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/halls/:hallId/stats',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: { params: HallParams, querystring: RangeQuery, response: { 200: StatsSchema, ...errorResponses } },
    },
    async (request) => statsFor(app, request),
  );

  app.get(
    '/halls/:hallId/stats.csv',
    { onRequest: app.authorize({ roles: ['manager'] }), schema: { params: HallParams, querystring: RangeQuery, response: errorResponses } },
    async (request, reply) => {
      const stats = await statsFor(app, request);
      const locale = pickLocale((request.query as { lang?: string }).lang ?? request.headers['accept-language']);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${stats.hallId}-stats-${stats.from}-${stats.to}.csv"`)
        .header('cache-control', 'no-store');
      // The byte-order mark makes spreadsheet programs read the Chinese as UTF-8.
      return '\uFEFF' + statsCsv(stats, messages(locale).manager.csv);
    },
  );
};

export default statsRoutes;

// Compile-time: the schema describes exactly the domain's statistics.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameStats: Same<Static<typeof StatsSchema>, HallStats> = true;
void sameStats;
