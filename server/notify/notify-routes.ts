/**
 * A citizen's text reminders (public: the ticket's credential is the secret) and the managers'
 * delivery log.
 *
 * Texts go only to a number that asked: opting in texts a 6-digit code to the number (短信验证码),
 * and reminders start only once the phone page sends it back (`…/notify/confirm`). The request also
 * names the phone page's socket following the ticket (`X-QMS-Socket`), which keeps scripts without
 * the page out; codes, tickets and bookings per number per day and opt-ins per address are limited
 * besides (`server/domain/text-limits.ts`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '../domain/errors';
import { compactPhone } from '../domain/phone-number';
import { CODE_TTL_MS } from '../domain/text-limits';
import { localDate } from '../domain/time';
import type { Realtime } from '../realtime/socket-server';
import { publicTicketId, PUBLIC_TICKET_SECURITY } from '../http/public-ticket';
import { errorResponses, HallParams, TicketParams } from '../http/schemas/common';
import type { Notifier } from './notifier';
import { CodeSent, ConfirmBody, DeliveriesBody, DeliveriesQuery, OptInBody, OptInHeaders, OptInStatus, SOCKET_HEADER } from './notify-schemas';

export { SOCKET_HEADER };

const tags = ['notifications'];
const PATH_NAMES = "`ticketId`: the ticket's credential (its QR code).";
const notifyRoutes: FastifyPluginAsyncTypebox<{ notifier: Notifier; realtime: () => Realtime | null }> = async (app, { notifier, realtime }) => {
  const today = (hallId: string) => localDate(app.qms.clock.now(), app.qms.service.hall(hallId)!.timezone);

  /** Today's ticket the credential names, still waiting or called (a finished visit needs no reminder). */
  async function openTicket(hallId: string, ticketId: string) {
    const status = await app.qms.service.query(hallId, (state) => ({
      status: state.tickets.get(ticketId)?.status,
      day: state.day,
      timeZone: state.config.timezone,
      hallName: state.config.name,
    }));
    if (status.status !== 'waiting' && status.status !== 'called') throw new DomainError('ticket_not_waiting', 'the ticket is no longer waiting');
    return { hallId, day: status.day, timeZone: status.timeZone, hallName: status.hallName };
  }

  app.get(
    '/halls/:hallId/tickets/:ticketId/notify',
    {
      schema: {
        summary: '短信提醒状态 · Whether the ticket texts a number (masked)',
        description: PATH_NAMES,
        tags,
        security: PUBLIC_TICKET_SECURITY,
        params: TicketParams,
        response: { 200: OptInStatus, ...errorResponses },
      },
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
        summary: '开启短信提醒（发送验证码） · Text a 6-digit code to this number; reminders start once it is confirmed',
        description:
          `${PATH_NAMES} Header \`X-QMS-Socket\`: the id of the phone page's socket following this ticket. ` +
          `202: the code is texted (good for ${CODE_TTL_MS / 60_000} minutes); send it to \`…/notify/confirm\`. 204: the ticket already texts this number. ` +
          'At most 5 codes per number per day (429 too_many_codes), whatever the address.',
        tags,
        security: PUBLIC_TICKET_SECURITY,
        params: TicketParams,
        headers: OptInHeaders,
        body: OptInBody,
        response: { 202: CodeSent, 204: { description: '已开启 · Already on for this number', type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      if (!notifier.enabled) throw new DomainError('notifications_off', 'notifications are off');
      const ticketId = await publicTicketId(app, request, hallId, request.params.ticketId);
      const socketId = request.headers[SOCKET_HEADER];
      if (!socketId || !(await realtime()?.isFollowing(hallId, ticketId, socketId)))
        throw new DomainError('not_following', "open the ticket's phone page to turn reminders on");
      const ticket = await openTicket(hallId, ticketId);
      const sent = await notifier.requestCode(ticket, ticketId, compactPhone(request.body.phone).replace(/^\+?86/, ''), request.ip);
      if (sent === 'already') return reply.code(204).send(null);
      return reply.code(202).send({ codeSent: true as const, expiresInSeconds: CODE_TTL_MS / 1000 });
    },
  );

  app.post(
    '/halls/:hallId/tickets/:ticketId/notify/confirm',
    {
      schema: {
        summary: '确认短信验证码 · Confirm the texted code: reminders start',
        description: `${PATH_NAMES} At most 5 tries per code (then 409 sms_code_expired: ask for a new one); a wrong one is 400 sms_code_wrong. At most 3 tickets per number per day (429 too_many_tickets).`,
        tags,
        params: TicketParams,
        body: ConfirmBody,
        response: { 204: { description: '已开启 · On', type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      if (!notifier.enabled) throw new DomainError('notifications_off', 'notifications are off');
      const ticketId = await publicTicketId(app, request, hallId, request.params.ticketId);
      const ticket = await openTicket(hallId, ticketId);
      await notifier.confirmCode(ticket, ticketId, request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/halls/:hallId/tickets/:ticketId/notify',
    {
      schema: {
        summary: '取消短信提醒 · Stop texting',
        description: PATH_NAMES,
        tags,
        security: PUBLIC_TICKET_SECURITY,
        params: TicketParams,
        response: { 204: { description: '已取消 · Off', type: 'null' }, ...errorResponses },
      },
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
        querystring: DeliveriesQuery,
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
