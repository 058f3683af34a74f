/** The hall at a glance (api.md Board), and the notices managers post on it. */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors';
import { boardView } from '../../domain/views';
import { runCommand } from '../command';
import { Board, errorResponses, HallParams, IdParam } from '../schemas';

const boardRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/halls/:hallId/board',
    { onRequest: app.authorize({ roles: 'any' }), schema: { params: HallParams, response: { 200: Board, ...errorResponses } } },
    async (request) => {
      const { hallId } = request.params as { hallId: string };
      return app.qms.service.query(hallId, (state, now) => boardView(state, now, { alwaysOpen: app.qms.service.alwaysOpen }));
    },
  );

  const Notice = Type.Object({ id: Type.String(), text: Type.String() });

  app.post(
    '/halls/:hallId/notices',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: {
        params: HallParams,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ notice: Notice }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params as { hallId: string };
      const { text } = request.body as { text: string };
      const notice = await runCommand(app, request, hallId, { type: 'post-notice', text }, (state, outcome) => {
        const posted = state.notices.find((n) => n.id === outcome.noticeId);
        if (!posted) throw new DomainError('notice_not_found', 'the notice was removed meanwhile');
        return posted;
      });
      reply.code(201);
      return { notice };
    },
  );

  app.delete(
    '/halls/:hallId/notices/:noticeId',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: { params: Type.Object({ hallId: IdParam, noticeId: IdParam }), response: { 200: Type.Object({ removed: Type.String() }), ...errorResponses } },
    },
    async (request) => {
      const { hallId, noticeId } = request.params as { hallId: string; noticeId: string };
      await runCommand(app, request, hallId, { type: 'remove-notice', noticeId }, () => null);
      return { removed: noticeId };
    },
  );
};

export default boardRoutes;
