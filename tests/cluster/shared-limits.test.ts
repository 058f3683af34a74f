/**
 * What several nodes must share lives in Redis: a kiosk's ticket allowance counts across nodes,
 * and each node checks Redis' settings when it starts.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisProcess } from '../support/redis';
import { startServer, type TestServer } from '../support/server';

const H = '/api/v1/halls/yuxi';

describe('limits and settings shared through Redis', () => {
  let redis: RedisProcess;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    redis = await RedisProcess.start();
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await redis?.stop();
  });

  it('a kiosk’s tickets per minute are counted across nodes', async () => {
    const env = { QMS_KIOSK_TICKETS_PER_MINUTE: '4' };
    const a = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: 'limits:', env });
    const b = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: 'limits:', env });
    servers.push(a, b);
    const token = await a.login('kiosk01');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await (i % 2 ? a : b).request('POST', `${H}/tickets`, { token, body: { areaId: 'tax' } })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  });

  it('warns at start when Redis keeps no AOF or may evict', async () => {
    const cli = (...args: string[]) =>
      execFileSync('redis-cli', ['-p', String(redis.port), ...args])
        .toString()
        .trim();
    cli('CONFIG', 'SET', 'appendonly', 'no');
    cli('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    const s = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: 'settings:' });
    servers.push(s);
    const warnings = s.logs.filter((l) => l.module === 'store' && l.level === 40).map((l) => String(l.msg));
    expect(warnings).toEqual([expect.stringContaining('appendonly is off'), expect.stringContaining('maxmemory-policy is allkeys-lru')]);
    cli('CONFIG', 'SET', 'appendonly', 'yes');
    cli('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
    const ok = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: 'settings:' });
    servers.push(ok);
    expect(ok.logs.filter((l) => l.module === 'store' && l.level === 40)).toEqual([]);
  });
});
