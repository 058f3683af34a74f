/**
 * The hall manager's routes: the live overview, controls over existing domain commands (a window's
 * areas, 延时服务), 好差评 follow-up, a ticket's full trail (局长走流程) and the honour board (光荣榜).
 * Notices and window pause/resume/sign-out have their own routes (board, window).
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { DomainError } from '../../domain/errors';
import { hallOverview, type HallOverview } from '../../domain/hall-overview';
import { pickLocale, sessionLabel } from '../../i18n';
import { normaliseTicketNumber } from '../../domain/numbering';
import { ratingFollowUps, type FollowUpItem } from '../../domain/rating-follow-up';
import { sessionAt } from '../../domain/schedule';
import { hallStatistics, honourBoard, type HonourBoard } from '../../domain/statistics';
import { ticketTrail } from '../../domain/ticket-trail';
import { addDays, localDate, toLocalIso } from '../../domain/time';
import { eventsInRange, reportRange } from '../../metrics/report-days';
import { runCommand, windowAnswer } from '../command';
import { AnyEvent, errorResponses, HallParams, IdParam, TicketParams, WindowBody, WindowParams } from '../schemas';
import { BadRatingSchema, RangeQuery } from './stats-routes';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Clerk = Type.Object({ id: Type.String(), name: Type.String(), staffNo: Nullable(Type.String()) });

/** How far back the follow-up list looks by default: overdue ones stay listed for weeks. */
const FOLLOW_UP_LOOKBACK_DAYS = 90;
/** Follow-ups of a ticket are looked for this many days after its day. */
const TRAIL_FOLLOW_UP_DAYS = 90;

const Level = Type.Union([Type.Literal('ok'), Type.Literal('warn'), Type.Literal('alert')]);

const OverviewSchema = Type.Object({
  hallId: Type.String(),
  hallName: Type.String(),
  day: Type.String(),
  version: Type.Integer(),
  now: Type.String(),
  session: Type.Object({
    kind: Type.Union([Type.Literal('regular'), Type.Literal('night'), Type.Literal('morning'), Type.Literal('closed')]),
    start: Nullable(Type.String()),
    end: Nullable(Type.String()),
    extended: Type.Boolean(),
  }),
  extendedUntil: Nullable(Type.String()),
  totals: Type.Object({ issued: Type.Integer(), served: Type.Integer(), noShow: Type.Integer(), waiting: Type.Integer(), avgWaitSeconds: Nullable(Type.Integer()) }),
  areas: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      prefix: Type.String(),
      waiting: Type.Integer(),
      longestWaitSeconds: Type.Integer(),
      avgWaitThisHourSeconds: Nullable(Type.Integer()),
      calledThisHour: Type.Integer(),
      openWindows: Type.Integer(),
      pausedWindows: Type.Integer(),
      servedToday: Type.Integer(),
      warnSeconds: Type.Integer(),
      alertSeconds: Type.Integer(),
      level: Level,
    }),
  ),
  windows: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.Integer(),
      name: Type.String(),
      areaIds: Type.Array(Type.String()),
      status: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('paused')]),
      activity: Type.Union([Type.Literal('closed'), Type.Literal('idle'), Type.Literal('called'), Type.Literal('serving'), Type.Literal('paused')]),
      clerk: Nullable(Clerk),
      ticket: Nullable(
        Type.Object({
          id: Type.String(),
          number: Type.String(),
          areaId: Type.String(),
          priority: Type.Union([Type.Literal('normal'), Type.Literal('priority'), Type.Literal('appointment'), Type.Literal('urgent')]),
        }),
      ),
      sinceSeconds: Nullable(Type.Integer()),
      pauseReason: Nullable(Type.String()),
      servedToday: Type.Integer(),
    }),
  ),
  alerts: Type.Array(
    Type.Union([
      Type.Object({
        id: Type.String(),
        kind: Type.Literal('long_wait'),
        level: Type.Union([Type.Literal('warn'), Type.Literal('alert')]),
        areaId: Type.String(),
        waitSeconds: Type.Integer(),
        thresholdSeconds: Type.Integer(),
      }),
      Type.Object({
        id: Type.String(),
        kind: Type.Literal('idle_window'),
        windowId: Type.String(),
        windowNumber: Type.Integer(),
        idleSeconds: Type.Integer(),
        waiting: Type.Integer(),
      }),
      Type.Object({
        id: Type.String(),
        kind: Type.Literal('printer_failed'),
        deviceId: Type.String(),
        printer: Type.String(),
        error: Type.String(),
        number: Type.String(),
        at: Type.String(),
      }),
    ]),
  ),
  notices: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
  charts: Type.Object({
    waiting: Type.Array(Type.Object({ time: Type.String(), waiting: Type.Integer() })),
    servedPerHour: Type.Array(Type.Object({ hour: Type.Integer(), issued: Type.Integer(), served: Type.Integer() })),
    waitDistribution: Type.Array(Type.Object({ fromMinutes: Type.Integer(), toMinutes: Nullable(Type.Integer()), count: Type.Integer() })),
  }),
});

