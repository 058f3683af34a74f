/**
 * A hall's history for reports: closed days as rollups (written once when the day closes, built
 * from the day's events on first need when missing or of another format), today and later days
 * from their live events. Reports over a range read the rollups here and merge them in the report
 * thread (`report-thread.ts`), so a yearly report never holds the event loop.
 */
import type { DayRollupJson } from '../domain/day-rollup';
import { DomainError } from '../domain/errors';
import type { HallEvent } from '../domain/events';
import type { HallStats } from '../domain/statistics';
import { addDays } from '../domain/time';
import type { HallConfig } from '../domain/types';
import type { EventStore } from '../store/event-store';
import type { HallService } from './hall-service';
import { dayOffThread, monthOffThread, reportOffThread } from './report-thread';
import { parseDayRollup, type MonthText, type ReportAnswer, type ReportOutput, type RollupText } from './report-work';
import { TimeSlice } from './time-slice';

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
  private readonly building = new Map<string, Promise<string>>();

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
        this.rebuild(e.hallId, e.day).catch((err: unknown) =>
          this.deps.log?.warn({ err, hallId: e.hallId, day: e.day }, 'day rollup not written; it is built on first need'),
        );
      }
    });
  }

  /** Builds a day's rollup from its events (in the report thread) and, if the day is closed, stores it; its text. */
  rebuild(hallId: string, day: string): Promise<string> {
    const key = `${hallId}/${day}`;
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.build(hallId, day).finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  private async build(hallId: string, day: string): Promise<string> {
    return this.rollupText(hallId, day, await this.deps.store.read({ hallId, day }));
  }

  /** The rollup of a day whose `events` are given (its whole log); stored if the day is closed. */
  async rollUp(hallId: string, day: string, events: readonly HallEvent[]): Promise<DayRollupJson> {
    return JSON.parse(await this.rollupText(hallId, day, events)) as DayRollupJson;
  }

  /**
   * A day's events folded into its rollup in the report thread (a busy day held this thread 20–60 ms
   * folding here; copying its events there is about 5 ms), stored if the day is closed.
   */
  private async rollupText(hallId: string, day: string, events: readonly HallEvent[]): Promise<string> {
    const { text, closed } = await dayOffThread({ config: this.config(hallId), day, events: events as HallEvent[] });
    if (closed) await this.deps.store.writeRollup(hallId, day, text);
    return text;
  }

  /**
   * The rollups of the days in `days` (ascending), handed to `each` in order: stored ones for
   * days before `today`, built ones otherwise. Pauses between slices of work (a day's rollup is
   * about 50 KB of JSON, parsed here in half a millisecond).
   */
  async eachRollup(hallId: string, days: readonly string[], today: string, each: (r: DayRollupJson) => void): Promise<void> {
    const slice = new TimeSlice();
    const closed = days.filter((d) => d < today);
    for (let i = 0; i < closed.length; i += READ_CHUNK) {
      const chunk = closed.slice(i, i + READ_CHUNK);
      const texts = await this.deps.store.readRollups(hallId, chunk);
      for (let k = 0; k < chunk.length; k++) {
        await slice.pause();
        each(parseDayRollup(texts[k] ?? null) ?? (JSON.parse(await this.rebuild(hallId, chunk[k]!)) as DayRollupJson));
      }
    }
    for (const day of days.filter((d) => d >= today)) {
      await slice.pause();
      each(JSON.parse(await this.liveRollup(hallId, day)) as DayRollupJson);
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
    const live: RollupText[] = [];
    for (const [month, days] of byMonth) {
      const first = `${month}-01`;
      const last = addDays(`${addDays(first, 31).slice(0, 7)}-01`, -1);
      // A month's rollup keeps figures, not cases: the follow-up list reads days.
      const whole = month < today.slice(0, 7) && range.from <= first && range.to >= last;
      if (whole && output.kind !== 'followUps') months.push({ key: month, days, text: null });
      else for (const d of days) if (d < today) closedDays.push(d);
      // Today (and an appointment day ahead) is still changing: from its events, never stored.
      for (const d of days) if (d >= today) live.push({ key: d, text: await this.liveRollup(hallId, d) });
    }
    const monthTexts = await this.readTexts(
      hallId,
      months.map((m) => m.key),
    );
    months = months.map((m, i) => ({ ...m, text: monthTexts[i]!.text }));
    let days = [...(await this.readTexts(hallId, closedDays)), ...live];
    for (let round = 0; ; round++) {
      const answer = await reportOffThread({ config, range, months, days, output });
      if (answer.ok) return answer;
      if (round > 0) throw new Error(`rollups still unreadable after being built: ${answer.invalid.join(', ')}`);
      const bad = new Set(answer.invalid);
      // The bytes read from the store were moved to the thread: the good ones are read again; the
      // bad ones are built (as text, which is copied, not moved).
      const again = await this.readTexts(
        hallId,
        months.filter((m) => !bad.has(m.key)).map((m) => m.key),
      );
      const read = new Map(again.map((t) => [t.key, t.text]));
      const rebuilt: MonthText[] = [];
      for (const m of months) rebuilt.push({ ...m, text: bad.has(m.key) ? await this.monthRollup(hallId, m.key, m.days, today) : read.get(m.key)! });
      months = rebuilt;
      const stored = await this.readTexts(
        hallId,
        closedDays.filter((d) => !bad.has(d)),
      );
      for (const d of closedDays) if (bad.has(d)) stored.push({ key: d, text: await this.rebuild(hallId, d) });
      days = [...stored, ...live];
    }
  }

  /**
   * The 差评回访 list of the cases rated in `rated`, with their follow-ups up to today, as JSON
   * bytes written in the report thread (a year is thousands of cases).
   */
  async followUps(hallId: string, rated: { from: string; to: string }, today: string, gzip: boolean): Promise<Uint8Array> {
    const answer = await this.report(hallId, { from: rated.from, to: rated.to > today ? rated.to : today }, today, { kind: 'followUps', rated, today, gzip });
    if (!('bytes' in answer)) throw new Error('report thread: no follow-up list in the answer');
    return answer.bytes;
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

  /** A day still changing, rolled up from its events as they are now (in the report thread, not stored): its text. */
  private async liveRollup(hallId: string, day: string): Promise<string> {
    const events = await this.deps.store.read({ hallId, day });
    return (await dayOffThread({ config: this.config(hallId), day, events: events })).text;
  }

  /**
   * A closed month merged from its days' rollups in the report thread (and stored once every day
   * of it is closed): its text. Built when the stored one is missing, of another format, or not of
   * the days the month has now.
   */
  async monthRollup(hallId: string, month: string, days: readonly string[], today: string): Promise<string> {
    const live: RollupText[] = [];
    for (const d of days) if (d >= today) live.push({ key: d, text: await this.liveRollup(hallId, d) });
    const closed = days.filter((d) => d < today);
    let texts = [...(await this.readTexts(hallId, closed)), ...live];
    for (let round = 0; ; round++) {
      const answer = await monthOffThread({ config: this.config(hallId), month, days: texts });
      if (answer.ok) {
        if (answer.closed) await this.deps.store.writeRollup(hallId, month, answer.text);
        return answer.text;
      }
      if (round > 0) throw new Error(`rollups still unreadable after being built: ${answer.invalid.join(', ')}`);
      const bad = new Set(answer.invalid);
      // The bytes sent were moved to the thread: the good ones are read again.
      const stored = await this.readTexts(
        hallId,
        closed.filter((d) => !bad.has(d)),
      );
      for (const d of closed) if (bad.has(d)) stored.push({ key: d, text: await this.rebuild(hallId, d) });
      texts = [...stored, ...live];
    }
  }
}
