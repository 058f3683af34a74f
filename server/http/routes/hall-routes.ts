/**
 * The halls this deployment serves and how each is laid out. Public: citizens' phones need the
 * areas and services to book, and nothing here is personal (staff and devices are not shown).
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors';
import { localDate, toLocalIso } from '../../domain/time';
import { authenticate, canAccessHall } from '../auth';
import { errorResponses, HallParams } from '../schemas';

const Session = Type.Object({ kind: Type.String(), start: Type.String(), end: Type.String() });

const HallDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  timezone: Type.String(),
  areas: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      prefix: Type.String(),
      services: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), department: Type.Optional(Type.String()) })),
      appointments: Type.Optional(Type.Object({ slotMinutes: Type.Integer(), capacity: Type.Integer() })),
      lastTicketMinutes: Type.Optional(Type.Integer()),
      dailyCap: Type.Optional(Type.Integer()),
    }),
  ),
  windows: Type.Array(Type.Object({ id: Type.String(), number: Type.Integer(), name: Type.String(), areaIds: Type.Array(Type.String()) })),
  schedule: Type.Object({
    workday: Type.Array(Session),
    weekly: Type.Array(Type.Object({ weekday: Type.Integer(), session: Session })),
    holidays: Type.Array(Type.String()),
    makeupWorkdays: Type.Array(Type.String()),
    bookingDaysAhead: Type.Optional(Type.Integer()),
  }),
  policy: Type.Object({ maxPreferredInARow: Type.Integer(), agingMinutes: Type.Integer(), recallLimit: Type.Integer() }),
  /** The server's "now" in hall time, and the hall's date: phones and demos (QMS_CLOCK_START) agree on today. */
  now: Type.String(),
  today: Type.String(),
});

const hallRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/halls',
    { schema: { response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })), ...errorResponses } } },
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
    { schema: { params: HallParams, response: { 200: HallDetail, ...errorResponses } } },
    async (request) => {
      const { hallId } = request.params as { hallId: string };
      const hall = app.qms.service.hall(hallId);
      if (!hall) throw new DomainError('hall_not_found', `no hall ${hallId}`);
      return {
        id: hall.id,
        name: hall.name,
        timezone: hall.timezone,
        areas: hall.areas,
        windows: [...hall.windows].sort((a, b) => a.number - b.number),
        schedule: hall.calendar,
        policy: hall.policy,
        now: toLocalIso(app.qms.clock.now(), hall.timezone),
        today: localDate(app.qms.clock.now(), hall.timezone),
      };
    },
  );
};

export default hallRoutes;
