/**
 * A citizen's text reminders (public: the ticket's credential is the secret) and the managers'
 * delivery log.
 *
 * Opting in takes more than the credential: the request must name a socket that is following the
 * ticket right now (`X-QMS-Socket`, the phone page's own Socket.IO id). Only the device that holds
 * the ticket and has its page open can give one, so a credential copied off a photo or a shoulder
 * still cannot register a stranger's number to tickets in bulk; numbers per day and opt-ins per
 * address are limited besides (`notifier.ts`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../domain/errors';
import { CHINA_MOBILE_PATTERN, compactPhone } from '../domain/phone-number';
import { localDate } from '../domain/time';
import type { Realtime } from '../realtime/socket-server';
import { publicTicketId, PUBLIC_TICKET_SECURITY } from '../http/public-ticket';
import { Day, errorResponses, HallParams, Nullable, TicketParams } from '../http/schemas/common';
import type { Notifier } from './notifier';

const tags = ['notifications'];
const PATH_NAMES = '`ticketId`: the ticket\'s credential (its QR code).';
export const SOCKET_HEADER = 'x-qms-socket';

const OptInBody = Type.Object({ phone: Type.String({ pattern: CHINA_MOBILE_PATTERN, maxLength: 20 }) }, { additionalProperties: false });
const OptInHeaders = Type.Object({ [SOCKET_HEADER]: Type.Optional(Type.String({ maxLength: 64 })) });
const OptInStatus = Type.Object({ enabled: Type.Boolean(), phone: Nullable(Type.String()) });
const Delivery = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  kind: Type.String(),
  to: Type.String(),
  provider: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  at: Type.Integer(),
  doneAt: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
});
const DeliveriesBody = Type.Object({ enabled: Type.Boolean(), day: Day, deliveries: Type.Array(Delivery) });

const notifyRoutes: FastifyPluginAsyncTypebox<{ notifier: Notifier; realtime: () => Realtime | null }> = async (app, { notifier, realtime }) => {
  const today = (hallId: string) => localDate(app.qms.clock.now(), app.qms.service.hall(hallId)!.timezone);

  /** Today's ticket the credential names, still waiting or called (a finished visit needs no reminder). */
  async function openTicket(hallId: string, ticketId: string) {
    const status = await app.qms.service.query(hallId, (state) => ({ status: state.tickets.get(ticketId)?.status, day: state.day, timeZone: state.config.timezone }));
    if (status.status !== 'waiting' && status.status !== 'called') throw new DomainError('ticket_not_waiting', 'the ticket is no longer waiting');
    return { hallId, day: status.day, timeZone: status.timeZone };
  }

  app.get(
    '/halls/:hallId/tickets/:ticketId/notify',
    {
      schema: { summary: '短信提醒状态 · Whether the ticket texts a number (masked)', description: PATH_NAMES, tags, security: PUBLIC_TICKET_SECURITY, params: TicketParams, response: { 200: OptInStatus, ...errorResponses } },
    },
    async (request) => {
      const { hallId } = request.params;
      const ticketId = await publicTicketId(app, request, hallId, request.params.ticketId);
      const day = await app.qms.service.query(hallId, (s) => s.day);
      return { enabled: notifier.enabled, phone: await notifier.maskedFor(hallId, day, ticketId) };
    },
  );

  app.post(
    '/halls/:hallId/tickets/:ticketId/notify',
    {
      schema: {
        summary: '开启短信提醒 · Text this number when the turn is near and at the call',
        description: `${PATH_NAMES} Header \`X-QMS-Socket\`: the id of the phone page's socket following this ticket. At most 3 tickets per number per day (429 too_many_tickets).`,
        tags,
        security: PUBLIC_TICKET_SECURITY,
        params: TicketParams,
        headers: OptInHeaders,
        body: OptInBody,
        response: { 204: { description: '已开启 · On', type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      if (!notifier.enabled) throw new DomainError('notifications_off', 'notifications are off');
      const ticketId = await publicTicketId(app, request, hallId, request.params.ticketId);
      const socketId = request.headers[SOCKET_HEADER];
      if (!socketId || !(await realtime()?.isFollowing(hallId, ticketId, socketId))) throw new DomainError('not_following', 'open the ticket\'s phone page to turn reminders on');
      const ticket = await openTicket(hallId, ticketId);
      await notifier.optIn(ticket, ticketId, compactPhone(request.body.phone).replace(/^\+?86/, ''), request.ip);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/halls/:hallId/tickets/:ticketId/notify',
    {
      schema: { summary: '取消短信提醒 · Stop texting', description: PATH_NAMES, tags, security: PUBLIC_TICKET_SECURITY, params: TicketParams, response: { 204: { description: '已取消 · Off', type: 'null' }, ...errorResponses } },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      const ticketId = await publicTicketId(app, request, hallId, request.params.ticketId);
      const day = await app.qms.service.query(hallId, (s) => s.day);
      await notifier.optOut(hallId, day, ticketId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/halls/:hallId/notifications',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: {
        summary: '短信发送记录 · Text messages sent today (numbers masked)',
        tags,
        params: HallParams,
        querystring: Type.Object({ day: Type.Optional(Day) }),
        response: { 200: DeliveriesBody, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const day = request.query.day ?? today(hallId);
      const deliveries = (await notifier.deliveries(hallId, day)).map(({ hallId: _h, day: _d, ...d }) => d);
      return { enabled: notifier.enabled, day, deliveries };
    },
  );
};

export default notifyRoutes;
