/** Taking a ticket, looking at one (public: the id is the secret), its trail, and rating it. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors';
import { ticketView } from '../../domain/views';
import { runCommand, ticketAnswer } from '../command';
import { AnyEvent, errorResponses, HallParams, Priority, TicketBody, TicketParams } from '../schemas';

const MINUTE_MS = 60_000;

const ticketRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/halls/:hallId/tickets',
    {
      onRequest: app.authorize({ roles: ['kiosk', 'clerk', 'manager'] }),
      schema: {
        params: HallParams,
        body: Type.Object(
          {
            areaId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            serviceId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            priority: Type.Optional(Priority),
            appointmentCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            ticket: TicketBody.properties.ticket,
            print: Type.Object({ status: Type.Union([Type.Literal('printed'), Type.Literal('failed'), Type.Literal('none')]), error: Type.Optional(Type.String()) }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params as { hallId: string };
      const body = request.body as { areaId?: string; serviceId?: string; priority?: 'normal' | 'priority' | 'urgent'; appointmentCode?: string };
      if (request.user.role === 'kiosk') {
        const count = await app.qms.store.hit(`kiosk-rate:${request.user.sub}:${Math.floor(app.qms.clock.now() / MINUTE_MS)}`, MINUTE_MS);
        if (count > app.qms.settings.kioskTicketsPerMinute) throw new DomainError('rate_limited', 'too many tickets from this kiosk');
      }
      if (body.appointmentCode !== undefined) throw new DomainError('appointment_not_found', `no appointment ${body.appointmentCode}`);
      if (body.areaId === undefined && body.serviceId === undefined) {
        throw new DomainError('invalid_request', 'areaId or serviceId is required', { field: 'areaId' });
      }
      const { ticket } = await runCommand(app, request, hallId, { type: 'issue-ticket', areaId: body.areaId, serviceId: body.serviceId, priority: body.priority }, ticketAnswer);
      reply.code(201);
      return { ticket: ticket!, print: { status: 'none' as const } };
    },
  );

  app.get(
    '/halls/:hallId/tickets/:ticketId',
    { schema: { params: TicketParams, response: { 200: TicketBody, ...errorResponses } } },
    async (request) => {
      const { hallId, ticketId } = request.params as { hallId: string; ticketId: string };
      if (!app.qms.service.hall(hallId)) throw new DomainError('hall_not_found', `no hall ${hallId}`);
      return app.qms.service.query(hallId, (state, now) => {
        const t = state.tickets.get(ticketId);
        if (!t) throw new DomainError('ticket_not_found', 'no such ticket today');
        return { ticket: ticketView(state, t, now) };
      });
    },
  );

  app.get(
    '/halls/:hallId/tickets/:ticketId/events',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: { params: TicketParams, response: { 200: Type.Object({ events: Type.Array(AnyEvent) }), ...errorResponses } },
    },
    async (request) => {
      const { hallId, ticketId } = request.params as { hallId: string; ticketId: string };
      const { events } = await app.qms.service.eventsSince(hallId, 0);
      const trail = events.filter((e) => 'ticket' in e && e.ticket.id === ticketId);
      if (trail.length === 0) throw new DomainError('ticket_not_found', 'no such ticket today');
      return { events: trail };
    },
  );

  app.post(
    '/halls/:hallId/tickets/:ticketId/rating',
    {
      onRequest: app.authorize({ roles: ['rating', 'manager'] }),
      schema: {
        params: TicketParams,
        body: Type.Object(
          {
            score: Type.Integer({ minimum: 1, maximum: 5 }),
            tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 })),
            comment: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ rating: Type.Object({ ticketId: Type.String(), score: Type.Integer(), tags: Type.Array(Type.String()) }) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId, ticketId } = request.params as { hallId: string; ticketId: string };
      const body = request.body as { score: number; tags?: string[]; comment?: string };
      await runCommand(app, request, hallId, { type: 'rate', ticketId, score: body.score, tags: body.tags, comment: body.comment }, () => null);
      reply.code(201);
      return { rating: { ticketId, score: body.score, tags: body.tags ?? [] } };
    },
  );
};

export default ticketRoutes;
