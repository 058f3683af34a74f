/**
 * The floor the benchmarks are measured against: a bare Fastify route doing one Redis round trip
 * (INCR, a write, so it pays the same `appendfsync always` as a ticket) on the same Redis, behind
 * the same HTTP client load. Whatever the hall server does beyond this is its own cost.
 *
 * Run as its own process: `node --import tsx bench/support/floor-server.ts` with PORT, HOST, REDIS_URL.
 */
import Fastify from 'fastify';
import { Redis } from 'ioredis';

const redis = new Redis(process.env.REDIS_URL!, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true });
await redis.connect();

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
app.get('/healthz', async () => ({ status: 'ok' }));
app.post('/floor/:key', async (request, reply) => {
  const { key } = request.params as { key: string };
  const n = await redis.incr(`floor:${key}`);
  reply.code(201);
  return { n };
});

process.once('SIGTERM', () => {
  void app.close().then(() => {
    redis.disconnect();
    process.exit(0);
  });
});
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
