/**
 * The audit log: one pino line per mutating request by a signed-in user — who (id, role), where
 * (hall, window), what (method and route pattern), how it ended (status) and the command id that
 * the hall's events carry, so an auditor can go from a line to exactly what changed.
 *
 * Never the raw URL (a ticket id in it is a citizen's credential) and never a body (notes, comments
 * and phone numbers are personal data). Written at `info` even when the server logs only warnings:
 * staff actions are kept whatever the noise level.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { routeParam, type TokenPayload } from './context';

const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

export default fp(
  async function audit(app: FastifyInstance) {
    const log = app.log.child({ module: 'audit' }, { level: app.log.level === 'silent' ? 'silent' : 'info' });

    app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      if (READ_ONLY.has(request.method)) return;
      const user = request.user as TokenPayload | null | undefined;
      if (!user?.sub) return;
      const windowId = routeParam(request, 'windowId');
      log.info(
        {
          audit: true,
          userId: user.sub,
          role: user.role,
          hallId: routeParam(request, 'hallId') ?? user.hallId,
          ...(windowId !== undefined ? { windowId } : {}),
          method: request.method,
          route: request.routeOptions.url ?? null,
          status: reply.statusCode,
          commandId: request.commandId || null,
          replayed: request.idempotencyReplay,
          reqId: request.id,
        },
        'staff action',
      );
    });
  },
  { name: 'qms-audit', dependencies: ['qms-idempotency'] },
);
