/**
 * The halls this deployment serves and how each is laid out. Public: citizens' phones need the
 * areas and services to book, and nothing here is personal (staff and devices are not shown).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '../../domain/errors';
import { localDate, toLocalIso } from '../../domain/time';
import { requeueSettings } from '../../domain/requeue';
import { noShowSettings } from '../../domain/no-show';
import { smsAheadOf } from '../../domain/sms-ahead';
import { waitTargetOf } from '../../domain/staffing';
import { authenticate, canAccessHall } from '../auth';
import { BEARER } from '../openapi';
import { errorResponses, HallParams } from '../schemas/common';
import { HallDetail, HallList } from '../schemas/halls';
import { identityPerDayOf } from '../../domain/identity-limits';
import { counterKeys } from '../../domain/counter-keys';

const tags = ['halls'];

const hallRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/halls',
    {
      schema: {
        summary: '大厅列表 · The halls (a signed-in staff member sees their own)',
        tags,
        // The token is optional: without one, every hall is listed.
        security: [{}, { [BEARER]: [] }],
        response: { 200: HallList, ...errorResponses },
      },
    },
    async (request) => {
      // Signed-in staff see their own hall; citizens and administrators see all.
      const user = await authenticate(request).catch(() => null);
      return app.qms.service
        .halls()
        .filter((h) => !user || canAccessHall(user, h.id))
        .map((h) => ({ id: h.id, name: h.name }));
    },
  );

  app.get(
    '/halls/:hallId',
    {
      schema: {
        summary: '大厅详情 · A hall: areas, services, windows, calendar, today',
        tags,
        params: HallParams,
        response: { 200: HallDetail, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const hall = app.qms.service.hall(hallId);
      if (!hall) throw new DomainError('hall_not_found', `no hall ${hallId}`);
      return {
        id: hall.id,
        name: hall.name,
        timezone: hall.timezone,
        ...(hall.address ? { address: hall.address } : {}),
        areas: app.qms.catalogue.areasOf(hall),
        windows: [...hall.windows].sort((a, b) => a.number - b.number),
        schedule: hall.calendar,
        policy: {
          ...hall.policy,
          ...requeueSettings(hall.policy),
          ...noShowSettings(hall.policy),
          smsAhead: smsAheadOf(hall.policy, app.qms.settings.smsAhead),
          identityPerDay: identityPerDayOf(hall.policy),
          identityKeepName: hall.policy.identityKeepName ?? false,
          waitTargetMinutes: waitTargetOf(hall.policy),
        },
        counterKeys: counterKeys(hall.counter?.keys),
        journeys: hall.journeys ?? [],
        now: toLocalIso(app.qms.clock.now(), hall.timezone),
        today: localDate(app.qms.clock.now(), hall.timezone),
      };
    },
  );
};

export default hallRoutes;
