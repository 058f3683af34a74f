/** The hall at a glance (the Board shape), and the notices managers post on it. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors';
import { boardView } from '../../domain/views';
import { runCommand } from '../command';
import { Board, NoticeRemoved, NoticeRequest, NoticeResponse } from '../schemas/board';
import { errorResponses, HallParams, IdParam } from '../schemas/common';

const tags = ['board'];

const boardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/halls/:hallId/board',
    {
      onRequest: app.authorize({ roles: 'any' }),
      schema: {
        summary: '大厅全景 · The hall board: areas, windows, recent calls, notices',
        tags,
        params: HallParams,
        response: { 200: Board, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      return app.qms.service.query(hallId, (state, now) => boardView(state, now, { alwaysOpen: app.qms.service.alwaysOpen }));
    },
  );

  app.post(
    '/halls/:hallId/notices',
    {
      onRequest: app.authorize({ roles: ['manager'] }),
      schema: {
        summary: '发布公告 · Post a notice on the boards',
        tags,
        params: HallParams,
        body: NoticeRequest,
        response: { 201: NoticeResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      const { text } = request.body;
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
      schema: {
        summary: '撤下公告 · Remove a notice',
        tags,
        params: Type.Object({ hallId: IdParam, noticeId: IdParam }),
        response: { 200: NoticeRemoved, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, noticeId } = request.params;
      await runCommand(app, request, hallId, { type: 'remove-notice', noticeId }, () => null);
      return { removed: noticeId };
    },
  );
};

export default boardRoutes;