const FollowUpNoteSchema = Type.Object({ at: Type.String(), by: Nullable(Type.String()), note: Type.String(), resolved: Type.Boolean() });

const FollowUpItemSchema = Type.Object({
  ...BadRatingSchema.properties,
  dueDay: Type.String(),
  workdaysLeft: Type.Integer(),
  followUps: Type.Array(FollowUpNoteSchema),
  resolved: Type.Boolean(),
  overdue: Type.Boolean(),
});

const HonourEntrySchema = Type.Object({
  id: Type.String(),
  number: Nullable(Type.Integer()),
  name: Type.String(),
  staffNo: Nullable(Type.String()),
  served: Type.Integer(),
  avgWaitSeconds: Nullable(Type.Number()),
  avgServiceSeconds: Nullable(Type.Number()),
  ratings: Type.Integer(),
  goodRate: Nullable(Type.Number()),
  averageScore: Nullable(Type.Number()),
});

const HonourSchema = Type.Object({ from: Type.String(), to: Type.String(), windows: Type.Array(HonourEntrySchema), clerks: Type.Array(HonourEntrySchema) });

const TrailSchema = Type.Object({
  ticketId: Type.String(),
  number: Type.String(),
  day: Type.String(),
  areaIds: Type.Array(Type.String()),
  windowIds: Type.Array(Type.String()),
  status: Type.String(),
  phases: Type.Object({
    waitMs: Nullable(Type.Integer()),
    walkMs: Nullable(Type.Integer()),
    serviceMs: Nullable(Type.Integer()),
    totalMs: Nullable(Type.Integer()),
  }),
  events: Type.Array(AnyEvent),
});

