/** Taking a ticket, looking at one (public: by its credential, the QR code's secret), its trail, and rating it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { ticketLayout, ticketUrl } from '../../../printers/ticket-layout';
import { PrintError, type TicketPrinter } from '../../../printers/ticket-printer';
import { ticketPreviewHtml } from '../../../printers/ticket-preview';
import { DomainError } from '../../domain/errors';
import { PREVIEW_CREDENTIAL, publicOrigin } from '../../domain/public-links';
import { normaliseTicketNumber } from '../../domain/numbering';
import { pickLocale } from '../../i18n';
import { publicTicketView, ticketView, type TicketView } from '../../domain/views';
import { withoutCredential } from '../../domain/events';
import { publicTicket, PUBLIC_TICKET_SECURITY } from '../public-ticket';
import { actorOf, runCommand, ticketAnswer } from '../command';
import { refuseOtherDayCheckIn } from './appointment-routes';
import { errorResponses, HallParams, TicketParams } from '../schemas/common';
import {
  AssistanceAssignRequest,
  AssistanceRequest,
  IssueRequest,
  IssueResponse,
  PreviewQuery,
  PrintOutcome as PrintOutcomeSchema,
  TicketBody,
  ReprintRequest,
  ReprintResponse,
  PublicTicketBody,
  TicketEvents,
  TicketIdentityBody,
} from '../schemas/tickets';
import type { IdentityVault } from '../../identity/identity-vault';
import { localDate } from '../../domain/time';

const tags = ['tickets'];

type PrintOutcome = Static<typeof PrintOutcomeSchema>;

export interface TicketRoutesOptions {
  /** Where kiosk tickets are printed (ESC/POS over TCP in production). */
  printer: TicketPrinter;
  /** 实名取号: checks, hashes and keeps (sealed, for the day) what a citizen gave. */
  identity: IdentityVault;
}

