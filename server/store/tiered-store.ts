/**
 * Redis in front of the history store (PostgreSQL), behind the one store contract: everything is
 * Redis's, except that a day whose raw events left Redis (trimmed, after being archived) is read
 * from the archive, and rollups are written to the archive (and, while Redis keeps the day's
 * events, to Redis too) and read from Redis first. Every reader of a
 * day's events (the trail, follow-ups, rollup rebuilds, reports) goes through `read`, so none of
 * them knows which tier holds the day.
 */
import type { HallEvent } from '../domain/events';
import type {
  AppendNotice,
  AppendResult,
  AuditEntry,
  AuditQuery,
  ChangeAuthor,
  ConfigDoc,
  DocChange,
  DocNotice,
  EventStore,
  RollupData,
  StreamId,
  WriteDocResult,
} from './event-store';
import type { HistoryStore } from './history-store';
import { PAGE, type RedisEventStore, type ReplicationState } from './redis-store';

/** Rollups moved to the archive per round trip. */
const ROLLUP_CHUNK = 31;

/** Redis keeps a day's rollup while it keeps the day's events; a month's (`YYYY-MM`) never. */
function keptInRedis(key: string, dayTrimmed: boolean): boolean {
  return key.length === 'YYYY-MM-DD'.length && !dayTrimmed;
}

export class TieredEventStore implements EventStore {
  readonly kind = 'redis' as const;

  constructor(
    readonly redis: RedisEventStore,
    readonly history: HistoryStore,
  ) {}

  append(stream: StreamId, expectedVersion: number, events: readonly HallEvent[]): Promise<AppendResult> {
    return this.redis.append(stream, expectedVersion, events);
  }

  confirm(stream: StreamId, version: number): Promise<void> {
    return this.redis.confirm(stream, version);
  }

  async read(stream: StreamId, afterVersion = 0): Promise<HallEvent[]> {
    const events = await this.redis.read(stream, afterVersion);
    // Only an empty read, or a paged one cut short by a trim between pages, can miss a trimmed day.
    const maybeCut = events.length >= PAGE && events.at(-1)?.type !== 'day.closed';
    if (events.length > 0 && !maybeCut) return events;
    if (!(await this.redis.isTrimmed(stream.hallId, stream.day))) return events;
    return this.history.readDay(stream.hallId, stream.day, afterVersion);
  }

  async version(stream: StreamId): Promise<number> {
    const version = await this.redis.version(stream);
    if (version > 0 || !(await this.redis.isTrimmed(stream.hallId, stream.day))) return version;
    return (await this.history.archivedEvents(stream.hallId, stream.day)) ?? 0;
  }

  /** Redis's days and the archive's (the archive alone knows days of a Redis that was replaced). */
  async days(hallId: string): Promise<string[]> {
    const [recent, archived] = await Promise.all([this.redis.days(hallId), this.history.days(hallId)]);
    return [...new Set([...recent, ...archived])].sort();
  }

  subscribe(listener: (notice: AppendNotice) => void): () => void {
    return this.redis.subscribe(listener);
  }

  async readRollups(hallId: string, days: readonly string[]): Promise<Array<string | null>> {
    const texts = await this.redis.readRollups(hallId, days);
    const missing = days.filter((_, i) => texts[i] === null);
    if (missing.length === 0) return texts;
    const archived = new Map((await this.history.readRollups(hallId, missing)).map((t, i) => [missing[i]!, t]));
    return texts.map((t, i) => t ?? archived.get(days[i]!) ?? null);
  }

  async readRollupsRaw(hallId: string, days: readonly string[]): Promise<Array<RollupData | null>> {
    const data = await this.redis.readRollupsRaw(hallId, days);
    const missing = days.filter((_, i) => data[i] === null);
    if (missing.length === 0) return data;
    const archived = new Map((await this.history.readRollups(hallId, missing)).map((t, i) => [missing[i]!, t]));
    return data.map((t, i) => t ?? archived.get(days[i]!) ?? null);
  }

  /**
   * Into the archive, and into Redis only while Redis still holds the day's events: a month's
   * rollup, or a trimmed day's, is read from the archive, so Redis does not grow with the days.
   */
  async writeRollup(hallId: string, key: string, value: string): Promise<void> {
    await this.history.writeRollup(hallId, key, value);
    if (keptInRedis(key, await this.redis.isTrimmed(hallId, key))) await this.redis.writeRollup(hallId, key, value);
  }

