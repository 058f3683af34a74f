/**
 * The history store in PostgreSQL (`DATABASE_URL`). Raw events live in one table partitioned by
 * month (declarative partitioning; a month's partition is created the first time a day of it is
 * archived), keyed (hall, day, seq) so a second archive of a day inserts nothing. A day counts as
 * archived only once its row in `qms_archived_days` exists, written in the same transaction as its
 * events. Apart from the partitioning DDL and `ON CONFLICT DO NOTHING`, plain SQL.
 */
import pg from 'pg';
import type { HallEvent } from '../domain/events';
import { addDays } from '../domain/time';
import { StoreUnavailableError, type AuditEntry, type AuditQuery } from './event-store';
import type { HistoryStore } from './history-store';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS qms_day_events (
     hall_id TEXT NOT NULL,
     day DATE NOT NULL,
     seq INTEGER NOT NULL,
     event TEXT NOT NULL,
     PRIMARY KEY (hall_id, day, seq)
   ) PARTITION BY RANGE (day)`,
  `CREATE TABLE IF NOT EXISTS qms_archived_days (
     hall_id TEXT NOT NULL,
     day DATE NOT NULL,
     events INTEGER NOT NULL,
     archived_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
     PRIMARY KEY (hall_id, day)
   )`,
  `CREATE TABLE IF NOT EXISTS qms_audit (
     seq BIGINT PRIMARY KEY,
     record TEXT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS qms_rollups (
     hall_id TEXT NOT NULL,
     period TEXT NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (hall_id, period)
   )`,
];

/** Two nodes creating the same table at once: one wins, the other is told it exists. */
const ALREADY_THERE = new Set(['42P07', '23505', '42710']);

function wrap(err: unknown): StoreUnavailableError {
  return err instanceof StoreUnavailableError
    ? err
    : new StoreUnavailableError(`postgres: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

async function ignoringRace(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!ALREADY_THERE.has((err as { code?: string }).code ?? '')) throw err;
  }
}

export class PostgresHistoryStore implements HistoryStore {
  /** Months whose partition is known to exist. */
  private readonly partitions = new Set<string>();

  private constructor(private readonly pool: pg.Pool) {}

