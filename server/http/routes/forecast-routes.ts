/**
 * A hall's arrival forecast (`GET .../forecast`): expected tickets per day, area and open hour for
 * the next 14 days with an 80 % interval, for the hall's managers (and the city managers who cover
 * it). Made in the report thread, kept per hall (`HallForecasts`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FORECAST_DAYS } from '../../app/hall-forecasts';
import { forecastRange } from '../../domain/forecast-range';
import { localDate } from '../../domain/time';
import { errorResponses, HallParams } from '../schemas/common';
import { ForecastQuery, ForecastSchema } from '../schemas/forecast';

const tags = ['forecast'];

const forecastRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
};

export default forecastRoutes;