  /**
   * Removes from Redis the rollups it no longer keeps (months', and those of days whose events
   * were trimmed), each once the archive holds it (one only in Redis, written before the archive
   * existed, is copied there first). The keys removed.
   */
  async trimRollups(hallId: string): Promise<string[]> {
    const [keys, trimmed] = await Promise.all([this.redis.rollupKeys(hallId), this.redis.trimmedDays(hallId)]);
    const leaving = keys.filter((k) => !keptInRedis(k, trimmed.has(k)));
    for (let i = 0; i < leaving.length; i += ROLLUP_CHUNK) {
      const chunk = leaving.slice(i, i + ROLLUP_CHUNK);
      const archived = await this.history.readRollups(hallId, chunk);
      const onlyHere = chunk.filter((_, k) => archived[k] === null);
      const texts = await this.redis.readRollups(hallId, onlyHere);
      for (let k = 0; k < onlyHere.length; k++) if (texts[k] !== null) await this.history.writeRollup(hallId, onlyHere[k]!, texts[k]!);
      await this.redis.dropRollups(hallId, chunk);
    }
    return leaving;
  }

  appendAudit(expected: number, records: readonly string[]): Promise<AppendResult> {
    return this.redis.appendAudit(expected, records);
  }

  /** Redis's records and the archive's, merged by place (Redis keeps the recent ones, the archive every one moved). */
  async readAudit(query: AuditQuery): Promise<AuditEntry[]> {
    const [recent, archived] = await Promise.all([this.redis.readAudit(query), this.history.readAudit(query)]);
    const bySeq = new Map<number, AuditEntry>();
    for (const e of archived) bySeq.set(e.seq, e);
    for (const e of recent) bySeq.set(e.seq, e);
    const sorted = [...bySeq.values()].sort((a, b) => (query.newestFirst ? b.seq - a.seq : a.seq - b.seq));
    return sorted.slice(0, query.limit);
  }

  /**
   * Copies every audit record not archived yet to PostgreSQL, then drops from Redis the leading run
   * of records `expired` says are past keeping there (QMS_AUDIT_KEEP_DAYS): a record leaves Redis
   * only once the archive holds it. How many left Redis.
   */
  async archiveAudit(expired: (entry: AuditEntry) => boolean): Promise<number> {
    let archived = await this.history.lastArchivedAudit();
    for (;;) {
      const page = await this.redis.readAudit({ after: archived, limit: PAGE });
      if (page.length === 0) break;
      await this.history.archiveAudit(page);
      archived = page[page.length - 1]!.seq;
    }
    let through = 0;
    for (;;) {
      const page = await this.redis.readAudit({ after: through, limit: PAGE });
      const run = page.findIndex((e) => e.seq > archived || !expired(e));
      const leaving = run < 0 ? page : page.slice(0, run);
      if (leaving.length > 0) through = leaving[leaving.length - 1]!.seq;
      if (run >= 0 || page.length < PAGE) break;
    }
    return through > 0 ? this.redis.trimAudit(through) : 0;
  }

  putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.redis.putIfAbsent(key, value, ttlMs);
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  getMany(keys: readonly string[]): Promise<Array<string | null>> {
    return this.redis.getMany(keys);
  }

  take(key: string): Promise<string | null> {
    return this.redis.take(key);
  }

  hit(key: string, windowMs: number): Promise<number> {
    return this.redis.hit(key, windowMs);
  }

  putRecord(collection: string, id: string, value: string): Promise<void> {
    return this.redis.putRecord(collection, id, value);
  }

  deleteRecords(collection: string, ids: readonly string[]): Promise<void> {
    return this.redis.deleteRecords(collection, ids);
  }

  listRecords(collection: string): Promise<Array<{ id: string; value: string }>> {
    return this.redis.listRecords(collection);
  }

  readDoc(key: string): Promise<ConfigDoc | null> {
    return this.redis.readDoc(key);
  }

  listDocs(prefix: string): Promise<ConfigDoc[]> {
    return this.redis.listDocs(prefix);
  }

  writeDoc(key: string, expectedVersion: number, value: string, by: ChangeAuthor): Promise<WriteDocResult> {
    return this.redis.writeDoc(key, expectedVersion, value, by);
  }

  createDocs(docs: ReadonlyArray<{ key: string; value: string }>, by: ChangeAuthor): Promise<string[]> {
    return this.redis.createDocs(docs, by);
  }

  docChanges(query: { prefix?: string; since?: number; until?: number; limit?: number }): Promise<DocChange[]> {
    return this.redis.docChanges(query);
  }

  subscribeDocs(listener: (notice: DocNotice) => void): () => void {
    return this.redis.subscribeDocs(listener);
  }

  replication(): ReplicationState | null {
    return this.redis.replication();
  }

  memory(): Promise<{ usedBytes: number; maxBytes: number }> {
    return this.redis.memory();
  }

  async ping(): Promise<void> {
    await Promise.all([this.redis.ping(), this.history.ping()]);
  }

  async close(): Promise<void> {
    await this.redis.close();
    await this.history.close();
  }
}
