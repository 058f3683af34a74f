/**
 * The report across halls (`GET /reports/halls`, `/reports/halls.csv`): every hall side by side for
 * a range of days. For administrators (every hall) and city managers (the halls on their account);
 * which halls a user may ask for is decided in `domain/halls-report.ts`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors';
import { hallsReportCsv, reportedHalls } from '../../domain/halls-report';
import { localDate } from '../../domain/time';
import { messages, pickLocale } from '../../i18n';
import { hallsReport, type HallsReport } from '../../metrics/halls-report';
import { reportRange } from '../../metrics/report-days';
import { errorResponses } from '../schemas/common';
import { HallsReportQuery, HallsReportSchema } from '../schemas/reports';

const tags = ['reports'];
/** Where no hall says otherwise: the country's one time zone. */
const DEFAULT_TIMEZONE = 'Asia/Shanghai';

async function reportFor(app: FastifyInstance, request: FastifyRequest, query: { from?: string; to?: string; hallIds?: string }): Promise<HallsReport> {
  const account = app.qms.accounts.get(request.user.sub);
  if (!account) throw new DomainError('unauthorized', 'account no longer exists');
  const every = app.qms.service.halls();
  const ids = reportedHalls(
    account,
    query.hallIds === undefined ? null : query.hallIds.split(','),
    every.map((h) => h.id),
  );
  const halls = ids.map((id) => every.find((h) => h.id === id)!);
  const now = app.qms.clock.now();
  const range = reportRange(query, localDate(now, halls[0]?.timezone ?? DEFAULT_TIMEZONE));
  return hallsReport({ store: app.qms.store, history: app.qms.history }, halls, range, now);
}

const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Administrators pass every rule; a city manager is the one other role this report is for.
  const reporters = app.authorize({ roles: ['city_manager'] });

  app.get(
    '/reports/halls',
    {
      onRequest: reporters,
      schema: {
        summary: '跨厅报表 · Every hall side by side for a range: issued, served, waits, no-shows, ratings, overdue follow-ups',
        tags,
        querystring: HallsReportQuery,
        response: { 200: HallsReportSchema, ...errorResponses },
      },
    },
    async (request) => reportFor(app, request, request.query),
  );

  app.get(
    '/reports/halls.csv',
    {
      onRequest: reporters,
      schema: {
        summary: '跨厅报表导出 · The report across halls as a CSV file (UTF-8 with BOM)',
        tags,
        querystring: HallsReportQuery,
        response: { 200: { description: 'CSV', content: { 'text/csv': { schema: Type.String() } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const report = await reportFor(app, request, request.query);
      const locale = pickLocale(request.query.lang ?? request.headers['accept-language']);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="halls-report-${report.from}-${report.to}.csv"`)
        .header('cache-control', 'no-store');
      // The byte-order mark makes spreadsheet programs read the Chinese as UTF-8.
      return '\uFEFF' + hallsReportCsv(report.halls, messages(locale).reports.csv);
    },
  );
};

export default reportsRoutes;
