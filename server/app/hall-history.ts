/**
 * A hall's history for reports: closed days as rollups (written once when the day closes, built
 * from the day's events on first need when missing or of another format), today and later days
 * from their live events. Reports over a range merge rollups a day at a time, pausing between
 * slices, so a yearly report never holds the event loop.
 */
import { dayRollup, isClosedDay, isCurrentRollup, rollupToJson, type DayRollupJson } from '../domain/day-rollup';
import { DomainError } from '../domain/errors';
import type { HallEvent } from '../domain/events';
import { isCurrentMerged, StatsMerger, type HallStats, type MergedRollupJson } from '../domain/statistics';
import { addDays } from '../domain/time';
import type { HallConfig } from '../domain/types';
import type { EventStore } from '../store/event-store';
import type { HallService } from './hall-service';
import { TimeSlice, yieldToLoop } from './time-slice';

export interface HallHistoryDeps {
  store: EventStore;
  /** A hall's configuration (names, areas, calendar) as it is now. */
  hall: (hallId: string) => HallConfig | undefined;
  log?: { warn: (obj: object, msg: string) => void };
}

/** Rollups read from the store in one request. */
const READ_CHUNK = 31;

export class HallHistory {
  /** Rollups being built, so two reports needing the same missing day build it once. */
  private readonly building = new Map<string, Promise<DayRollupJson>>();

  constructor(private readonly deps: HallHistoryDeps) {}

  private config(hallId: string): HallConfig {
    const config = this.deps.hall(hallId);
    if (!config) throw new DomainError('hall_not_found', `no hall ${hallId}`);
    return config;
  }

  /**
   * Rolls up every day the service closes, once, on the node that closed it. Returns the
   * unsubscribe.
   */
  followClosings(service: HallService): () => void {
    return service.onCommitted((events) => {
      for (const e of events) {
        if (e.type !== 'day.closed') continue;
        this.rebuild(e.hallId, e.day).catch((err: unknown) => this.deps.log?.warn({ err, hallId: e.hallId, day: e.day }, 'day rollup not written; it is built on first need'));
      }
    });
  }

  /** Builds a day's rollup from its events and, if the day is closed, stores it. */
  rebuild(hallId: string, day: string): Promise<DayRollupJson> {
    const key = `${hallId}/${day}`;
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.build(hallId, day).finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  private async build(hallId: string, day: string): Promise<DayRollupJson> {
    return this.rollUp(hallId, day, await this.deps.store.read({ hallId, day }));
  }

  /** The rollup of a day whose `events` are given (its whole log); stored if the day is closed. */
  async rollUp(hallId: string, day: string, events: readonly HallEvent[]): Promise<DayRollupJson> {
    // A busy day is tens of milliseconds of folding and writing: the event loop gets a turn between.
    await yieldToLoop();
    const rollup = rollupToJson(dayRollup(this.config(hallId), day, events));
    await yieldToLoop();
    if (isClosedDay(events)) await this.deps.store.writeRollup(hallId, day, JSON.stringify(rollup));
    return rollup;
  }

  /** A stored rollup as written, or null when there is none, it does not parse, or it has another format. */
  private static parse(text: string | null): DayRollupJson | null {
    if (text === null) return null;
    try {
      const json: unknown = JSON.parse(text);
      return typeof json === 'object' && json !== null && isCurrentRollup(json) ? json : null;
    } catch {
      return null;
    }
  }

  /**
   * The rollups of the days in `days` (ascending), handed to `each` in order: stored ones for
   * days before `today`, built ones otherwise. Pauses between slices of work.
   */
  async eachRollup(hallId: string, days: readonly string[], today: string, each: (r: DayRollupJson) => void): Promise<void> {
    const slice = new TimeSlice();
    const closed = days.filter((d) => d < today);
    for (let i = 0; i < closed.length; i += READ_CHUNK) {
      const chunk = closed.slice(i, i + READ_CHUNK);
      const texts = await this.deps.store.readRollups(hallId, chunk);
      for (let k = 0; k < chunk.length; k++) {
        await slice.pause();
        each(HallHistory.parse(texts[k] ?? null) ?? (await this.rebuild(hallId, chunk[k]!)));
      }
    }
    for (const day of days.filter((d) => d >= today)) {
      await slice.pause();
      // Today (and an appointment day ahead) is still changing: from its events, never stored.
      each(rollupToJson(dayRollup(this.config(hallId), day, await this.deps.store.read({ hallId, day }))));
    }
  }

  /** The days in `range` that have events, ascending. */
  async daysIn(hallId: string, range: { from: string; to: string }): Promise<string[]> {
    return (await this.deps.store.days(hallId)).filter((d) => d >= range.from && d <= range.to);
  }

  /**
   * The statistics of a hall over a range of days, merged from rollups: a whole month before
   * today's from its month rollup (built from its days on first need), other days from theirs.
   */
  async statistics(hallId: string, range: { from: string; to: string }, today: string): Promise<HallStats> {
    const merger = new StatsMerger(this.config(hallId));
    const byMonth = new Map<string, string[]>();
    for (const d of await this.daysIn(hallId, range)) {
      const month = d.slice(0, 7);
      byMonth.set(month, [...(byMonth.get(month) ?? []), d]);
    }
    const slice = new TimeSlice();
    for (const [month, days] of byMonth) {
      const first = `${month}-01`;
      const last = addDays(`${addDays(first, 31).slice(0, 7)}-01`, -1);
      if (month < today.slice(0, 7) && range.from <= first && range.to >= last) {
        merger.addMerged(await this.monthRollup(hallId, month, days, today));
        await slice.pause();
      } else {
        await this.eachRollup(hallId, days, today, (r) => merger.add(r));
      }
    }
    return merger.result(range);
  }

  /**
   * A closed month merged: stored, or built from its days' rollups (and stored once every day of
   * it is closed) when missing, of another format, or not of the days the month has now.
   */
  async monthRollup(hallId: string, month: string, days: readonly string[], today: string, rebuild = false): Promise<MergedRollupJson> {
    if (!rebuild) {
      const [text] = await this.deps.store.readRollups(hallId, [month]);
      try {
        const json: unknown = text ? JSON.parse(text) : null;
        if (typeof json === 'object' && json !== null && isCurrentMerged(json) && json.days.join() === days.join()) return json;
      } catch {
        // unreadable: built again below
      }
    }
    const merger = new StatsMerger(this.config(hallId));
    let closed = true;
    await this.eachRollup(hallId, days, today, (r) => {
      merger.add(r);
      closed &&= r.closed;
    });
    const merged = merger.toJSON(month);
    if (closed) await this.deps.store.writeRollup(hallId, month, JSON.stringify(merged));
    return merged;
  }
}
