/**
 * The stores as the contract suites see them (embedded, Redis, and Redis with PostgreSQL behind it): opened again on the same data (a restarted
 * process), crashed (Redis killed and started again), torn down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DayArchiver } from '../../server/app/day-archiver';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import type { EventStore } from '../../server/store/event-store';
import { PostgresHistoryStore } from '../../server/store/postgres-history-store';
import { RedisEventStore } from '../../server/store/redis-store';
import { TieredEventStore } from '../../server/store/tiered-store';
import { PostgresProcess } from './postgres';
import { RedisProcess } from './redis';

export interface Backend {
  name: 'embedded' | 'redis' | 'tiered';
  /** Opens the store on the same data every time (a new instance, like a restarted process). */
  open(): Promise<EventStore>;
  /** Where a second process finds the same data. */
  location(): string;
  prefix: string;
  teardown(): Promise<void>;
  /** Kills the server holding the data and brings it back (Redis), or does nothing. */
  crash(): Promise<void>;
  /**
   * Lets a closed day of a hall age as the store ages days (the tiered store: archived to
   * PostgreSQL and trimmed from Redis, with its rollups); the others keep every day where it is.
   */
  age(store: EventStore, hallId: string, today: string): Promise<void>;
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
    age: async () => {},
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
    age: async () => {},
  };
}

/**
 * Redis with PostgreSQL behind it (a server started for the suite), as a node runs with
 * `REDIS_URL` and `DATABASE_URL`. Its location is both URLs, space-separated.
 */
export async function tieredBackend(): Promise<Backend> {
  const [redis, postgres] = await Promise.all([RedisProcess.start(), PostgresProcess.start()]);
  const prefix = `contract${Date.now()}:`;
  return {
    name: 'tiered',
    prefix,
    open: () => openTiered(redis.url, postgres.url, prefix),
    location: () => `${redis.url} ${postgres.url}`,
    teardown: async () => {
      await Promise.all([redis.stop(), postgres.stop()]);
    },
    crash: () => redis.restart(),
    age: async (store, hallId, today) => {
      if (!(store instanceof TieredEventStore)) throw new Error('the tiered backend ages only a tiered store');
      await new DayArchiver({ store, keepDays: 0 }).sweep(hallId, today);
    },
  };
}

/** The tiered store over a Redis and a PostgreSQL (also used by the racing writer process). */
export async function openTiered(redisUrl: string, postgresUrl: string, prefix: string): Promise<TieredEventStore> {
  return new TieredEventStore(await RedisEventStore.open({ url: redisUrl, prefix }), await PostgresHistoryStore.open({ url: postgresUrl }));
}
