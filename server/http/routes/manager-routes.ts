/**
 * The hall manager's routes: the live overview, controls over existing domain commands (a window's
 * areas, 延时服务), 好差评 follow-up, a ticket's full trail (局长走流程) and the honour board (光荣榜).
 * Notices and window pause/resume/sign-out have their own routes (board, window).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '../../domain/errors';
import { hallOverview } from '../../domain/hall-overview';
import { pickLocale, sessionLabel } from '../../i18n';
import { normaliseTicketNumber } from '../../domain/numbering';
import { sessionAt } from '../../domain/schedule';
import { ticketTrail, trailPeople } from '../../domain/ticket-trail';
import { addDays, localDate, toLocalIso } from '../../domain/time';
import { reportRange } from '../../metrics/report-days';
import { runCommand, windowAnswer } from '../command';
import { WindowBody } from '../schemas/board';
import { sendBytes, takesGzip } from '../send-bytes';
import { errorResponses, HallParams, TicketParams, WindowParams } from '../schemas/common';
import {
  ExtendHoursRequest,
  ExtendHoursResponse,
  FollowUpRequest,
  FollowUpResponse,
  FollowUpsResponse,
  HonourSchema,
  OverviewSchema,
  TrailQuery,
  TrailSchema,
  WindowAreasRequest,
} from '../schemas/manager';
import { RangeQuery } from '../schemas/stats';
import type { RatingContacts } from '../../notify/rating-contacts';

/** How far back the follow-up list looks by default: overdue ones stay listed for weeks. */
const FOLLOW_UP_LOOKBACK_DAYS = 90;
/** Follow-ups of a ticket are looked for this many days after its day. */
const TRAIL_FOLLOW_UP_DAYS = 90;

const tags = ['manager'];

