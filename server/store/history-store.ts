/**
 * The history store: the archive of closed days (every raw event, once) and of their rollups,
 * behind the primary store (Redis), which keeps only today and a few recent days. A day is
 * archived in one step (all its events and its "archived" mark land together, or none do), so a
 * node dying mid-archive leaves nothing half-written, and archiving a day again adds nothing.
 */
import type { HallEvent } from '../domain/events';
import type { AuditEntry, AuditQuery } from './event-store';

export interface HistoryStore {
  /**
   * Archives a closed day's whole log (versions 1…n, in order). Idempotent: events already there
   * are kept, none is written twice; the day is marked archived in the same transaction.
   */
  archiveDay(hallId: string, day: string, events: readonly HallEvent[]): Promise<void>;
  /** The archived day's events with version > `afterVersion`, in order; empty when not archived. */
  readDay(hallId: string, day: string, afterVersion?: number): Promise<HallEvent[]>;
  /** The number of events of an archived day; null when the day is not (wholly) archived. */
  archivedEvents(hallId: string, day: string): Promise<number | null>;
  /** Whether the day is wholly archived. */
  hasDay(hallId: string, day: string): Promise<boolean>;
  /** The archived days of a hall, ascending. */
  days(hallId: string): Promise<string[]>;
  /** Rollups (day `2026-11-25` or month `2026-11` keys) as written, in the order of `keys`; null for one without. */
  readRollups(hallId: string, keys: readonly string[]): Promise<Array<string | null>>;
  writeRollup(hallId: string, key: string, value: string): Promise<void>;
  /** Keeps audit records for good (they leave Redis after QMS_AUDIT_KEEP_DAYS). Idempotent: a place already held is kept as it is. */
  archiveAudit(entries: readonly AuditEntry[]): Promise<void>;
  /** Archived audit records as `query` asks. */
  readAudit(query: AuditQuery): Promise<AuditEntry[]>;
  /** The place of the last archived audit record (0: none). */
  lastArchivedAudit(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
