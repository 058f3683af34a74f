/**
 * Issue 13: Redis in front of PostgreSQL. Closed days are archived to a real PostgreSQL (started
 * by the test) and leave Redis after QMS_REDIS_KEEP_DAYS; the trail and the statistics read a day
 * from whichever tier holds it and answer the same before and after; a node killed mid-archive
 * and restarted leaves every day in PostgreSQL exactly once.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBefore, DEFAULT_PLAN, writeHistory } from '../../server/app/history-generator';
import { YUXI } from '../../server/config/demo-halls';
import type { HallEvent } from '../../server/domain/events';
import { addDays, localDate } from '../../server/domain/time';
import { PostgresHistoryStore } from '../../server/store/postgres-history-store';
import { RedisEventStore } from '../../server/store/redis-store';
import { NodeProcess } from '../support/node-process';
import { PostgresProcess } from '../support/postgres';
import { RedisProcess } from '../support/redis';
import { startServer } from '../support/server';

const H = '/api/v1/halls/yuxi';
let redis: RedisProcess;
let postgres: PostgresProcess;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([RedisProcess.start(), PostgresProcess.start()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop()]);
});

/** Waits for `check`; on a timeout, says what the server logged (`logs`). */
async function until(what: string, check: () => Promise<boolean>, ms = 90_000, logs: () => unknown = () => ''): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(logs())}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Writes `count` closed days ending yesterday into Redis (no archive); each day's events. */
async function generate(prefix: string, count: number, tickets: number, url = redis.url): Promise<Map<string, HallEvent[]>> {
  const store = await RedisEventStore.open({ url, prefix });
  try {
    const days = daysBefore(localDate(Date.now(), YUXI.timezone), count);
    await writeHistory(store, YUXI, days, { ...DEFAULT_PLAN, tickets, seed: 7, everyDay: true });
    const out = new Map<string, HallEvent[]>();
    for (const day of days) out.set(day, await store.read({ hallId: 'yuxi', day }));
    return out;
  } finally {
    await store.close();
  }
}

/** Per archived day: rows, distinct versions, and the archived mark's count. */
async function archived(url: string): Promise<Map<string, { rows: number; distinct: number; marked: number }>> {
  const c = await postgres.client(url);
  try {
    const { rows } = await c.query<{ day: string; rows: string; distinct: string; marked: number }>(
      `SELECT to_char(a.day, 'YYYY-MM-DD') AS day, a.events AS marked,
              (SELECT count(*) FROM qms_day_events e WHERE e.hall_id = a.hall_id AND e.day = a.day) AS rows,
              (SELECT count(DISTINCT seq) FROM qms_day_events e WHERE e.hall_id = a.hall_id AND e.day = a.day) AS distinct
         FROM qms_archived_days a WHERE a.hall_id = 'yuxi'`,
    );
    return new Map(rows.map((r) => [r.day, { rows: Number(r.rows), distinct: Number(r.distinct), marked: r.marked }]));
  } finally {
    await c.end();
  }
}

/** The 局长走流程 trail's path for the day's first ticket. */
function trailOfFirstTicket(day: string, events: readonly HallEvent[]): string {
  const issued = events.find((e) => e.type === 'ticket.issued');
  if (!issued || issued.type !== 'ticket.issued') throw new Error('no ticket that day');
  return `${H}/trail?number=${issued.ticket.number}&day=${day}`;
}