  static async open(opts: { url: string; max?: number }): Promise<PostgresHistoryStore> {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.max ?? 4, connectionTimeoutMillis: 5000 });
    // An idle client losing its connection must not crash the node; the next query reconnects.
    pool.on('error', () => {});
    const store = new PostgresHistoryStore(pool);
    try {
      for (const ddl of SCHEMA) await ignoringRace(() => pool.query(ddl));
    } catch (err) {
      await pool.end();
      throw wrap(err);
    }
    return store;
  }

  private async partition(day: string): Promise<void> {
    const month = day.slice(0, 7);
    if (this.partitions.has(month)) return;
    const from = `${month}-01`;
    const to = `${addDays(from, 31).slice(0, 7)}-01`;
    const name = `qms_day_events_${month.replace('-', '_')}`;
    await ignoringRace(() => this.pool.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF qms_day_events FOR VALUES FROM ('${from}') TO ('${to}')`));
    this.partitions.add(month);
  }

  async archiveDay(hallId: string, day: string, events: readonly HallEvent[]): Promise<void> {
    events.forEach((e, i) => {
      if (e.version !== i + 1) throw new Error(`archive ${hallId} ${day}: event ${i} has version ${e.version}, expected ${i + 1}`);
    });
    try {
      await this.partition(day);
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO qms_day_events (hall_id, day, seq, event)
           SELECT $1, CAST($2 AS DATE), t.seq, t.event FROM unnest(CAST($3 AS INTEGER[]), CAST($4 AS TEXT[])) AS t(seq, event)
           ON CONFLICT DO NOTHING`,
          [hallId, day, events.map((e) => e.version), events.map((e) => JSON.stringify(e))],
        );
        await client.query(
          `INSERT INTO qms_archived_days (hall_id, day, events) VALUES ($1, CAST($2 AS DATE), $3)
           ON CONFLICT (hall_id, day) DO UPDATE SET events = EXCLUDED.events WHERE qms_archived_days.events < EXCLUDED.events`,
          [hallId, day, events.length],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    } catch (err) {
      throw wrap(err);
    }
  }

  async readDay(hallId: string, day: string, afterVersion = 0): Promise<HallEvent[]> {
    try {
      const { rows } = await this.pool.query<{ event: string }>(
        'SELECT event FROM qms_day_events WHERE hall_id = $1 AND day = CAST($2 AS DATE) AND seq > $3 ORDER BY seq',
        [hallId, day, afterVersion],
      );
      return rows.map((r) => JSON.parse(r.event) as HallEvent);
    } catch (err) {
      throw wrap(err);
    }
  }

  async archivedEvents(hallId: string, day: string): Promise<number | null> {
    try {
      const { rows } = await this.pool.query<{ events: number }>('SELECT events FROM qms_archived_days WHERE hall_id = $1 AND day = CAST($2 AS DATE)', [
        hallId,
        day,
      ]);
      return rows[0]?.events ?? null;
    } catch (err) {
      throw wrap(err);
    }
  }

  async hasDay(hallId: string, day: string): Promise<boolean> {
    return (await this.archivedEvents(hallId, day)) !== null;
  }

  async days(hallId: string): Promise<string[]> {
    try {
      const { rows } = await this.pool.query<{ day: string }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM qms_archived_days WHERE hall_id = $1 ORDER BY day`,
        [hallId],
      );
      return rows.map((r) => r.day);
    } catch (err) {
      throw wrap(err);
    }
  }

  async readRollups(hallId: string, keys: readonly string[]): Promise<Array<string | null>> {
    if (keys.length === 0) return [];
    try {
      const { rows } = await this.pool.query<{ period: string; value: string }>(
        'SELECT period, value FROM qms_rollups WHERE hall_id = $1 AND period = ANY(CAST($2 AS TEXT[]))',
        [hallId, [...keys]],
      );
      const byKey = new Map(rows.map((r) => [r.period, r.value]));
      return keys.map((k) => byKey.get(k) ?? null);
    } catch (err) {
      throw wrap(err);
    }
  }

  async writeRollup(hallId: string, key: string, value: string): Promise<void> {
    try {
      await this.pool.query(
        'INSERT INTO qms_rollups (hall_id, period, value) VALUES ($1, $2, $3) ON CONFLICT (hall_id, period) DO UPDATE SET value = EXCLUDED.value',
        [hallId, key, value],
      );
    } catch (err) {
      throw wrap(err);
    }
  }

  async archiveAudit(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.pool.query(
        `INSERT INTO qms_audit (seq, record) SELECT t.seq, t.record FROM unnest(CAST($1 AS BIGINT[]), CAST($2 AS TEXT[])) AS t(seq, record) ON CONFLICT DO NOTHING`,
        [entries.map((e) => e.seq), entries.map((e) => e.record)],
      );
    } catch (err) {
      throw wrap(err);
    }
  }

  async readAudit(query: AuditQuery): Promise<AuditEntry[]> {
    try {
      const { rows } = await this.pool.query<{ seq: string; record: string }>(
        `SELECT seq, record FROM qms_audit WHERE seq > $1 AND seq < $2 ORDER BY seq ${query.newestFirst ? 'DESC' : 'ASC'} LIMIT $3`,
        [query.after ?? 0, query.before ?? Number.MAX_SAFE_INTEGER, query.limit],
      );
      return rows.map((r) => ({ seq: Number(r.seq), record: r.record }));
    } catch (err) {
      throw wrap(err);
    }
  }

  async lastArchivedAudit(): Promise<number> {
    try {
      const { rows } = await this.pool.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM qms_audit');
      return Number(rows[0]?.seq ?? 0);
    } catch (err) {
      throw wrap(err);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.pool.query('SELECT 1');
    } catch (err) {
      throw wrap(err);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
