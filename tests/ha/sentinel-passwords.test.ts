/**
 * Redis behind Sentinel with passwords (real processes): the data nodes with `requirepass` and
 * `masterauth`, the sentinels with their own `requirepass` and the data nodes' as `auth-pass`. A
 * node given QMS_REDIS_PASSWORD and QMS_REDIS_SENTINEL_PASSWORD issues tickets through it and never
 * writes either password to its log; a wrong one stops the start with words that name the setting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login } from '../support/node-http';
import { NodeProcess } from '../support/node-process';
import { SentinelGroup } from '../support/redis-ha';

const DATA_PASSWORD = 'data-Pw-7f3a9c';
const SENTINEL_PASSWORD = 'sentinel-Pw-2b81e4';

describe('Redis Sentinel with passwords', () => {
  let group: SentinelGroup;
  let base: Record<string, string>;
  const nodes: NodeProcess[] = [];

  beforeAll(async () => {
    group = await SentinelGroup.start({ password: DATA_PASSWORD, sentinelPassword: SENTINEL_PASSWORD });
    base = { QMS_REDIS_SENTINELS: group.sentinelList, QMS_REDIS_SENTINEL_NAME: SentinelGroup.MASTER_NAME };
  }, 120_000);
  afterAll(async () => {
    for (const n of nodes) await n.stop();
    await group?.stop();
  });

  it('issues a ticket through password-protected sentinels and data nodes, and logs no password', async () => {
    const node = await NodeProcess.start({ ...base, QMS_REDIS_PASSWORD: DATA_PASSWORD, QMS_REDIS_SENTINEL_PASSWORD: SENTINEL_PASSWORD });
    nodes.push(node);
    const kiosk = await login(node.url, 'kiosk01');
    const r = await call(node.url, 'POST', '/api/v1/halls/yuxi/tickets', kiosk, { areaId: 'tax' });
    expect(r.status).toBe(201);
    // It is in the primary, behind the data nodes' password.
    expect(await group.primary.cli('KEYS', '*yuxi*events*')).toContain('events');
    const log = node.output.join('');
    expect(log).toContain('passwords: data nodes,sentinels');
    expect(log).not.toContain(DATA_PASSWORD);
    expect(log).not.toContain(SENTINEL_PASSWORD);
  });

  it('refuses to start with a wrong password, naming the setting to fix', async () => {
    const wrongData = await NodeProcess.start({ ...base, QMS_REDIS_PASSWORD: 'not-it-1', QMS_REDIS_SENTINEL_PASSWORD: SENTINEL_PASSWORD }).then(
      (n) => (nodes.push(n), 'started'),
      (err: Error) => err.message,
    );
    expect(wrongData).toContain('node exited at start');
    expect(wrongData).toContain('Redis refused the password: check QMS_REDIS_PASSWORD');

    const wrongSentinel = await NodeProcess.start({ ...base, QMS_REDIS_PASSWORD: DATA_PASSWORD, QMS_REDIS_SENTINEL_PASSWORD: 'not-it-2' }).then(
      (n) => (nodes.push(n), 'started'),
      (err: Error) => err.message,
    );
    expect(wrongSentinel).toContain('node exited at start');
    expect(wrongSentinel).toContain('the sentinels refused the password: check QMS_REDIS_SENTINEL_PASSWORD');
    for (const message of [wrongData, wrongSentinel]) {
      expect(message).not.toContain(DATA_PASSWORD);
      expect(message).not.toContain(SENTINEL_PASSWORD);
    }
  }, 60_000);
});
