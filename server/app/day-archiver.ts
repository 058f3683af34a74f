/**
 * Moves closed days out of Redis: a day is archived to the history store when it closes (and by a
 * sweep, for days closed elsewhere or before a crash), and its raw events leave Redis once it is
 * older than `keepDays` — only after the archive confirms it holds every one of them. Safe on
 * several nodes at once: archiving is idempotent, and a trim follows a confirmed archive.
 */
import { isClosedDay } from '../domain/day-rollup';
import type { HallEvent } from '../domain/events';
import { addDays, localDate } from '../domain/time';
import type { TieredEventStore } from '../store/tiered-store';
import type { Clock } from './clock';
import type { HallService } from './hall-service';
import { yieldToLoop } from './time-slice';

export interface DayArchiverDeps {
  store: TieredEventStore;
  /** Closed days kept in Redis besides today (QMS_REDIS_KEEP_DAYS). */
  keepDays: number;
  log?: { warn: (obj: object, msg: string) => void; info?: (obj: object, msg: string) => void };
}

/** After a failed sweep, the next try. */
const RETRY_MS = 5000;

export interface SweepResult {
  archived: string[];
  trimmed: string[];
  /** Rollups (days and months) removed from Redis, held by the archive. */
  rollupsMoved: string[];
}

/** A whole closed log: versions 1…n without a gap, the close among them. */
function wholeClosedDay(events: readonly HallEvent[]): boolean {
  return events.length > 0 && events.every((e, i) => e.version === i + 1) && isClosedDay(events);
}

export class DayArchiver {
  private readonly sweeping = new Map<string, Promise<SweepResult>>();

  constructor(private readonly deps: DayArchiverDeps) {}

  /** Archives a closed day from Redis; false when Redis does not hold it whole and closed. */
  async archive(hallId: string, day: string): Promise<boolean> {
    const { redis, history } = this.deps.store;
    if (await history.hasDay(hallId, day)) return true;
    const events = await redis.read({ hallId, day });
    // Empty or cut short: another node trimmed it meanwhile (after archiving it), or it is not closed.
    if (!wholeClosedDay(events)) return false;
    await history.archiveDay(hallId, day, events);
    return true;
  }

  /**
   * Archives the hall's closed days still only in Redis and trims those older than `keepDays`
   * before `today`. One sweep per hall at a time on this node.
   */
  sweep(hallId: string, today: string): Promise<SweepResult> {
    let running = this.sweeping.get(hallId);
    if (!running) {
      running = this.runSweep(hallId, today).finally(() => this.sweeping.delete(hallId));
      this.sweeping.set(hallId, running);
    }
    return running;
  }

  private async runSweep(hallId: string, today: string): Promise<SweepResult> {
    const { redis, history } = this.deps.store;
    const out: SweepResult = { archived: [], trimmed: [], rollupsMoved: [] };
    const trimmed = await redis.trimmedDays(hallId);
    const oldest = addDays(today, -this.deps.keepDays);
    for (const day of await redis.days(hallId)) {
      if (day >= today || trimmed.has(day)) continue;
      await yieldToLoop();
      const wasArchived = await history.hasDay(hallId, day);
      if (!wasArchived) {
        if (!(await this.archive(hallId, day))) continue;
        out.archived.push(day);
      }
      if (day >= oldest) continue;
      // Trim only what the archive confirms whole: its count of the day's events is Redis's.
      const [archivedEvents, version] = await Promise.all([history.archivedEvents(hallId, day), redis.version({ hallId, day })]);
      if (archivedEvents === null || version === 0 || archivedEvents !== version) {
        if (version !== 0) this.deps.log?.warn({ hallId, day, archivedEvents, version }, 'archived day differs from Redis; kept in Redis');
        continue;
      }
      await redis.trimDay(hallId, day);
      out.trimmed.push(day);
    }
    // Their rollups follow them out (and months' rollups never stay): Redis stays flat as days pass.
    out.rollupsMoved = await this.deps.store.trimRollups(hallId);
    return out;
  }

  /**
   * Archives each day this node closes, then sweeps its hall; and sweeps every hall now and every
   * `intervalMs` (days closed by another node, or before a crash). Returns the stop.
   */
  follow(service: HallService, clock: Clock, intervalMs: number): () => void {
    let stopped = false;
    const sweepHall = (hallId: string) => {
      const hall = service.hall(hallId);
      if (!hall || stopped) return;
      this.sweep(hallId, localDate(clock.now(), hall.timezone)).catch((err: unknown) => {
        // PostgreSQL or Redis away for a moment: try again soon rather than at the next sweep.
        this.deps.log?.warn({ err, hallId }, 'history sweep failed; retried in a few seconds');
        setTimeout(() => sweepHall(hallId), RETRY_MS).unref();
      });
    };
    const stopClosings = service.onCommitted((events) => {
      for (const e of events) {
        if (e.type !== 'day.closed') continue;
        this.archive(e.hallId, e.day)
          .catch((err: unknown) => this.deps.log?.warn({ err, hallId: e.hallId, day: e.day }, 'closed day not archived yet; the next sweep archives it'))
          .finally(() => sweepHall(e.hallId));
      }
    });
    const sweepAll = () => {
      for (const hall of service.halls()) sweepHall(hall.id);
    };
    sweepAll();
    const timer = setInterval(sweepAll, intervalMs);
    timer.unref();
    return () => {
      stopped = true;
      stopClosings();
      clearInterval(timer);
    };
  }

  /** Resolves when no sweep is running on this node. */
  async idle(): Promise<void> {
    while (this.sweeping.size > 0) await Promise.allSettled([...this.sweeping.values()]);
  }
}
