/**
 * A hall's history for reports: closed days as rollups (written once when the day closes, built
 * from the day's events on first need when missing or of another format), today and later days
 * from their live events. Reports over a range read the rollups here and merge them in the report
 * thread (`report-thread.ts`), so a yearly report never holds the event loop.
 */
import { dayRollup, isClosedDay, rollupToJson, type DayRollupJson } from '../domain/day-rollup';
import { DomainError } from '../domain/errors';
import type { HallEvent } from '../domain/events';
import type { HallStats, MergedRollupJson } from '../domain/statistics';
import { addDays } from '../domain/time';
import type { HallConfig } from '../domain/types';
import type { EventStore } from '../store/event-store';
import type { HallService } from './hall-service';
import { monthOffThread, reportOffThread } from './report-thread';
import { parseDayRollup, parseMonthRollup, type MonthText, type ReportAnswer, type ReportJob, type ReportOutput, type RollupText } from './report-work';
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
        each(parseDayRollup(texts[k] ?? null) ?? (await this.rebuild(hallId, chunk[k]!)));
      }
    }
    for (const day of days.filter((d) => d >= today)) {
      await slice.pause();
      each(await this.liveRollup(hallId, day));
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
    const answer = await this.report(hallId, range, today, { kind: 'stats' });
    if (!('stats' in answer)) throw new Error('report thread: no statistics in the answer');
    return answer.stats;
  }

  /**
   * A report over a range of days, answered as `output` asks (the JSON or CSV bytes, the honour
   * board, the statistics). This thread only reads the rollups' texts from the store (and rolls up
   * today from its events); parsing, merging and writing the answer run in the report thread.
   * A stored rollup that is missing or of another format is built here, and the thread asked again.
   */
  async report(hallId: string, range: { from: string; to: string }, today: string, output: ReportOutput): Promise<Exclude<ReportAnswer, { ok: false }>> {
    const config = this.config(hallId);
    const byMonth = new Map<string, string[]>();
    for (const d of await this.daysIn(hallId, range)) {
      const month = d.slice(0, 7);
      byMonth.set(month, [...(byMonth.get(month) ?? []), d]);
    }
    let months: MonthText[] = [];
    const closedDays: string[] = [];
    const built: ReportJob['built'] = { days: [], months: [] };
    for (const [month, days] of byMonth) {
      const first = `${month}-01`;
      const last = addDays(`${addDays(first, 31).slice(0, 7)}-01`, -1);
      if (month < today.slice(0, 7) && range.from <= first && range.to >= last) months.push({ key: month, days, text: null });
      else for (const d of days) if (d < today) closedDays.push(d);
      // Today (and an appointment day ahead) is still changing: from its events, never stored.
      for (const d of days) if (d >= today) built.days.push(await this.liveRollup(hallId, d));
    }
    const monthTexts = await this.readTexts(hallId, months.map((m) => m.key));
    months = months.map((m, i) => ({ ...m, text: monthTexts[i]!.text }));
    let days = await this.readTexts(hallId, closedDays);
    for (let round = 0; ; round++) {
      const answer = await reportOffThread({ config, range, months, days, built, output });
      if (answer.ok) return answer;
      if (round > 0) throw new Error(`rollups still unreadable after being built: ${answer.invalid.join(', ')}`);
      const bad = new Set(answer.invalid);
      for (const m of months) if (bad.has(m.key)) built.months.push(await this.monthRollup(hallId, m.key, m.days, today, true));
      for (const d of days) if (bad.has(d.key)) built.days.push(await this.rebuild(hallId, d.key));
      // The bytes sent were moved to the thread: the good ones are read again.
      months = months.filter((m) => !bad.has(m.key));
      const again = await this.readTexts(hallId, months.map((m) => m.key));
      months = months.map((m, i) => ({ ...m, text: again[i]!.text }));
      days = await this.readTexts(hallId, days.filter((d) => !bad.has(d.key)).map((d) => d.key));
    }
  }

  /** The stored rollup texts of `keys` (days or months), read a chunk at a time. */
  private async readTexts(hallId: string, keys: readonly string[]): Promise<RollupText[]> {
    const out: RollupText[] = [];
    for (let i = 0; i < keys.length; i += READ_CHUNK) {
      const chunk = keys.slice(i, i + READ_CHUNK);
      const texts = await this.deps.store.readRollupsRaw(hallId, chunk);
      chunk.forEach((key, k) => out.push({ key, text: texts[k] ?? null }));
    }
    return out;
  }

  /** A day still changing, rolled up from its events as they are now (not stored). */
  private async liveRollup(hallId: string, day: string): Promise<DayRollupJson> {
    const events = await this.deps.store.read({ hallId, day });
    await yieldToLoop();
    return rollupToJson(dayRollup(this.config(hallId), day, events));
  }

  /**
   * A closed month merged: stored, or built from its days' rollups in the report thread (and
   * stored once every day of it is closed) when missing, of another format, or not of the days
   * the month has now.
   */
  async monthRollup(hallId: string, month: string, days: readonly string[], today: string, rebuild = false): Promise<MergedRollupJson> {
    if (!rebuild) {
      const [text] = await this.deps.store.readRollups(hallId, [month]);
      const stored = parseMonthRollup(text ?? null, days);
      if (stored) return stored;
    }
    const built: DayRollupJson[] = [];
    for (const d of days) if (d >= today) built.push(await this.liveRollup(hallId, d));
    let texts = await this.readTexts(hallId, days.filter((d) => d < today));
    for (let round = 0; ; round++) {
      const answer = await monthOffThread({ config: this.config(hallId), month, days: texts, built });
      if (answer.ok) {
        if (answer.closed) await this.deps.store.writeRollup(hallId, month, answer.text);
        return answer.merged;
      }
      if (round > 0) throw new Error(`rollups still unreadable after being built: ${answer.invalid.join(', ')}`);
      const bad = new Set(answer.invalid);
      for (const d of texts) if (bad.has(d.key)) built.push(await this.rebuild(hallId, d.key));
      // The bytes sent were moved to the thread: the good ones are read again.
      texts = await this.readTexts(hallId, texts.filter((d) => !bad.has(d.key)).map((d) => d.key));
    }
  }
}