const managerRoutes: FastifyPluginAsyncTypebox<{ contacts: RatingContacts }> = async (app, { contacts }) => {
  const manager = app.authorize({ roles: ['manager'] });
  const today = (hallId: string): string => localDate(app.qms.clock.now(), app.qms.service.hall(hallId)!.timezone);

  app.get(
    '/halls/:hallId/overview',
    {
      onRequest: manager,
      schema: {
        summary: '大厅概览 · The live overview: queues, windows, alerts, charts',
        tags,
        params: HallParams,
        response: { 200: OverviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const { events } = await app.qms.service.eventsSince(hallId, 0);
      return app.qms.service.query(hallId, (state, now) =>
        hallOverview(
          state,
          events.filter((e) => e.day === state.day && e.version <= state.version),
          now,
          { alwaysOpen: app.qms.service.alwaysOpen },
        ),
      );
    },
  );

  app.post(
    '/halls/:hallId/windows/:windowId/areas',
    {
      onRequest: manager,
      schema: {
        summary: '调整窗口业务 · Set the areas a window serves',
        tags,
        params: WindowParams,
        body: WindowAreasRequest,
        response: { 200: WindowBody, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, windowId } = request.params;
      const { areaIds } = request.body;
      return runCommand(app, request, hallId, { type: 'set-window-areas', windowId, areaIds }, windowAnswer(windowId));
    },
  );

  app.post(
    '/halls/:hallId/hours/extend',
    {
      onRequest: manager,
      schema: {
        summary: "延时服务 · Extend today's opening hours",
        tags,
        params: HallParams,
        body: ExtendHoursRequest,
        response: { 200: ExtendHoursResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const { until } = request.body;
      const locale = pickLocale(request.headers['accept-language']);
      return runCommand(app, request, hallId, { type: 'extend-hours', until }, (state, _outcome, now) => {
        const session = sessionAt(state.config.calendar, now, state.config.timezone, app.qms.service.alwaysOpen, state.extendedUntil);
        return { extendedUntil: state.extendedUntil ?? until, session: { kind: session.kind, label: sessionLabel(session, locale) } };
      });
    },
  );

  app.get(
    '/halls/:hallId/ratings/follow-ups',
    {
      onRequest: manager,
      schema: {
        summary: '差评回访 · Bad ratings and their follow-ups, overdue first',
        tags,
        params: HallParams,
        querystring: RangeQuery,
        response: { 200: FollowUpsResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      const now = today(hallId);
      const query = request.query;
      const range = reportRange({ from: query.from ?? addDays(query.to ?? now, -FOLLOW_UP_LOOKBACK_DAYS), to: query.to ?? now }, now);
      // A year is thousands of cases: listed and written in the report thread, sent as those bytes.
      const gzip = takesGzip(request.headers['accept-encoding']);
      return sendBytes(reply, 'application/json; charset=utf-8', await app.qms.history.followUps(hallId, range, now, gzip), gzip);
    },
  );

  app.post(
    '/halls/:hallId/ratings/:ticketId/follow-up',
    {
      onRequest: manager,
      schema: {
        summary: '记录回访 · Record a follow-up of a bad rating',
        tags,
        params: TicketParams,
        body: FollowUpRequest,
        response: { 201: FollowUpResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId, ticketId } = request.params;
      const { day, note, resolved } = request.body;
      // A rated ticket, or one served at a 办不成事反映窗口 area.
      const complaintAreas = new Set(
        app.qms.service
          .hall(hallId)!
          .areas.filter((a) => a.kind === 'complaint')
          .map((a) => a.id),
      );
      const rating = (await app.qms.service.history(hallId, day)).find(
        (e) => (e.type === 'rating.submitted' || (e.type === 'ticket.completed' && complaintAreas.has(e.ticket.areaId))) && e.ticket.id === ticketId,
      );
      if (!rating || (rating.type !== 'rating.submitted' && rating.type !== 'ticket.completed'))
        throw new DomainError('ticket_not_found', `no rating of ticket ${ticketId} on ${day}`);
      const followUp = await runCommand(
        app,
        request,
        hallId,
        { type: 'follow-up-rating', ticketId, ticketDay: day, number: rating.ticket.number, note, resolved },
        (state, _outcome, now) => ({
          ticketId,
          day,
          number: rating.ticket.number,
          at: toLocalIso(now, state.config.timezone),
          by: request.user.sub,
          note: note.trim(),
          resolved,
        }),
      );
      // Put right: the citizen's number is no longer needed (personal data kept no longer than its use).
      if (resolved) await contacts.erase(hallId, day, ticketId);
      reply.code(201);
      return { followUp };
    },
  );

  app.get(
    '/halls/:hallId/trail',
    {
      onRequest: manager,
      schema: {
        summary: "号票轨迹（局长走流程） · A ticket's full trail by its number",
        tags,
        params: HallParams,
        querystring: TrailQuery,
        response: { 200: TrailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const query = request.query;
      const number = normaliseTicketNumber(query.number);
      if (number === null) throw new DomainError('invalid_request', `number: ${query.number} is not a ticket number`, { field: 'number' });
      const now = today(hallId);
      const day = query.day ?? now;
      // The ticket's own day from its events; its follow-ups (on later days) from those days' rollups.
      const events = await app.qms.service.history(hallId, day);
      const later = await app.qms.history.daysIn(hallId, { from: addDays(day, 1), to: addDays(day, TRAIL_FOLLOW_UP_DAYS) });
      await app.qms.history.eachRollup(hallId, later, now, (r) => events.push(...r.followUps));
      const trail = ticketTrail(events, day, number);
      if (!trail) throw new DomainError('ticket_not_found', `no ticket ${number} on ${day}`);
      // Who did each step, by name and 工号 (the events carry account ids).
      const people: Record<string, { id: string; name: string; staffNo: string | null }> = {};
      for (const id of trailPeople(trail.events)) {
        const a = app.qms.accounts.get(id);
        if (a) people[id] = { id, name: a.name, staffNo: a.staffNo };
      }
      return { ...trail, people };
    },
  );

  app.get(
    '/halls/:hallId/honours',
    {
      onRequest: manager,
      schema: {
        summary: '光荣榜 · The honour board of windows and clerks',
        tags,
        params: HallParams,
        querystring: RangeQuery,
        response: { 200: HonourSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const now = today(hallId);
      const range = reportRange(request.query, now);
      const answer = await app.qms.history.report(hallId, range, now, { kind: 'honours' });
      if (!('honours' in answer)) throw new Error('report thread: no honour board in the answer');
      return { ...range, ...answer.honours };
    },
  );
};

export default managerRoutes;