const ticketRoutes: FastifyPluginAsyncTypebox<TicketRoutesOptions> = async (app, { printer, identity: identities }) => {
  const printLog = app.log.child({ module: 'printer' });

  /** Where this server listens, as an origin: the demo's printed links (no public URL configured) point here. */
  const listeningOrigin = (): string => {
    const bound = app.server.address();
    if (bound === null || typeof bound === 'string') return 'http://localhost';
    const host = bound.address === '0.0.0.0' || bound.address === '::' ? 'localhost' : bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
    return `http://${host}:${bound.port}`;
  };

  /** The citizen's tracking link (it carries the ticket's credential), from configuration only (`public-links.ts`). */
  const linkFor = (hallId: string, credential: string): string =>
    ticketUrl(publicOrigin(app.qms.service.hall(hallId), app.qms.settings.publicUrl, listeningOrigin()), hallId, credential);

  /** Today's ticket with its credential (for its printed link), or 404. */
  const ticketWithCredential = (hallId: string, ticketId: string) =>
    app.qms.service.query(hallId, (state, now) => {
      const t = state.tickets.get(ticketId);
      if (!t) throw new DomainError('ticket_not_found', 'no such ticket today');
      return { ticket: ticketView(state, t, now), credential: t.credential };
    });

  /**
   * The ticket a re-queue names. A kiosk knows what the citizen holds: the QR code's credential or
   * the printed number; staff know ids and numbers. A number is guessable, but re-queueing only
   * ever gives a missed ticket its place back, once, within the hour, so the kiosk may take it.
   */
  const requeueTarget = (hallId: string, key: string, kiosk: boolean): Promise<string> =>
    app.qms.service.query(hallId, (state) => {
      const number = normaliseTicketNumber(key);
      const id = (kiosk ? state.credentials.get(key) : state.tickets.has(key) ? key : undefined) ?? (number === null ? undefined : state.numbers.get(number));
      if (id === undefined) throw new DomainError('ticket_not_found', 'no such ticket today');
      return id;
    });

  /** The printer of a hall's kiosk device, if it has one. */
  const printerOf = (hallId: string, deviceId: string): string | undefined =>
    app.qms.service.hall(hallId)?.devices.find((d) => d.id === deviceId && d.kind === 'kiosk')?.printer;

  /**
   * Prints a ticket and records the attempt in the hall's log (ticket.printed / printer.failed, so
   * managers see a failing printer live). A failure is an answer, never an exception: the ticket
   * exists either way and the citizen is served from the screen.
   */
  async function printTicket(
    request: FastifyRequest,
    hallId: string,
    ticket: TicketView,
    credential: string,
    deviceId: string,
    address: string,
    reprint: boolean,
  ): Promise<PrintOutcome> {
    const hall = app.qms.catalogue.withServices(app.qms.service.hall(hallId)!);
    let outcome: PrintOutcome;
    try {
      await printer.print(address, ticketLayout({ hall, ticket, ticketUrl: linkFor(hallId, credential), reprint }));
      outcome = { status: 'printed' };
    } catch (err) {
      const code = err instanceof PrintError ? err.code : 'printer_error';
      printLog.warn({ err, hallId, ticketId: ticket.id, number: ticket.number, deviceId, printer: address, code }, 'ticket not printed');
      outcome = { status: 'failed', error: code };
    }
    try {
      await app.qms.service.execute(hallId, {
        command: { type: 'record-print', ticketId: ticket.id, deviceId, printer: address, ok: outcome.status === 'printed', error: outcome.error, reprint },
        // Its own command id: the request's belongs to the issue (or reprint) itself.
        commandId: `${request.commandId}:print`,
        actor: actorOf(request),
        respond: () => null,
      });
    } catch (err) {
      printLog.error({ err, hallId, ticketId: ticket.id }, 'print attempt not recorded');
    }
    return outcome;
  }

  app.post(
    '/halls/:hallId/tickets',
    {
      onRequest: app.authorize({ roles: ['kiosk', 'clerk', 'manager'] }),
      schema: {
        summary: '取号 · Issue a ticket (a kiosk prints it)',
        description:
          "One of `areaId`, `serviceId`, `journeyId` (一件事一次办: the ticket goes through the journey's steps in order) or `appointmentCode` (预约签到) is required.",
        tags,
        params: HallParams,
        body: IssueRequest,
        response: { 201: IssueResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      const body = request.body;
      if (request.user.role === 'kiosk') await app.qms.limiter.count([{ limit: 'kiosk-tickets', subject: request.user.sub }]);
      if (
        body.appointmentCode === undefined &&
        body.areaId === undefined &&
        body.serviceId === undefined &&
        body.journeyId === undefined &&
        body.identity === undefined
      ) {
        throw new DomainError('invalid_request', 'areaId, serviceId, journeyId, appointmentCode or identity is required', { field: 'areaId' });
      }
      if (body.appointmentCode !== undefined) await refuseOtherDayCheckIn(app, hallId, body.appointmentCode);
      const hall = app.qms.service.hall(hallId);
      const day = hall ? localDate(app.qms.clock.now(), hall.timezone) : '';
      // The number is checked and hashed here; the command, the log and the answer never see it.
      const given = body.identity === undefined ? null : identities.check(hallId, day, body.identity);
      const command = {
        type: 'issue-ticket' as const,
        areaId: body.areaId,
        serviceId: body.serviceId,
        priority: body.priority,
        appointmentCode: body.appointmentCode,
        assistance: body.assistance,
        journeyId: body.journeyId,
        ...(given ? { identity: { tag: given.tag, via: given.identity.via } } : {}),
        ...(body.identityOverride ? { identityOverride: body.identityOverride } : {}),
      };
      const { ticket, credential, identified, keepName } = await runCommand(app, request, hallId, command, (state, outcome, now) => {
        const t = outcome.ticketId === null ? undefined : state.tickets.get(outcome.ticketId);
        return {
          ...ticketAnswer(state, outcome, now),
          credential: t?.credential ?? '',
          identified: t?.identityTag === given?.tag,
          keepName: state.config.policy.identityKeepName ?? false,
        };
      });
      if (given && identified && ticket) await identities.keepForTicket(hallId, day, hall!.timezone, ticket.id, given.identity, keepName);
      // Only a kiosk prints: staff issuing for a citizen hand the number over themselves.
      const address = request.user.role === 'kiosk' ? printerOf(hallId, request.user.sub) : undefined;
      const print = address ? await printTicket(request, hallId, ticket!, credential, request.user.sub, address, false) : { status: 'none' as const };
      reply.code(201);
      return { ticket: ticket!, print, ticketUrl: linkFor(hallId, credential) };
    },
  );

  app.post(
    '/halls/:hallId/tickets/:ticketId/print',
    {
      onRequest: app.authorize({ roles: ['kiosk', 'clerk', 'manager'] }),
      schema: {
        summary: '补打号票 · Reprint a ticket on a kiosk',
        tags,
        params: TicketParams,
        body: ReprintRequest,
        response: { 200: ReprintResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, ticketId } = request.params;
      const body = request.body;
      const { ticket, credential } = await ticketWithCredential(hallId, ticketId);
      // A kiosk reprints on its own printer; staff name a kiosk, or get the one that printed it first.
      let deviceId: string | undefined;
      if (request.user.role === 'kiosk') deviceId = request.user.sub;
      else if (body.deviceId !== undefined) {
        if (!app.qms.service.hall(hallId)!.devices.some((d) => d.id === body.deviceId && d.kind === 'kiosk')) {
          throw new DomainError('invalid_request', `deviceId: no kiosk ${body.deviceId} in this hall`, { field: 'deviceId' });
        }
        deviceId = body.deviceId;
      } else {
        const { events } = await app.qms.service.eventsSince(hallId, 0);
        const printed = events.filter((e) => (e.type === 'ticket.printed' || e.type === 'printer.failed') && e.ticket.id === ticketId).at(-1);
        deviceId = printed && 'deviceId' in printed ? printed.deviceId : undefined;
      }
      const address = deviceId === undefined ? undefined : printerOf(hallId, deviceId);
      const print = address ? await printTicket(request, hallId, ticket, credential, deviceId!, address, true) : { status: 'none' as const };
      return { ticket, print };
    },
  );

  app.get(
    '/halls/:hallId/tickets/:ticketId/preview',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: {
        summary: '号票预览 · The printed ticket as HTML',
        tags,
        params: TicketParams,
        querystring: PreviewQuery,
        response: { 200: { description: 'HTML', content: { 'text/html': { schema: Type.String() } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId, ticketId } = request.params;
      const locale = pickLocale(request.query.lang);
      const hall = app.qms.catalogue.withServices(app.qms.service.hall(hallId)!);
      const { ticket } = await ticketWithCredential(hallId, ticketId);
      // The citizen's credential stays theirs: the preview's QR carries a stand-in of the same length.
      const layout = ticketLayout({ hall, ticket, ticketUrl: linkFor(hallId, PREVIEW_CREDENTIAL), locale });
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      return ticketPreviewHtml(layout, { title: `${hall.name} ${ticket.number}`, lang: locale });
    },
  );

  app.get(
    '/halls/:hallId/tickets/:ticketId',
    {
      schema: {
        summary: '查看号票 · A ticket as its holder sees it, with how many are ahead',
        description:
          "`ticketId`: the ticket's credential (its QR code and phone link); with a token of the hall, its id. The answer never names the id. " +
          'A credential of one of the last 7 days the hall had tickets answers that ticket as its day closed, with `ended` saying how its visit ended; only an unknown one is 404.',
        tags,
        security: PUBLIC_TICKET_SECURITY,
        params: TicketParams,
        response: { 200: PublicTicketBody, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const found = await publicTicket(app, request, hallId, request.params.ticketId);
      if ('past' in found) return { ticket: found.past };
      return app.qms.service.query(hallId, (state, now) => ({ ticket: publicTicketView(state, state.tickets.get(found.today)!, now) }));
    },
  );

  app.get(
    '/halls/:hallId/tickets/:ticketId/events',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: { summary: '号票事件 · Every event of a ticket today', tags, params: TicketParams, response: { 200: TicketEvents, ...errorResponses } },
    },
    async (request) => {
      const { hallId, ticketId } = request.params;
      const { events } = await app.qms.service.eventsSince(hallId, 0);
      const trail = events.filter((e) => 'ticket' in e && e.ticket.id === ticketId).map(withoutCredential);
      if (trail.length === 0) throw new DomainError('ticket_not_found', 'no such ticket today');
      return { events: trail };
    },
  );

  app.post(
    '/halls/:hallId/tickets/:ticketId/requeue',
    {
      onRequest: app.authorize({ roles: ['kiosk', 'clerk', 'manager'] }),
      schema: {
        summary: '过号重排 · Put a missed (no-show) ticket back in its queue, keeping its number',
        description:
          "`ticketId`: staff give the ticket's id or its number; a kiosk gives the credential its QR code carries or the number the citizen types (never the id). " +
          'The ticket goes behind `requeueBehind` waiting citizens of its area, at most `maxRequeues` times, within `requeueWithinMinutes` of the no-show (hall policy). ' +
          'Refusals: 409 `not_no_show`, `requeue_limit`, `requeue_expired`, `hall_closed`.',
        tags,
        params: TicketParams,
        response: { 200: TicketBody, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const ticketId = await requeueTarget(hallId, request.params.ticketId, request.user.role === 'kiosk');
      const { ticket } = await runCommand(app, request, hallId, { type: 'requeue', ticketId }, ticketAnswer);
      return { ticket: ticket! };
    },
  );

  app.post(
    '/halls/:hallId/tickets/:ticketId/assistance',
    {
      onRequest: app.authorize({ roles: ['clerk', 'manager'] }),
      schema: {
        summary: '需要帮办 · Flag a ticket as needing a helper',
        description:
          "A clerk flags the current ticket at their window; a manager any open ticket of today (a kiosk asks with the issue request's `assistance` flag). " +
          'Refusals: 403 `not_window_clerk`; 409 `ticket_not_open`, `assistance_already_requested`, `hall_closed`.',
        tags,
        params: TicketParams,
        body: AssistanceRequest,
        response: { 200: TicketBody, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, ticketId } = request.params;
      const { ticket } = await runCommand(app, request, hallId, { type: 'request-assistance', ticketId, note: request.body.note }, ticketAnswer);
      return { ticket: ticket! };
    },
  );

  app.post(
    '/halls/:hallId/tickets/:ticketId/assistance/assign',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: {
        summary: '指派帮办人员 · Assign a helper to a flagged ticket',
        description: 'Refusals: 409 `no_assistance_request`, `assistance_already_assigned`.',
        tags,
        params: TicketParams,
        body: AssistanceAssignRequest,
        response: { 200: TicketBody, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, ticketId } = request.params;
      const { ticket } = await runCommand(app, request, hallId, { type: 'assign-assistance', ticketId, staffId: request.body.staffId }, ticketAnswer);
      return { ticket: ticket! };
    },
  );
  app.get(
    '/halls/:hallId/tickets/:ticketId/identity',
    {
      onRequest: app.authorize({ roles: ['clerk', 'manager'] }),
      schema: {
        summary: '实名信息 · The masked ID number (and name) of a ticket taken by ID, for the clerk',
        description:
          'A clerk sees the citizen called to or served at their window; a manager any ticket of today. Kept sealed for the day only; ' +
          '`identity` is null for an anonymous ticket, or when nothing is kept any more.',
        tags,
        params: TicketParams,
        response: { 200: TicketIdentityBody, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, ticketId } = request.params;
      const user = request.user;
      const { day, appointmentId, identified } = await app.qms.service.query(hallId, (state) => {
        const t = state.tickets.get(ticketId);
        if (!t) throw new DomainError('ticket_not_found', 'no such ticket today');
        if (user.role === 'clerk') {
          const w = t.windowId === null ? undefined : state.windows.get(t.windowId);
          if (!w || w.ticketId !== t.id || w.clerk?.id !== user.sub) throw new DomainError('not_window_clerk', `ticket ${t.number} is not at your window`);
        }
        return { day: state.day, appointmentId: t.appointmentId, identified: t.identityTag !== null };
      });
      return { identity: identified ? await identities.forTicket(hallId, day, ticketId, appointmentId) : null };
    },
  );

  // Rating a ticket (好差评): rating-routes.ts.
};

export default ticketRoutes;
