/**
 * A hall's arrival forecast (`GET .../forecast`): expected tickets per day, area and open hour for
 * the next 14 days with an 80 % interval, for the hall's managers (and the city managers who cover
 * it). Made in the report thread, kept per hall (`HallForecasts`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { messages, pickLocale } from '../../i18n';
import { DomainError } from '../../domain/errors';
import { configuredWindows, staffingAdvice, waitTargetOf } from '../../domain/staffing';
import { staffingCsv } from '../../domain/staffing-csv';
import { FORECAST_DAYS } from '../../app/hall-forecasts';
import { forecastRange } from '../../domain/forecast-range';
import { localDate } from '../../domain/time';
import { errorResponses, HallParams } from '../schemas/common';
import { BestTimeQuery, BestTimeSchema, ForecastQuery, ForecastSchema, StaffingQuery, StaffingSchema, WhatIfBody, WhatIfSchema } from '../schemas/forecast';
import { whatIf } from '../../domain/what-if';
import { localTime, toLocalIso } from '../../domain/time';
import { BEST_TIME_DAYS, BUSY_LEVELS, bestTimes, LONG_WAIT_MINUTES, nextQuieterTime, windowsFor, type BestTimeDay } from '../../domain/best-time';
import { estimateWaitMinutes } from '../../domain/estimate';
import { isOpenSession, sessionAt } from '../../domain/schedule';
import { bookingArea, hallOf } from './appointment-routes';

const tags = ['forecast'];

/** The staffing advice over the requested days of the hall's kept forecast. */
async function adviceFor(app: FastifyInstance, hallId: string, query: { from?: string; to?: string }) {
  const hall = app.qms.service.hall(hallId)!;
  const today = localDate(app.qms.clock.now(), hall.timezone);
  const range = forecastRange(query, today, FORECAST_DAYS);
  const { forecast, holdMinutes } = await app.qms.forecasts.forecast(hallId, today);
  const targetMinutes = waitTargetOf(hall.policy);
  const days = forecast.days.filter((d) => d.day >= range.from && d.day <= range.to);
  return {
    hall,
    asOf: forecast.asOf,
    range,
    targetMinutes,
    days: staffingAdvice(days, new Map(Object.entries(holdMinutes)), configuredWindows(hall.windows), targetMinutes),
  };
}

/**
 * The best-time grids kept per hall: one per area, for as long as the kept forecast and the
 * windows they were made from stay the same (a day, unless the windows are reconfigured). Every
 * phone asking the same hall and area gets the grid made once.
 */
const bestTimeGrids = new Map<string, { stamp: string; byArea: Map<string, BestTimeDay[]> }>();

const forecastRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/halls/:hallId/best-time',
    {
      schema: {
        summary:
          "最佳办理时间 · Public: the expected wait for an area (or a service item's area) at each open hour of today and the next six days, and the live wait now; from the kept forecast (limited per address)",
        tags,
        params: HallParams,
        querystring: BestTimeQuery,
        response: { 200: BestTimeSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      await app.qms.limiter.count([{ limit: 'public-read-address', subject: request.ip }]);
      const hall = hallOf(app, hallId);
      if (!request.query.areaId && !request.query.serviceId) throw new DomainError('invalid_request', 'areaId: name an area or a service', { field: 'areaId' });
      const area = bookingArea(app, hall, request.query);
      const today = localDate(app.qms.clock.now(), hall.timezone);
      // Made in the report thread when the day closed (or now, there, on first need): never here.
      const kept = await app.qms.forecasts.forecast(hallId, today);
      const windows = windowsFor(hall.windows, area.id);
      const stamp = `${kept.forecast.asOf}|${kept.madeAt}|${hall.windows.map((w) => `${w.id}:${w.areaIds.join('+')}`).join(',')}`;
      let grids = bestTimeGrids.get(hallId);
      if (grids?.stamp !== stamp) bestTimeGrids.set(hallId, (grids = { stamp, byArea: new Map() }));
      let days = grids.byArea.get(area.id);
      if (!days) {
        const demand = kept.forecast.days.slice(0, BEST_TIME_DAYS).map((d) => ({ day: d.day, hours: d.areas.find((a) => a.areaId === area.id)?.hours ?? [] }));
        days = bestTimes(demand, kept.holdMinutes[area.id] ?? 0, windows, kept.waitScale[area.id] ?? 1);
        grids.byArea.set(area.id, days);
      }
      // The live queue, while the hall is open: the same estimate a ticket taken now would show.
      const nowMs = app.qms.clock.now();
      const live = isOpenSession(sessionAt(hall.calendar, nowMs, hall.timezone))
        ? await app.qms.service.query(hallId, (state, now) => {
            const waiting = state.waiting.get(area.id)?.size ?? 0;
            const minuteOfDay = localTime(now, hall.timezone).minuteOfDay;
            return { hour: Math.floor(minuteOfDay / 60), minuteOfDay, waiting, waitMinutes: estimateWaitMinutes(state, area.id, waiting, now) };
          })
        : null;
      const todayGrid = days[0]?.day === today ? days[0] : undefined;
      return {
        hallId,
        areaId: area.id,
        asOf: kept.forecast.asOf,
        today,
        now: live,
        nextQuieter: live ? nextQuieterTime(todayGrid, live.minuteOfDay, live.waitMinutes) : null,
        longWaitMinutes: LONG_WAIT_MINUTES,
        levels: [...BUSY_LEVELS],
        days,
      };
    },
  );

  app.get(
    '/halls/:hallId/forecast',
    {
      onRequest: app.authorize({ roles: ['manager', 'city_manager'] }),
      schema: {
        summary: '到访预测 · Expected tickets per day, area and open hour for the next 14 days, with an 80 % interval',
        tags,
        params: HallParams,
        querystring: ForecastQuery,
        response: { 200: ForecastSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const hall = app.qms.service.hall(hallId)!;
      const today = localDate(app.qms.clock.now(), hall.timezone);
      const range = forecastRange(request.query, today, FORECAST_DAYS);
      const { forecast, madeAt } = await app.qms.forecasts.forecast(hallId, today);
      return {
        hallId,
        asOf: forecast.asOf,
        madeAt: new Date(madeAt).toISOString(),
        ...range,
        areas: hall.areas.map((a) => ({ areaId: a.id, name: a.name, prefix: a.prefix })),
        model: forecast.model,
        days: forecast.days.filter((d) => d.day >= range.from && d.day <= range.to),
      };
    },
  );

  app.get(
    '/halls/:hallId/staffing',
    {
      onRequest: app.authorize({ roles: ['manager', 'city_manager'] }),
      schema: {
        summary: '排班建议 · Windows advised per area and hour for the 90th-percentile wait target, beside those configured',
        tags,
        params: HallParams,
        querystring: StaffingQuery,
        response: { 200: StaffingSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const { hall, asOf, range, targetMinutes, days } = await adviceFor(app, hallId, request.query);
      return {
        hallId,
        asOf,
        ...range,
        targetMinutes,
        method: 'erlang-c' as const,
        areas: hall.areas.map((a) => ({ areaId: a.id, name: a.name, prefix: a.prefix })),
        days,
      };
    },
  );

  app.get(
    '/halls/:hallId/staffing.csv',
    {
      onRequest: app.authorize({ roles: ['manager', 'city_manager'] }),
      schema: {
        summary: '排班建议导出 · The staffing advice as a CSV file (UTF-8 with BOM)',
        tags,
        params: HallParams,
        querystring: StaffingQuery,
        response: { 200: { description: 'CSV', content: { 'text/csv': { schema: Type.String() } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      const locale = pickLocale(request.query.lang ?? request.headers['accept-language']);
      const { hall, range, days } = await adviceFor(app, hallId, request.query);
      const text = staffingCsv(days, new Map(hall.areas.map((a) => [a.id, a.name])), messages(locale).manager.staffing.csv);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${hallId}-staffing-${range.from}-${range.to}.csv"`)
        .header('cache-control', 'no-store');
      // The byte-order mark makes spreadsheet programs read the Chinese as UTF-8.
      return '\uFEFF' + text;
    },
  );

  app.post(
    '/halls/:hallId/what-if',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: {
        summary:
          "假如 · Each affected area's expected wait now and in an hour, with and without opening a window for an area or closing one (nothing is changed)",
        tags,
        params: HallParams,
        body: WhatIfBody,
        response: { 200: WhatIfSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const hall = app.qms.service.hall(hallId)!;
      const today = localDate(app.qms.clock.now(), hall.timezone);
      // The kept forecast, if it is today's; it is never made here (that takes the report thread a while).
      const kept = app.qms.forecasts.latest(hallId);
      const forecastToday = kept?.forecast.asOf === today ? kept.forecast.days[0] : undefined;
      return app.qms.service.query(hallId, (state, now) => {
        const hour = Math.floor(localTime(now, hall.timezone).minuteOfDay / 60);
        const coming = (areaId: string): number => {
          const planned = forecastToday?.areas.find((a) => a.areaId === areaId)?.hours.find((h) => h.hour === hour);
          if (planned) return planned.expected;
          let n = 0;
          for (const t of state.tickets.values()) if (t.areaId === areaId && t.issuedAt > now - 3_600_000) n++;
          return n;
        };
        return { hallId, at: toLocalIso(now, hall.timezone), areas: whatIf(state, request.body, now, coming) };
      });
    },
  );
};

export default forecastRoutes;