describe('history tiers: Redis, then PostgreSQL', () => {
  it('the PostgreSQL history store archives a day once however often it is asked, in a partition per month, and keeps rollups', async () => {
    const databaseUrl = await postgres.database('tiers_store');
    const days = await generate(`tiers-s-${Date.now()}:`, 3, 20);
    const store = await PostgresHistoryStore.open({ url: databaseUrl });
    const again = await PostgresHistoryStore.open({ url: databaseUrl });
    try {
      const [day, events] = [...days][0]!;
      expect(await store.hasDay('yuxi', day)).toBe(false);
      expect(await store.readDay('yuxi', day)).toEqual([]);
      // Two nodes at once, then once more.
      await Promise.all([store.archiveDay('yuxi', day, events), again.archiveDay('yuxi', day, events)]);
      await store.archiveDay('yuxi', day, events);
      expect(await store.hasDay('yuxi', day)).toBe(true);
      expect(await store.archivedEvents('yuxi', day)).toBe(events.length);
      expect(await store.readDay('yuxi', day)).toEqual(events);
      expect(await store.readDay('yuxi', day, 5)).toEqual(events.slice(5));
      expect((await archived(databaseUrl)).get(day)).toEqual({ rows: events.length, distinct: events.length, marked: events.length });
      expect(await store.days('yuxi')).toEqual([day]);

      // A day of another month lands in that month's own partition.
      const later = `${addDays(`${day.slice(0, 7)}-01`, 40).slice(0, 7)}-02`;
      await store.archiveDay('yuxi', later, events);
      const c = await postgres.client(databaseUrl);
      const { rows } = await c.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'qms_day_events' ORDER BY 1`,
      );
      await c.end();
      expect(rows.map((r) => r.name)).toEqual([day, later].map((d) => `qms_day_events_${d.slice(0, 7).replace('-', '_')}`));

      await store.writeRollup('yuxi', day, '{"a":1}');
      await store.writeRollup('yuxi', day, '{"a":2}');
      expect(await store.readRollups('yuxi', [day, later])).toEqual(['{"a":2}', null]);
    } finally {
      await store.close();
      await again.close();
    }
  }, 60_000);

  it('archives closed days, trims Redis after QMS_REDIS_KEEP_DAYS, and the trail and statistics read the same from either tier', async () => {
    const prefix = `tiers-a-${Date.now()}:`;
    const databaseUrl = await postgres.database('tiers_a');
    const days = await generate(prefix, 8, 40);
    const list = [...days.keys()];
    const today = localDate(Date.now(), YUXI.timezone);
    const range = `from=${list[0]}&to=${list.at(-1)}`;
    const oldTrail = trailOfFirstTicket(list[0]!, days.get(list[0]!)!);

    // Redis alone: everything stays, and the server says Redis will grow.
    const plain = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: prefix });
    const statsBefore = await plain.get(`${H}/stats?${range}`, 'manager');
    const trailBefore = await plain.get(oldTrail, 'manager');
    expect(plain.logs.filter((l) => String(l.msg).includes('no DATABASE_URL')).length).toBe(1);
    await plain.close();
    expect(trailBefore.events.length).toBeGreaterThan(2);

    const srv = await startServer({ store: 'redis', redisUrl: redis.url, redisPrefix: prefix, env: { DATABASE_URL: databaseUrl, QMS_REDIS_KEEP_DAYS: '3' } });
    const r = new Redis(redis.url);
    try {
      const streamKey = (day: string) => `${prefix}{yuxi}:events:${day}`;
      const old = list.filter((d) => d < addDays(today, -3));
      const recent = list.filter((d) => d >= addDays(today, -3));
      expect(old.length).toBe(5);
      await until(
        'old days trimmed from Redis',
        async () => (await Promise.all(old.map((d) => r.exists(streamKey(d))))).every((n) => n === 0),
        90_000,
        () => srv.logs.filter((l) => l.module === 'archive'),
      );
      await until('every closed day archived', async () => (await archived(databaseUrl)).size === list.length);
      // Trimmed days' rollups leave Redis with their events (written before PostgreSQL was there, they
      // are copied to it first): Redis keeps only the recent days' rollups, and no month's.
      const rollupsKey = `${prefix}{yuxi}:rollups`;
      await until('old days’ rollups gone from Redis', async () => (await r.hkeys(rollupsKey)).sort().join() === recent.join());
      const pg = await postgres.client(databaseUrl);
      const { rows: periods } = await pg.query<{ period: string }>(
        "SELECT period FROM qms_rollups WHERE hall_id = 'yuxi' AND length(period) = 10 ORDER BY period",
      );
      await pg.end();
      expect(periods.map((p) => p.period)).toEqual(old);
      // The recent days stay in Redis too; every day is in PostgreSQL exactly once.
      expect(await Promise.all(recent.map((d) => r.exists(streamKey(d))))).toEqual(recent.map(() => 1));
      const rows = await archived(databaseUrl);
      for (const [day, events] of days) expect(rows.get(day), day).toEqual({ rows: events.length, distinct: events.length, marked: events.length });
      expect(srv.logs.some((l) => String(l.msg).includes('no DATABASE_URL'))).toBe(false);

      // The trail of a trimmed day comes from PostgreSQL, the same as it came from Redis.
      expect(await srv.get(oldTrail, 'manager')).toEqual(trailBefore);
      expect(await srv.get(`${H}/stats?${range}`, 'manager')).toEqual(statsBefore);
      // A report does not bring an old day's rollup back into Redis.
      expect((await r.hkeys(rollupsKey)).sort()).toEqual(recent);

      // With every rollup gone from both tiers, the report rebuilds them from raw events of either tier.
      await r.del(`${prefix}{yuxi}:rollups`);
      const c = await postgres.client(databaseUrl);
      await c.query('DELETE FROM qms_rollups');
      await c.end();
      expect(await srv.get(`${H}/stats?${range}`, 'manager')).toEqual(statsBefore);
    } finally {
      r.disconnect();
      await srv.close();
    }
  }, 240_000);

  it('a node killed mid-archive, and crashes between archive and trim or inside a transaction, lose and duplicate nothing', async () => {
    const own = await RedisProcess.start();
    const databaseUrl = await postgres.database('tiers_b');
    const history = await PostgresHistoryStore.open({ url: databaseUrl });
    let node: NodeProcess | null = null;
    const r = new Redis(own.url);
    try {
      const days = await generate('qms:', 24, 150, own.url);
      const list = [...days.keys()];
      // Between archive and trim: a day already in PostgreSQL, still whole in Redis.
      await history.archiveDay('yuxi', list[0]!, days.get(list[0]!)!);
      // Inside the archive's transaction: half a day inserted, then the connection dies uncommitted.
      const torn = list.find((d, i) => i > 0 && d.slice(0, 7) === list[0]!.slice(0, 7)) ?? list[0]!;
      const half = days.get(torn)!.slice(0, Math.floor(days.get(torn)!.length / 2));
      const c = await postgres.client(databaseUrl);
      await c.query('BEGIN');
      await c.query(
        'INSERT INTO qms_day_events (hall_id, day, seq, event) SELECT $1, CAST($2 AS DATE), t.s, t.e FROM unnest(CAST($3 AS INTEGER[]), CAST($4 AS TEXT[])) AS t(s, e)',
        ['yuxi', torn, half.map((e) => e.version), half.map((e) => JSON.stringify(e))],
      );
      await c.end();

      const env = { REDIS_URL: own.url, DATABASE_URL: databaseUrl, QMS_REDIS_KEEP_DAYS: '0', QMS_LOG_LEVEL: 'warn' };
      node = await NodeProcess.start(env);
      // Killed as soon as its sweep has archived something, most likely with days still to go.
      await until(
        'a first archived day',
        async () => (await archived(databaseUrl)).size > 1,
        120_000,
        () => node?.output.join(''),
      );
      await node.kill();
      await node.restart();
      await until(
        'every day archived and trimmed',
        async () => (await r.scard('qms:{yuxi}:trimmed')) === list.length,
        120_000,
        () => node?.output.join(''),
      );

      const rows = await archived(databaseUrl);
      expect([...rows.keys()].sort()).toEqual(list);
      for (const [day, events] of days) expect(rows.get(day), day).toEqual({ rows: events.length, distinct: events.length, marked: events.length });
      expect(await r.exists(...list.map((d) => `qms:{yuxi}:events:${d}`))).toBe(0);
      // Read back through the archive, a day is its events exactly.
      expect(await history.readDay('yuxi', torn)).toEqual(days.get(torn));

      const login = await node.request<{ token: string }>('POST', '/api/v1/auth/login', { body: { username: 'manager', password: 'demo' } });
      const trail = await node.request<{ events: Array<{ version: number }> }>('GET', trailOfFirstTicket(torn, days.get(torn)!), { token: login.body.token });
      expect(trail.status).toBe(200);
      expect(trail.body.events.length).toBeGreaterThan(2);
    } finally {
      r.disconnect();
      await node?.stop();
      await history.close();
      await own.stop();
    }
  }, 360_000);
});
