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
  /** The days a hall has events for, ascending. */
  days(hallId: string): Promise<string[]>;
  subscribe(listener: (notice: AppendNotice) => void): () => void;
  /** Stores `value` under `key` for `ttlMs` unless the key exists; true if stored. */
  putIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  /** Counts a hit in a fixed window of `windowMs` and returns the count so far. */
  hit(key: string, windowMs: number): Promise<number>;
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
