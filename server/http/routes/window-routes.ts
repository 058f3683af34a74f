/**
 * The counter's actions at a window: sign in/out, call, recall, start, complete, no-show,
 * transfer, pause, resume. Each is one command; the clerk signed in there or a manager may act.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type TObject } from 'typebox';
import type { Command } from '../../domain/commands';
import { DomainError } from '../../domain/errors';
import { nextUpView, windowView, type TicketView } from '../../domain/views';
import { Priority } from '../schemas/common';
import { runCommand, ticketAnswer, windowAnswer } from '../command';
import { WindowBody } from '../schemas/board';
import { errorResponses, NoBody, WindowParams } from '../schemas/common';
import { MaybeTicketBody, TicketBody } from '../schemas/tickets';

const tags = ['windows'];

/** What an action answers with: the ticket acted on (or none, for call-next), or the window. */
const ANSWERS = { ticket: TicketBody, 'maybe-ticket': MaybeTicketBody, window: WindowBody } as const;

export const CallBody = Type.Object({ number: Type.String({ minLength: 1, maxLength: 12 }) }, { additionalProperties: false });
export const TransferBody = Type.Object({ areaId: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
export const PauseBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false });
export const ParkBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false });
/** 办件编号: the schema only bounds the size; its charset is the domain's rule (`invalid_case_number`). */
export const CompleteBody = Type.Object({ caseNumber: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
export const UndoNoShowBody = Type.Object(
  { ticketId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);
export const NextUpQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 5 })) }, { additionalProperties: false });
const QueueClassSchema = Type.Union([
  Type.Literal('urgent'),
  Type.Literal('transferred'),
  Type.Literal('appointment'),
  Type.Literal('priority'),
  Type.Literal('aged'),
  Type.Literal('normal'),
]);
export const NextUpBody = Type.Object({
  tickets: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      areaId: Type.String(),
      priority: Priority,
      queueClass: QueueClassSchema,
      waitedSeconds: Type.Integer(),
    }),
  ),
});
export const ResumeParkedBody = Type.Object(
  { ticketId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);

const windowRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = app.authorize({ roles: ['clerk', 'manager'] });

  /** The options of an action's route; `body`: its fields, all optional (or none) when it may be left out. */
  const action = <A extends keyof typeof ANSWERS, B extends TObject>(summary: string, answers: A, body: B) => ({
    onRequest: staff,
    schema: { summary, tags, params: WindowParams, body, response: { 200: ANSWERS[answers], ...errorResponses } },
  });

  const actOnWindow = (request: FastifyRequest, hallId: string, windowId: string, command: Command) =>
    runCommand(app, request, hallId, command, windowAnswer(windowId));
  const actOnTicket = (request: FastifyRequest, hallId: string, command: Command) => runCommand(app, request, hallId, command, ticketAnswer);
  const actOnCurrentTicket = async (request: FastifyRequest, hallId: string, command: Command): Promise<{ ticket: TicketView }> => {
    const { ticket } = await actOnTicket(request, hallId, command);
    if (ticket === null) throw new DomainError('no_current_ticket', 'no ticket was acted on');
    return { ticket };
  };

  const path = (name: string) => `/halls/:hallId/windows/:windowId/${name}`;

  app.post(path('sign-in'), action('签到开窗 · Sign in at the window and open it', 'window', NoBody), async (request) => {
    const { hallId, windowId } = request.params;
    const clerk = { id: request.user.sub, name: request.user.name, staffNo: request.user.staffNo };
    return actOnWindow(request, hallId, windowId, { type: 'sign-in', windowId, clerk });
  });
  app.post(path('sign-out'), action('签退 · Sign out and close the window', 'window', NoBody), async (request) => {
    const { hallId, windowId } = request.params;
    return actOnWindow(request, hallId, windowId, { type: 'sign-out', windowId });
  });
  app.post(path('call-next'), action('叫下一位 · Call the next ticket (null when nobody waits)', 'maybe-ticket', NoBody), async (request) => {
    const { hallId, windowId } = request.params;
    return actOnTicket(request, hallId, { type: 'call-next', windowId });
  });
  app.post(path('call'), action('按号呼叫 · Call a ticket by its number', 'ticket', CallBody), async (request) => {
    const { hallId, windowId } = request.params;
    return actOnCurrentTicket(request, hallId, { type: 'call-number', windowId, number: request.body.number });
  });
  app.post(path('recall'), action('重呼 · Call the current ticket again', 'ticket', NoBody), async (request) => {
    const { hallId, windowId } = request.params;
    return actOnCurrentTicket(request, hallId, { type: 'recall', windowId });
  });
  app.post(path('start'), action('开始办理 · Start serving the called ticket', 'ticket', NoBody), async (request) => {
    const { hallId, windowId } = request.params;
    return actOnCurrentTicket(request, hallId, { type: 'start', windowId });
  });
  app.post(path('complete'), action('办结 · Complete the current ticket, with its optional case number', 'ticket', CompleteBody), async (request) => {
    const { hallId, windowId } = request.params;
    return actOnCurrentTicket(request, hallId, { type: 'complete', windowId, caseNumber: request.body.caseNumber });
  });
  app.post(path('no-show'), action('过号 · Mark the called ticket as not shown up', 'ticket', NoBody), async (request) => {
    const { hallId, windowId } = request.params;
    return actOnCurrentTicket(request, hallId, { type: 'no-show', windowId });
  });
  app.post(
    path('undo-no-show'),
    action(
      '撤销过号 · Take back a no-show marked by mistake: the citizen is called at this window again, with their number. ' +
        'Only at the window that marked it, within the hall policy `noShowUndoSeconds`, while the window has no other ticket. ' +
        'Refusals: 409 `not_no_show`, `undo_expired`, `window_busy`, `window_closed`.',
      'ticket',
      UndoNoShowBody,
    ),
    async (request) => {
      const { hallId, windowId } = request.params;
      return actOnCurrentTicket(request, hallId, { type: 'undo-no-show', windowId, ticketId: request.body.ticketId });
    },
  );
  app.post(path('transfer'), action('转办 · Transfer the current ticket to another area', 'ticket', TransferBody), async (request) => {
    const { hallId, windowId } = request.params;
    return actOnCurrentTicket(request, hallId, { type: 'transfer', windowId, areaId: request.body.areaId });
  });
  app.post(
    path('park'),
    action('挂起 · Park the current citizen (e.g. fetching documents); the window may call others and resume them later', 'window', ParkBody),
    async (request) => {
      const { hallId, windowId } = request.params;
      return actOnWindow(request, hallId, windowId, { type: 'park', windowId, reason: request.body.reason });
    },
  );
  app.post(
    path('resume-parked'),
    action('恢复挂起 · Resume a citizen parked at this window, without queueing again', 'ticket', ResumeParkedBody),
    async (request) => {
      const { hallId, windowId } = request.params;
      return actOnCurrentTicket(request, hallId, { type: 'resume-parked', windowId, ticketId: request.body.ticketId });
    },
  );
  app.post(path('pause'), action('暂停服务 · Pause the window, with an optional reason', 'window', PauseBody), async (request) => {
    const { hallId, windowId } = request.params;
    return actOnWindow(request, hallId, windowId, { type: 'pause', windowId, reason: request.body.reason });
  });
  app.post(path('resume'), action('恢复服务 · Resume a paused window', 'window', NoBody), async (request) => {
    const { hallId, windowId } = request.params;
    return actOnWindow(request, hallId, windowId, { type: 'resume', windowId });
  });

  app.get(
    '/halls/:hallId/windows/:windowId',
    {
      onRequest: app.authorize({ roles: 'any' }),
      schema: { summary: '窗口状态 · A window: status, clerk, current ticket', tags, params: WindowParams, response: { 200: WindowBody, ...errorResponses } },
    },
    async (request) => {
      const { hallId, windowId } = request.params;
      return app.qms.service.query(hallId, (state, now) => {
        const w = state.windows.get(windowId);
        if (!w) throw new DomainError('window_not_found', `no window ${windowId}`);
        return { window: windowView(state, w, now) };
      });
    },
  );

  app.get(
    '/halls/:hallId/windows/:windowId/next-up',
    {
      onRequest: staff,
      schema: {
        summary: '下一位 · The next tickets this window would call, in the order it would call them',
        description:
          '特事特办、联办、预约、绿色通道优先，并按连续优先上限让普通号 · Urgent, transferred, appointments and priority first, with the fairness rule. ' +
          'As of now, if no other window called first and nobody new arrived. `limit` 1–10 (default 5).',
        tags,
        params: WindowParams,
        querystring: NextUpQuery,
        response: { 200: NextUpBody, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, windowId } = request.params;
      const limit = request.query.limit ?? 5;
      return app.qms.service.query(hallId, (state, now) => {
        const w = state.windows.get(windowId);
        if (!w) throw new DomainError('window_not_found', `no window ${windowId}`);
        return { tickets: nextUpView(state, w, now, limit) };
      });
    },
  );
};

export default windowRoutes;
