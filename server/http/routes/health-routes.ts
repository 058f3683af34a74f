/** Liveness for load balancers and installers: is the store answering? */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';

const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        response: {
          200: Type.Object({ status: Type.Literal('ok'), store: Type.String() }),
          503: Type.Object({ status: Type.Literal('unavailable'), store: Type.String(), error: Type.Object({ code: Type.String(), message: Type.String() }) }),
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
        return { status: 'unavailable' as const, store, error: { code: 'store_unavailable', message: (err as Error).message } };
      }
    },
  );
};

export default healthRoutes;
