/**
 * Runs a command for a request: who asks (the token), under which command id (the
 * Idempotency-Key), and what to answer from the state right after it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CommandRequest } from '../app/hall-runner';
import type { Command } from '../domain/commands';
import { DomainError } from '../domain/errors';
import type { Actor, CommandOutcome, HallState } from '../domain/types';
import { ticketView, windowView, type TicketView, type WindowView } from '../domain/views';

export function actorOf(request: FastifyRequest): Actor {
  return { id: request.user.sub, role: request.user.role };
}

export function runCommand<R>(
  app: FastifyInstance,
  request: FastifyRequest,
  hallId: string,
  command: Command,
  respond: CommandRequest<R>['respond'],
): Promise<R> {
  return app.qms.service.execute(hallId, { command, commandId: request.commandId, actor: actorOf(request), respond });
}

/** `{ticket}` for the ticket a command acted on (null when there was none, e.g. nobody waiting). */
export function ticketAnswer(state: HallState, outcome: CommandOutcome, now: number): { ticket: TicketView | null } {
  const t = outcome.ticketId === null ? undefined : state.tickets.get(outcome.ticketId);
  return { ticket: t ? ticketView(state, t, now) : null };
}

export function windowAnswer(windowId: string) {
  return (state: HallState, _outcome: CommandOutcome, now: number): { window: WindowView } => {
    const w = state.windows.get(windowId);
    if (!w) throw new DomainError('window_not_found', `no window ${windowId}`);
    return { window: windowView(state, w, now) };
  };
}
