/**
 * Statistics of a hall over a range of days (`GET .../stats`, `.../stats.csv`), for managers.
 * Read from the store, so any node answers for any day: closed days from their rollups, today from its events.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { messages, pickLocale } from '../../i18n';
import { statsCsv, type HallStats } from '../../domain/statistics';
import { localDate } from '../../domain/time';
import { reportRange, type DayRange } from '../../metrics/report-days';
import { jsonInSlices } from '../json-in-slices';
import { errorResponses, HallParams } from '../schemas/common';
import { RangeQuery, StatsSchema } from '../schemas/stats';

const tags = ['stats'];

/** The statistics of a hall for a requested `from`/`to` (each defaulting to today): closed days' rollups merged with today's. */
async function statsFor(app: FastifyInstance, hallId: string, query: Partial<DayRange>): Promise<HallStats> {
  const hall = app.qms.service.hall(hallId)!;
  const today = localDate(app.qms.clock.now(), hall.timezone);
  return app.qms.history.statistics(hallId, reportRange(query, today), today);
}

const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/halls/:hallId/stats',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: { summary: '统计 · Figures over a range of days, by day, area, window, clerk, session, hour', tags, params: HallParams, querystring: RangeQuery, response: { 200: StatsSchema, ...errorResponses } },
    },
    async (request, reply) => {
      const stats = await statsFor(app, request.params.hallId, request.query);
      // A year is thousands of rows: written in slices, as text the schema serializer leaves alone.
      const text = await jsonInSlices({ ...stats });
      return reply.type('application/json; charset=utf-8').serializer(() => text).send(stats);
    },
  );

  app.get(
    '/halls/:hallId/stats.csv',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: {
        summary: '统计导出 · The statistics as a CSV file (UTF-8 with BOM)',
        tags,
        params: HallParams,
        querystring: RangeQuery,
        response: { 200: { description: 'CSV', content: { 'text/csv': { schema: Type.String() } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const stats = await statsFor(app, request.params.hallId, request.query);
      const locale = pickLocale(request.query.lang ?? request.headers['accept-language']);
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
