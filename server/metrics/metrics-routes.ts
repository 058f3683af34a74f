/** `GET /metrics`: the Prometheus text of this node (no sign-in, like `/healthz`). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../http/schemas/common';
import type { HallMetrics } from './hall-metrics';

const metricsRoutes: FastifyPluginAsyncTypebox<{ metrics: HallMetrics }> = async (app, { metrics }) => {
  app.get(
    '/metrics',
    {
      schema: {
        summary: '监控指标 · Prometheus metrics of this node',
        tags: ['ops'],
        response: { 200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: Type.String() } } }, ...errorResponses },
      },
    },
    async (_request, reply) => {
      const { contentType, body } = await metrics.text();
      reply.type(contentType).header('cache-control', 'no-store');
      return body;
    },
  );
};

export default metricsRoutes;
