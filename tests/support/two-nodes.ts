/**
 * Two real server processes on one real Redis, started before a suite's tests and stopped after:
 * what every multi-node test needs. Call inside a `describe`; read `nodes.a`, `nodes.b` in tests.
 */
import { afterAll, beforeAll } from 'vitest';
import { NodeProcess } from './node-process';
import { RedisProcess } from './redis';

export interface TwoNodes {
  readonly redis: RedisProcess;
  readonly a: NodeProcess;
  readonly b: NodeProcess;
}

export function twoNodesOnOneRedis(env: Record<string, string> = {}): TwoNodes {
  const nodes = {} as { redis: RedisProcess; a: NodeProcess; b: NodeProcess };
  beforeAll(async () => {
    nodes.redis = await RedisProcess.start();
    const nodeEnv = { REDIS_URL: nodes.redis.url, ...env };
    [nodes.a, nodes.b] = await Promise.all([NodeProcess.start(nodeEnv), NodeProcess.start(nodeEnv)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([nodes.a?.stop(), nodes.b?.stop()]);
    await nodes.redis?.stop();
  });
  return nodes;
}
