/**
 * The store contract: an append-only log of events per hall and day, appended at an expected
 * version. Stores know nothing of queues; every rule lives in `server/domain`.
 */
import type { HallEvent } from '../domain/events';

/** One hall's log for one local day. */
export interface StreamId {
  hallId: string;
  day: string;
}

/** `ok: false` means another writer appended first; `version` is then the stream's current version. */
export type AppendResult = { ok: true; version: number } | { ok: false; version: number };

/** Told after any append to any stream, by this process or (Redis) another one. */
export interface AppendNotice {
  hallId: string;
  day: string;
  version: number;
}

/** A versioned configuration document: JSON text, changed only by compare-and-set. */
export interface ConfigDoc {
  key: string;
  /** 1 after the first write, +1 each write. */
  version: number;
  value: string;
}

export interface ChangeAuthor {
  /** The account that changed it (`system` for an import at start). */
  by: string;
  /** Epoch ms; the caller's clock, so tests can pin it. */
  at: number;
}

/** One recorded write: the document before (null when created) and after. */
export interface DocChange extends ChangeAuthor {
  key: string;
  version: number;
  before: string | null;
  after: string;
}

/** `ok: false` means the document was not at the expected version; `version` is its current one. */
export type WriteDocResult = { ok: true; version: number } | { ok: false; version: number };

export interface DocNotice {
  key: string;
  version: number;
}

/** One record of the audit trail as the store holds it: its place (1, 2, 3, …) and its text, opaque to the store. */
export interface AuditEntry {
  seq: number;
  record: string;
}

/** Entries with `after < seq < before`, oldest first (or newest first), at most `limit`. */
export interface AuditQuery {
  after?: number;
  before?: number;
  limit: number;
  newestFirst?: boolean;
}

/** A stored rollup as the store holds it: UTF-8 bytes, or text. */
export type RollupData = Uint8Array | string;

export interface EventStore {
  readonly kind: 'redis' | 'embedded';
  /**
   * Appends `events` (versions `expectedVersion + 1 …`) only if the stream is at `expectedVersion`;
   * atomic: either all land or none.
   */
  append(stream: StreamId, expectedVersion: number, events: readonly HallEvent[]): Promise<AppendResult>;
  /** Events with version > `afterVersion`, in order. */
  read(stream: StreamId, afterVersion?: number): Promise<HallEvent[]>;
  /** The stream's current version (0 when empty). */
  version(stream: StreamId): Promise<number>;
  /**
   * Resolves once the stream's events up to `version` are as safe as an acknowledged append (a
   * replicated store: held by the replicas it waits for); rejects (StoreUnconfirmedError, or
   * unavailable when they are gone) otherwise. Absent where every stored event is already safe.
   */
  confirm?(stream: StreamId, version: number): Promise<void>;
  /** The days a hall has events for, ascending. */
  days(hallId: string): Promise<string[]>;
  subscribe(listener: (notice: AppendNotice) => void): () => void;
  /**
   * The stored summaries (rollups) of a hall's closed days (or months: `days` are keys such as
   * `2026-11-25` or `2026-11`), as written (opaque text to the store), in the order of `days`;
   * null for one without.
   */
  readRollups(hallId: string, days: readonly string[]): Promise<Array<string | null>>;
  /**
   * The same rollups as `readRollups`, left as the store holds them: UTF-8 bytes where it has them
   * without decoding (a file, Redis), text otherwise. Reports hand them to the report thread, which
   * decodes and parses them, so a year of rollups is not decoded on the server's thread.
   */
  readRollupsRaw(hallId: string, days: readonly string[]): Promise<Array<RollupData | null>>;
  /** Stores a closed day's (or month's) rollup, replacing any earlier one (a rebuild). */
  writeRollup(hallId: string, day: string, value: string): Promise<void>;
  /** Stores `value` under `key` for `ttlMs` unless the key exists; true if stored. */
  putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  /**
   * Several `get`s in one round trip (one command where the keys may share it), in order: a
   * request's checks before its handler (sign-out, a saved first answer) cost one trip, not two.
   */
  getMany(keys: readonly string[]): Promise<Array<string | null>>;
  /** Reads and deletes `key` in one atomic step: of two callers at most one gets the value (single-use codes). */
  take(key: string): Promise<string | null>;
  /** Counts a hit in a fixed window of `windowMs` and returns the count so far. */
  hit(key: string, windowMs: number): Promise<number>;
  /**
   * Keyed records of a collection (e.g. webhook deliveries waiting or dead-lettered): durable like
   * documents, but overwritten and deleted freely, without a change history, so a busy collection
   * stays as small as its owner keeps it.
   */
  putRecord(collection: string, id: string, value: string): Promise<void>;
  deleteRecords(collection: string, ids: readonly string[]): Promise<void>;
  /** Every record of the collection (any order). */
  listRecords(collection: string): Promise<Array<{ id: string; value: string }>>;
  /** A configuration document (a hall's, an account's), or null when it was never written. */
  readDoc(key: string): Promise<ConfigDoc | null>;
  /** Every document whose key starts with `prefix`, ordered by key. */
  listDocs(prefix: string): Promise<ConfigDoc[]>;
  /**
   * Writes a document only if it is at `expectedVersion` (0: it must not exist yet), and records the
   * change (who, when, before → after) in the same atomic step; every node's subscribers are told.
   */
  writeDoc(key: string, expectedVersion: number, value: string, by: ChangeAuthor): Promise<WriteDocResult>;
  /**
   * Creates each document that does not exist yet (version 1, recorded like `writeDoc`) and leaves
   * the others alone; the keys it created. For seeding many documents at start in one step.
   */
  createDocs(docs: ReadonlyArray<{ key: string; value: string }>, by: ChangeAuthor): Promise<string[]>;
  /** Recorded changes, oldest first: of documents whose key starts with `prefix`, at or after `since` (epoch ms). */
  docChanges(query: { prefix?: string; since?: number; until?: number; limit?: number }): Promise<DocChange[]>;
  /** Told after any document write, by this process or (Redis) another one. */
  subscribeDocs(listener: (notice: DocNotice) => void): () => void;
  /**
   * Appends records to the deployment's one audit trail only if its last record is at `expected`
   * (0: empty); they take places `expected + 1 …`. Atomic like `append`: of two nodes racing, one
   * wins and the other learns the current place and chains again.
   */
  appendAudit(expected: number, records: readonly string[]): Promise<AppendResult>;
  /** Audit entries as `query` asks (see AuditQuery); what a tiered store moved to its archive included. */
  readAudit(query: AuditQuery): Promise<AuditEntry[]>;
  /** Resolves when the store answers; rejects fast when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The store could not be reached or failed; the request gets 503 store_unavailable. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * The write reached the Redis primary but fewer replicas than `QMS_REDIS_WAIT_REPLICAS` confirmed it
 * within `QMS_REDIS_WAIT_MS`: it must not be acknowledged (a failover now would lose it), so the
 * request gets 503 store_unconfirmed and nothing is printed. A kind of unavailability: code that
 * only knows StoreUnavailableError treats it as one.
 */
export class StoreUnconfirmedError extends StoreUnavailableError {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnconfirmedError';
  }
}
