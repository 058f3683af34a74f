/**
 * The two stores as the contract suites see them: opened again on the same data (a restarted
 * process), crashed (Redis killed and started again), torn down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import type { EventStore } from '../../server/store/event-store';
import { RedisEventStore } from '../../server/store/redis-store';
import { RedisProcess } from './redis';

export interface Backend {
  name: 'embedded' | 'redis';
  /** Opens the store on the same data every time (a new instance, like a restarted process). */
  open(): Promise<EventStore>;
  /** Where a second process finds the same data. */
  location(): string;
  prefix: string;
  teardown(): Promise<void>;
  /** Kills the server holding the data and brings it back (Redis), or does nothing. */
  crash(): Promise<void>;
}

export async function embeddedBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-contract-'));
  return {
    name: 'embedded',
    prefix: '',
    open: () => EmbeddedEventStore.open({ dataDir: dir }),
    location: () => dir,
    teardown: async () => rmSync(dir, { recursive: true, force: true }),
    crash: async () => {},
  };
}

export async function redisBackend(): Promise<Backend> {
  const redis = await RedisProcess.start();
  const prefix = `contract${Date.now()}:`;
  return {
    name: 'redis',
    prefix,
    open: () => RedisEventStore.open({ url: redis.url, prefix }),
    location: () => redis.url,
    teardown: () => redis.stop(),
    crash: () => redis.restart(),
  };
}

