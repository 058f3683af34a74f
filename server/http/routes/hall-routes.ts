/** The halls this deployment serves and how each is laid out. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { canAccessHall } from '../auth';
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
    }),
  ),
  windows: Type.Array(Type.Object({ id: Type.String(), number: Type.Integer(), name: Type.String(), areaIds: Type.Array(Type.String()) })),
  schedule: Type.Object({
    workday: Type.Array(Session),
    weekly: Type.Array(Type.Object({ weekday: Type.Integer(), session: Session })),
    holidays: Type.Array(Type.String()),
    makeupWorkdays: Type.Array(Type.String()),
  }),
  policy: Type.Object({ maxPreferredInARow: Type.Integer(), agingMinutes: Type.Integer(), recallLimit: Type.Integer() }),
});

const hallRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/halls',
    {
      onRequest: app.authorize({ roles: 'any' }),
      schema: { response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })), ...errorResponses } },
    },
    async (request) => app.qms.service.halls().filter((h) => canAccessHall(request.user, h.id)).map((h) => ({ id: h.id, name: h.name })),
  );

  app.get(
    '/halls/:hallId',
    { onRequest: app.authorize({ roles: 'any' }), schema: { params: HallParams, response: { 200: HallDetail, ...errorResponses } } },
    async (request) => {
      const hall = app.qms.service.hall((request.params as { hallId: string }).hallId)!;
      return {
        id: hall.id,
        name: hall.name,
        timezone: hall.timezone,
        areas: hall.areas,
        windows: [...hall.windows].sort((a, b) => a.number - b.number),
        schedule: hall.calendar,
        policy: hall.policy,
      };
    },
  );
};

export default hallRoutes;
