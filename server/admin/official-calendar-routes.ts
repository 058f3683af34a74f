/**
 * China's official days for a year, as the engine merges them into every hall's calendar: the
 * holidays and 调休 make-up workdays of the State Council's notice (`source: notice`), or, for a
 * year the holiday package has no notice for yet, the statutory holidays alone (`source: statutory`)
 * — the console shows them beside the hall's own days, so a manager can add that year's 调休 days
 * from the published notice.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { officialYear } from '../config/official-calendar';
import type { OfficialYear } from '../domain/official-days';
import { Day, errorResponses, type Same } from '../http/schemas/common';

const tags = ['admin'];

export const OfficialCalendarQuery = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100, description: 'The year, e.g. 2027' }) },
  { additionalProperties: false },
);

export const OfficialCalendarResponse = Type.Object({
  year: Type.Integer(),
  source: Type.Union([Type.Literal('notice'), Type.Literal('statutory')], {
    description: '`notice`: from the State Council notice; `statutory`: its notice is not in the data yet',
  }),
  holidays: Type.Array(Day),
  makeupWorkdays: Type.Array(Day),
});

const sameOfficialYear: Same<Static<typeof OfficialCalendarResponse>, OfficialYear> = true;
void sameOfficialYear;

const officialCalendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/official-calendar',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: {
        summary: "法定节假日与调休 · China's official holidays and make-up workdays of a year (notice or statutory only)",
        tags,
        querystring: OfficialCalendarQuery,
        response: { 200: OfficialCalendarResponse, ...errorResponses },
      },
    },
    async (request) => officialYear(request.query.year),
  );
};

export default officialCalendarRoutes;
