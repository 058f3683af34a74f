/**
 * Issue 13: Redis memory as the days pass. Sixty generated days of one busy hall are written 10 at
 * a time into two Redis servers side by side: one alone (every raw event stays: the floor), one
 * with PostgreSQL behind it and QMS_REDIS_KEEP_DAYS=3 (after each batch the day archiver runs as
 * if those days had just passed: closed days archived, those older than three days trimmed, and
 * their rollups, with any month's, moved out of Redis).
 * `used_memory` of both after each batch.
 */
import { Redis } from 'ioredis';
import { DayArchiver } from '../../server/app/day-archiver';
import { daysBefore, DEFAULT_PLAN, writeHistory } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import { addDays, localDate } from '../../server/domain/time';
import { PostgresHistoryStore } from '../../server/store/postgres-history-store';
import { RedisEventStore } from '../../server/store/redis-store';
import { TieredEventStore } from '../../server/store/tiered-store';
import { PostgresProcess } from '../../tests/support/postgres';
import { RedisProcess } from '../../tests/support/redis';

export interface RedisHistoryPoint {
  days: number;
  /** used_memory in MB, Redis alone (raw events of every day kept). */
  aloneMB: number;
  /** used_memory in MB, Redis with PostgreSQL behind it and QMS_REDIS_KEEP_DAYS=3. */
  tieredMB: number;
  /** Days whose raw events are still in the tiered Redis. */
  rawDaysInRedis: number;
  /** Rollups (days and months) still in the tiered Redis. */
  rollupsInRedis?: number;
}

export interface RedisHistoryResult {
  ticketsPerDay: number;
  keepDays: number;
  points: RedisHistoryPoint[];
  archivedDays: number;
}

const MB = 1024 * 1024;

async function usedMB(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Math.round((Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN) / MB) * 10) / 10;
}

export async function redisHistory(opts: {
  days: number;
  batch: number;
  ticketsPerDay: number;
  keepDays: number;
  log: (...a: unknown[]) => void;
}): Promise<RedisHistoryResult> {
  const [aloneRedis, tieredRedis, postgres] = await Promise.all([RedisProcess.start(), RedisProcess.start(), PostgresProcess.start()]);
  const alone = await RedisEventStore.open({ url: aloneRedis.url });
  const tiered = new TieredEventStore(await RedisEventStore.open({ url: tieredRedis.url }), await PostgresHistoryStore.open({ url: postgres.url }));
  const aloneInfo = new Redis(aloneRedis.url);
  const tieredInfo = new Redis(tieredRedis.url);
  try {
    const archiver = new DayArchiver({ store: tiered, keepDays: opts.keepDays });
    const days = daysBefore(localDate(Date.now(), YUXI.timezone), opts.days);
    const plan = { ...DEFAULT_PLAN, tickets: opts.ticketsPerDay, seed: 1, everyDay: true };
    const points: RedisHistoryPoint[] = [];
    for (let i = 0; i < days.length; i += opts.batch) {
      const batch = days.slice(i, i + opts.batch);
      await writeHistory(alone, YUXI, batch, plan);
      await writeHistory(tiered, YUXI, batch, plan);
      // As if the day after the batch had come: the sweep every node runs.
      await archiver.sweep('yuxi', addDays(batch.at(-1)!, 1));
      const trimmed = await tiered.redis.trimmedDays('yuxi');
      const point = {
        days: i + batch.length,
        aloneMB: await usedMB(aloneInfo),
        tieredMB: await usedMB(tieredInfo),
        rawDaysInRedis: i + batch.length - trimmed.size,
        rollupsInRedis: (await tiered.redis.rollupKeys('yuxi')).length,
      };
      points.push(point);
      opts.log('redis history', point);
    }
    return { ticketsPerDay: opts.ticketsPerDay, keepDays: opts.keepDays, points, archivedDays: (await tiered.history.days('yuxi')).length };
  } finally {
    aloneInfo.disconnect();
    tieredInfo.disconnect();
    await alone.close();
    await tiered.close();
    await Promise.all([aloneRedis.stop(), tieredRedis.stop(), postgres.stop()]);
  }
}
