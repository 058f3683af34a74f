/**
 * The store the settings name: Redis in whichever topology (with PostgreSQL behind it as the history store when
 * DATABASE_URL is set), else the embedded store in the data directory.
 */
import type { Settings } from '../config/settings';
import { EmbeddedEventStore } from './embedded-store';
import type { EventStore } from './event-store';
import { PostgresHistoryStore } from './postgres-history-store';
import { RedisEventStore } from './redis-store';
import { TieredEventStore } from './tiered-store';

export async function openStore(
  settings: Pick<Settings, 'redis' | 'databaseUrl' | 'dataDir'> & Partial<Pick<Settings, 'redisWait'>>,
  opts: { prefix?: string; maxStreams?: number; log?: { warn: (obj: object, msg: string) => void } } = {},
): Promise<EventStore> {
  if (!settings.redis) return EmbeddedEventStore.open({ dataDir: settings.dataDir, ...(opts.maxStreams ? { maxStreams: opts.maxStreams } : {}) });
  const redis = await RedisEventStore.open({ topology: settings.redis, prefix: opts.prefix, wait: settings.redisWait, log: opts.log });
  if (!settings.databaseUrl) return redis;
  try {
    return new TieredEventStore(redis, await PostgresHistoryStore.open({ url: settings.databaseUrl }));
  } catch (err) {
    await redis.close();
    throw err;
  }
}
