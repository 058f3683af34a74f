/**
 * The Redis store waiting for replicas (a real Redis with none). In strict mode
 * (QMS_REDIS_WAIT_STRICT) an append that no replica confirms is refused as unconfirmed although it
 * is on the server, and confirming stored events fails the same way — or as unavailable when the
 * events are not there at all. Not strict (the default), a primary left with no replica confirms
 * alone and says it is degraded. Without a wait, appends succeed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../server/domain/events';
import { StoreUnavailableError, StoreUnconfirmedError } from '../../server/store/event-store';
import { RedisEventStore } from '../../server/store/redis-store';
import { RedisProcess } from '../support/redis';

const day = '2026-11-26';
function ev(version: number): HallEvent {
  return {
    type: 'notice.posted',
    notice: { id: `n${version}`, text: `通知 ${version}` },
    hallId: 'h1',
    day,
    version,
    at: '2026-11-26T09:00:00.000+08:00',
    commandId: `c${version}`,
    actor: { id: 'manager', role: 'manager' },
  };
}

describe('the Redis store with QMS_REDIS_WAIT_REPLICAS and no replica', () => {
  let redis: RedisProcess;
  let waiting: RedisEventStore;
  let degrading: RedisEventStore;
  let plain: RedisEventStore;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    waiting = await RedisEventStore.open({ url: redis.url, prefix: 'wait:', wait: { replicas: 1, timeoutMs: 100, strict: true } });
    degrading = await RedisEventStore.open({ url: redis.url, prefix: 'wait:', wait: { replicas: 1, timeoutMs: 100 } });
    plain = await RedisEventStore.open({ url: redis.url, prefix: 'wait:' });
  });
  afterAll(async () => {
    await waiting?.close();
    await degrading?.close();
    await plain?.close();
    await redis?.stop();
  });

  it('strict: refuses to acknowledge an append no replica holds, though the primary has it', async () => {
    const s = { hallId: 'h1', day };
    const refused = await waiting.append(s, 0, [ev(1), ev(2)]).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(StoreUnconfirmedError);
    expect(refused).toBeInstanceOf(StoreUnavailableError); // handled as unavailable where nothing knows better
    expect((refused as Error).message).toContain('0 of 1 replica(s) confirmed the write within 100 ms');
    expect(await plain.read(s)).toEqual([ev(1), ev(2)]);

    await expect(waiting.confirm(s, 2)).rejects.toBeInstanceOf(StoreUnconfirmedError);
    // Events that are not there (a failover lost them) cannot be confirmed at all.
    const gone = await waiting.confirm(s, 3).catch((err: unknown) => err);
    expect(gone).toBeInstanceOf(StoreUnavailableError);
    expect(gone).not.toBeInstanceOf(StoreUnconfirmedError);

    // Without the wait the primary's word is enough.
    expect(await plain.append(s, 2, [ev(3)])).toEqual({ ok: true, version: 3 });
    // A conflict wrote nothing and waits for nothing.
    expect(await waiting.append(s, 1, [ev(2)])).toEqual({ ok: false, version: 3 });
  });

  it('not strict: with no replica connected the primary alone confirms, and the store says it is degraded', async () => {
    const s = { hallId: 'h2', day };
    expect(await degrading.append(s, 0, [{ ...ev(1), hallId: 'h2' }])).toEqual({ ok: true, version: 1 });
    expect(await plain.read(s)).toEqual([{ ...ev(1), hallId: 'h2' }]);
    expect(degrading.replication()).toMatchObject({ wanted: 1, confirming: 0, degraded: true, strict: false });
  });
});
