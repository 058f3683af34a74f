/**
 * Statistics of a hall over a range of days (`GET .../stats`, `.../stats.csv`), for managers.
 * Read from the store, so any node answers for any day: closed days from their rollups, today from its events.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { messages, pickLocale } from '../../i18n';
import type { ReportOutput } from '../../app/report-work';
import { localDate } from '../../domain/time';
import { reportRange, type DayRange } from '../../metrics/report-days';
import { errorResponses, HallParams } from '../schemas/common';
import { sendBytes, takesGzip } from '../send-bytes';
import { RangeQuery, StatsSchema } from '../schemas/stats';

const tags = ['stats'];

/** A report of a hall for a requested `from`/`to` (each defaulting to today), made in the report thread. */
async function reportFor(
  app: FastifyInstance,
  hallId: string,
  query: Partial<DayRange>,
  output: ReportOutput,
): Promise<{ range: DayRange; bytes: Uint8Array }> {
  const hall = app.qms.service.hall(hallId)!;
  const today = localDate(app.qms.clock.now(), hall.timezone);
  const range = reportRange(query, today);
  const answer = await app.qms.history.report(hallId, range, today, output);
  if (!('bytes' in answer)) throw new Error('report thread: no bytes in the answer');
  return { range, bytes: answer.bytes };
}

const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/halls/:hallId/stats',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: {
        summary: '统计 · Figures over a range of days, by day, area, window, clerk, session, hour',
        tags,
        params: HallParams,
        querystring: RangeQuery,
        response: { 200: StatsSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      // A year is thousands of rows: written in the report thread, sent as those bytes (the schema serializer leaves them alone).
      const gzip = takesGzip(request.headers['accept-encoding']);
      const { bytes } = await reportFor(app, request.params.hallId, request.query, { kind: 'json', gzip });
      return sendBytes(reply, 'application/json; charset=utf-8', bytes, gzip);
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
      const { hallId } = request.params;
      const locale = pickLocale(request.query.lang ?? request.headers['accept-language']);
      const gzip = takesGzip(request.headers['accept-encoding']);
      const { range, bytes } = await reportFor(app, hallId, request.query, { kind: 'csv', headings: messages(locale).manager.csv, gzip });
      reply.header('content-disposition', `attachment; filename="${hallId}-stats-${range.from}-${range.to}.csv"`).header('cache-control', 'no-store');
      return sendBytes(reply, 'text/csv; charset=utf-8', bytes, gzip);
    },
  );
};

export default statsRoutes;
