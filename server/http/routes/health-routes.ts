/** Liveness for load balancers and installers: is the store answering? */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, errorResponses } from '../schemas/common';

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        summary: '健康检查 · Liveness: is the store answering?',
        tags: ['ops'],
        response: {
          ...errorResponses,
          200: Type.Object({ status: Type.Literal('ok'), store: Type.String() }, { description: '正常 · The store answers' }),
          503: Type.Object(
            { status: Type.Literal('unavailable'), store: Type.String(), error: ErrorBody.properties.error },
            { description: '存储不可用 · The store does not answer (the error shape, with the status beside it)' },
          ),
        },
      },
    },
    async (_request, reply) => {
      const store = app.qms.store.kind;
      try {
        await app.qms.store.ping();
        return { status: 'ok' as const, store };
      } catch (err) {
        reply.code(503);
        return { status: 'unavailable' as const, store, error: { code: 'store_unavailable', message: err instanceof Error ? err.message : String(err) } };
      }
    },
  );
};

export default healthRoutes;