const managerRoutes: FastifyPluginAsync = async (app) => {
  const manager = app.authorize({ roles: ['manager'] });
  const today = (hallId: string): string => localDate(app.qms.clock.now(), app.qms.service.hall(hallId)!.timezone);

  app.get(
    '/halls/:hallId/overview',
    { onRequest: manager, schema: { params: HallParams, response: { 200: OverviewSchema, ...errorResponses } } },
    async (request) => {
      const { hallId } = request.params as { hallId: string };
      const { events } = await app.qms.service.eventsSince(hallId, 0);
      return app.qms.service.query(hallId, (state, now) =>
        hallOverview(state, events.filter((e) => e.day === state.day && e.version <= state.version), now, { alwaysOpen: app.qms.service.alwaysOpen }),
      );
    },
  );

  app.post(
    '/halls/:hallId/windows/:windowId/areas',
    {
      onRequest: manager,
      schema: {
        params: WindowParams,
        body: Type.Object({ areaIds: Type.Array(IdParam, { minItems: 1, maxItems: 20 }) }, { additionalProperties: false }),
        response: { 200: WindowBody, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, windowId } = request.params as { hallId: string; windowId: string };
      const { areaIds } = request.body as { areaIds: string[] };
      return runCommand(app, request, hallId, { type: 'set-window-areas', windowId, areaIds }, windowAnswer(windowId));
    },
  );

  app.post(
    '/halls/:hallId/hours/extend',
    {
      onRequest: manager,
      schema: {
        params: HallParams,
        body: Type.Object({ until: Type.String({ maxLength: 5 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ extendedUntil: Type.String(), session: Type.Object({ kind: Type.String(), label: Type.String() }) }), ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params as { hallId: string };
      const { until } = request.body as { until: string };
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
        params: HallParams,
        querystring: RangeQuery,
        response: { 200: Type.Object({ from: Type.String(), to: Type.String(), today: Type.String(), items: Type.Array(FollowUpItemSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params as { hallId: string };
      const hall = app.qms.service.hall(hallId)!;
      const now = today(hallId);
      const query = request.query as { from?: string; to?: string };
      const range = reportRange({ from: query.from ?? addDays(query.to ?? now, -FOLLOW_UP_LOOKBACK_DAYS), to: query.to ?? now }, now);
      // Follow-ups are recorded on the day they are made, so read on to today.
      const events = await eventsInRange(app.qms.service, hallId, { from: range.from, to: range.to > now ? range.to : now });
      const rated = hallStatistics(hall, events.filter((e) => e.day <= range.to), range).satisfaction.badRatings;
      const items: FollowUpItem[] = ratingFollowUps(hall.calendar, rated, events, now);
      return { ...range, today: now, items };
    },
  );

  app.post(
    '/halls/:hallId/ratings/:ticketId/follow-up',
    {
      onRequest: manager,
      schema: {
        params: TicketParams,
        body: Type.Object(
          { day: Day, note: Type.String({ minLength: 1, maxLength: 500 }), resolved: Type.Boolean() },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ followUp: Type.Object({ ticketId: Type.String(), day: Type.String(), number: Type.String(), ...FollowUpNoteSchema.properties }) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId, ticketId } = request.params as { hallId: string; ticketId: string };
      const { day, note, resolved } = request.body as { day: string; note: string; resolved: boolean };
      const rating = (await app.qms.service.history(hallId, day)).find((e) => e.type === 'rating.submitted' && e.ticket.id === ticketId);
      if (!rating || rating.type !== 'rating.submitted') throw new DomainError('ticket_not_found', `no rating of ticket ${ticketId} on ${day}`);
      const followUp = await runCommand(
        app,
        request,
        hallId,
        { type: 'follow-up-rating', ticketId, ticketDay: day, number: rating.ticket.number, note, resolved },
        (state, _outcome, now) => ({ ticketId, day, number: rating.ticket.number, at: toLocalIso(now, state.config.timezone), by: request.user.sub, note: note.trim(), resolved }),
      );
      reply.code(201);
      return { followUp };
    },
  );

  app.get(
    '/halls/:hallId/trail',
    {
      onRequest: manager,
      schema: {
        params: HallParams,
        querystring: Type.Object({ number: Type.String({ minLength: 1, maxLength: 12 }), day: Type.Optional(Day) }, { additionalProperties: false }),
        response: { 200: TrailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params as { hallId: string };
      const query = request.query as { number: string; day?: string };
      const number = normaliseTicketNumber(query.number);
      if (number === null) throw new DomainError('invalid_request', `number: ${query.number} is not a ticket number`, { field: 'number' });
      const day = query.day ?? today(hallId);
      const last = addDays(day, TRAIL_FOLLOW_UP_DAYS);
      const events = await eventsInRange(app.qms.service, hallId, { from: day, to: last });
      const trail = ticketTrail(events, day, number);
      if (!trail) throw new DomainError('ticket_not_found', `no ticket ${number} on ${day}`);
      return trail;
    },
  );

  app.get(
    '/halls/:hallId/honours',
    { onRequest: manager, schema: { params: HallParams, querystring: RangeQuery, response: { 200: HonourSchema, ...errorResponses } } },
    async (request) => {
      const { hallId } = request.params as { hallId: string };
      const hall = app.qms.service.hall(hallId)!;
      const range = reportRange(request.query as { from?: string; to?: string }, today(hallId));
      const board: HonourBoard = honourBoard(hallStatistics(hall, await eventsInRange(app.qms.service, hallId, range), range));
      return { ...range, ...board };
    },
  );
};

export default managerRoutes;

// Compile-time: the schemas describe exactly the domain's shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameOverview: Same<Static<typeof OverviewSchema>, HallOverview> = true;
const sameFollowUp: Same<Static<typeof FollowUpItemSchema>, FollowUpItem> = true;
void sameOverview;
void sameFollowUp;
