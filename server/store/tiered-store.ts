/**
 * Redis in front of the history store (PostgreSQL), behind the one store contract: everything is
 * Redis's, except that a day whose raw events left Redis (trimmed, after being archived) is read
 * from the archive, and rollups are written to both and read from Redis first. Every reader of a
 * day's events (the trail, follow-ups, rollup rebuilds, reports) goes through `read`, so none of
 * them knows which tier holds the day.
 */
import type { HallEvent } from '../domain/events';
import type {
  AppendNotice,
  AppendResult,
  ChangeAuthor,
  ConfigDoc,
  DocChange,
  DocNotice,
  EventStore,
  StreamId,
  WriteDocResult,
} from './event-store';
import type { HistoryStore } from './history-store';
import { PAGE, type RedisEventStore } from './redis-store';

export class TieredEventStore implements EventStore {
  readonly kind = 'redis' as const;

  constructor(
    readonly redis: RedisEventStore,
    readonly history: HistoryStore,
  ) {}

  append(stream: StreamId, expectedVersion: number, events: readonly HallEvent[]): Promise<AppendResult> {
    return this.redis.append(stream, expectedVersion, events);
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

  async writeRollup(hallId: string, day: string, value: string): Promise<void> {
    await this.history.writeRollup(hallId, day, value);
    await this.redis.writeRollup(hallId, day, value);
  }

  putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.redis.putIfAbsent(key, value, ttlMs);
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
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

  async ping(): Promise<void> {
    await Promise.all([this.redis.ping(), this.history.ping()]);
  }

  async close(): Promise<void> {
    await this.redis.close();
    await this.history.close();
  }
}
