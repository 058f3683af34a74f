/** `GET /metrics`: the Prometheus text of this node (api.md: no sign-in, like `/healthz`). */
import type { FastifyPluginAsync } from 'fastify';
import type { HallMetrics } from './hall-metrics';

const metricsRoutes: FastifyPluginAsync<{ metrics: HallMetrics }> = async (app, { metrics }) => {
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await metrics.text();
    reply.type(contentType).header('cache-control', 'no-store');
    return body;
  });
};

export default metricsRoutes;
