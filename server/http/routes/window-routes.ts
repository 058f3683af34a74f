/**
 * The counter's actions at a window: sign in/out, call, recall, start, complete, no-show,
 * transfer, pause, resume. Each is one command; the clerk signed in there or a manager may act.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { Command } from '../../domain/commands';
import { DomainError } from '../../domain/errors';
import { windowView } from '../../domain/views';
import { runCommand, ticketAnswer, windowAnswer } from '../command';
import { errorResponses, MaybeTicketBody, TicketBody, WindowBody, WindowParams } from '../schemas';

interface Action {
  path: string;
  body?: TSchema;
  /** What the action answers with: the ticket acted on, or the window. */
  answers: 'ticket' | 'maybe-ticket' | 'window';
  command: (windowId: string, body: Record<string, unknown>, request: FastifyRequest) => Command;
}

const ACTIONS: Action[] = [
  {
    path: 'sign-in',
    answers: 'window',
    command: (windowId, _b, r) => ({ type: 'sign-in', windowId, clerk: { id: r.user.sub, name: r.user.name, staffNo: r.user.staffNo } }),
  },
  { path: 'sign-out', answers: 'window', command: (windowId) => ({ type: 'sign-out', windowId }) },
  { path: 'call-next', answers: 'maybe-ticket', command: (windowId) => ({ type: 'call-next', windowId }) },
  {
    path: 'call',
    answers: 'ticket',
    body: Type.Object({ number: Type.String({ minLength: 1, maxLength: 12 }) }, { additionalProperties: false }),
    command: (windowId, b) => ({ type: 'call-number', windowId, number: b.number as string }),
  },
  { path: 'recall', answers: 'ticket', command: (windowId) => ({ type: 'recall', windowId }) },
  { path: 'start', answers: 'ticket', command: (windowId) => ({ type: 'start', windowId }) },
  { path: 'complete', answers: 'ticket', command: (windowId) => ({ type: 'complete', windowId }) },
  { path: 'no-show', answers: 'ticket', command: (windowId) => ({ type: 'no-show', windowId }) },
  {
    path: 'transfer',
    answers: 'ticket',
    body: Type.Object({ areaId: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
    command: (windowId, b) => ({ type: 'transfer', windowId, areaId: b.areaId as string }),
  },
  {
    path: 'pause',
    answers: 'window',
    body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
    command: (windowId, b) => ({ type: 'pause', windowId, reason: b.reason as string | undefined }),
  },
  { path: 'resume', answers: 'window', command: (windowId) => ({ type: 'resume', windowId }) },
];

const RESPONSE = { ticket: TicketBody, 'maybe-ticket': MaybeTicketBody, window: WindowBody } as const;

function register(app: FastifyInstance, action: Action): void {
  app.post(
    `/halls/:hallId/windows/:windowId/${action.path}`,
    {
      onRequest: app.authorize({ roles: ['clerk', 'manager'] }),
      schema: {
        params: WindowParams,
        ...(action.body ? { body: action.body } : {}),
        response: { 200: RESPONSE[action.answers], ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, windowId } = request.params as { hallId: string; windowId: string };
      const body = (request.body ?? {}) as Record<string, unknown>;
      const command = action.command(windowId, body, request);
      if (action.answers === 'window') return runCommand(app, request, hallId, command, windowAnswer(windowId));
      const answer = await runCommand(app, request, hallId, command, ticketAnswer);
      if (action.answers === 'ticket' && answer.ticket === null) throw new DomainError('no_current_ticket', 'no ticket was acted on');
      return answer;
    },
  );
}

const windowRoutes: FastifyPluginAsync = async (app) => {
  for (const action of ACTIONS) register(app, action);

  app.get(
    '/halls/:hallId/windows/:windowId',
    { onRequest: app.authorize({ roles: 'any' }), schema: { params: WindowParams, response: { 200: WindowBody, ...errorResponses } } },
    async (request) => {
      const { hallId, windowId } = request.params as { hallId: string; windowId: string };
      return app.qms.service.query(hallId, (state, now) => {
        const w = state.windows.get(windowId);
        if (!w) throw new DomainError('window_not_found', `no window ${windowId}`);
        return { window: windowView(state, w, now) };
      });
    },
  );
};

export default windowRoutes;
