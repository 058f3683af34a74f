/**
 * Runs one hall's commands and queries one batch at a time, each against the log of the day it
 * concerns (today, or a future day for an appointment). When the hall's local date turns over, the
 * finished day is closed first (`close-day`): its open tickets are cancelled with a reason and
 * counted, nothing of it is lost, and numbering starts again with the new day's log.
 */
import type { HallEvent } from '../domain/events';
import { localDate } from '../domain/time';
import type { HallConfig, HallState } from '../domain/types';
import { DayLog, type CommandJob, type CommandRequest, type DayLogDeps, type LiveConfig } from './day-log';

export type { CommandRequest } from './day-log';

type QueryJob = { fn: (state: HallState, now: number) => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type RecordJob = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Job = { day: string | null } & ({ kind: 'command'; job: CommandJob } | { kind: 'query'; job: QueryJob } | { kind: 'record'; job: RecordJob });

/** Days other than today kept in memory (appointment days being booked). */
const MAX_OTHER_DAYS = 16;

export class HallRunner {
  private readonly days = new Map<string, DayLog>();
  private today: string | null = null;
  /** A finished day still to be closed (retried until the store takes it). */
  private toClose: string | null = null;
  private jobs: Job[] = [];
  private running = false;
  private live: LiveConfig;
  private readonly liveNow = (): LiveConfig => this.live;

  /** `configVersion`: the version of the hall's store document (0: not from the store). */
  constructor(
    config: HallConfig,
    private readonly deps: DayLogDeps,
    configVersion = 0,
  ) {
    this.live = { config, version: configVersion };
  }

  get config(): HallConfig {
    return this.live.config;
  }

  get configVersion(): number {
    return this.live.version;
  }

  /**
   * A new configuration from the store: from now on commands are decided under it, and today's log
   * records it (`config.applied`) at once, so screens on every node show it without a command.
   */
  async setConfig(config: HallConfig, version: number): Promise<void> {
    if (version <= this.live.version) return;
    const booting = this.live.version === 0;
    this.live = { config, version };
    // At start the store's version is taken as the one today's log was decided under.
    if (booting) return;
    await new Promise<unknown>((resolve, reject) => {
      this.jobs.push({ day: null, kind: 'record', job: { resolve, reject } });
      void this.pump();
    });
  }

  /** Runs a command on today's log, or on `day`'s. */
  execute<R>(req: CommandRequest<R>, day: string | null = null): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.jobs.push({ day, kind: 'command', job: { req, resolve: resolve as (v: unknown) => void, reject } });
      void this.pump();
    });
  }

  /** Runs `fn` on the committed, caught-up state of today (or of `day`). */
  query<R>(fn: (state: HallState, now: number) => R, day: string | null = null): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.jobs.push({ day, kind: 'query', job: { fn, resolve: resolve as (v: unknown) => void, reject } });
      void this.pump();
    });
  }

  /** Today's committed events after `version`, with the day and its current version. */
  eventsSince(version: number): Promise<{ day: string; version: number; events: HallEvent[] }> {
    return this.query((state) => ({ day: state.day, version: state.version, events: this.dayLog(state.day).since(version) }));
  }

  /** Another node appended to this hall. */
  noteAppended(day: string, version: number): void {
    this.days.get(day)?.noteAppended(version);
  }

  /** Whether this node holds `day`'s log up to `version` already (its own append's notice, say). */
  holds(day: string, version: number): boolean {
    return (this.days.get(day)?.length ?? 0) >= version;
  }

  /** Notices a new day (a timer calls this around midnight) and closes the old one. */
  async tick(): Promise<void> {
    await this.query(() => null);
  }

  private dayLog(day: string): DayLog {
    let log = this.days.get(day);
    if (!log) {
      log = new DayLog(this.liveNow, day, this.deps);
      this.days.set(day, log);
      const others = [...this.days.keys()].filter((d) => d !== this.today && d !== day);
      for (const d of others.slice(0, Math.max(0, others.length - MAX_OTHER_DAYS))) this.days.delete(d);
    }
    return log;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.jobs.length > 0) {
        const today = localDate(this.deps.clock.now(), this.config.timezone);
        const jobs = this.jobs.splice(0);
        try {
          await this.turnOver(today);
        } catch (err) {
          for (const j of jobs) j.job.reject(err);
          continue;
        }
        const byDay = new Map<string, Job[]>();
        for (const j of jobs) {
          const d = j.day ?? today;
          if (!byDay.has(d)) byDay.set(d, []);
          byDay.get(d)!.push(j);
        }
        for (const [day, group] of byDay) await this.run(this.dayLog(day), group);
      }
    } finally {
      this.running = false;
    }
  }

  private async run(log: DayLog, group: Job[]): Promise<void> {
    let state: HallState;
    try {
      state = await log.fresh();
    } catch (err) {
      for (const j of group) j.job.reject(err);
      return;
    }
    const now = this.deps.clock.now();
    for (const j of group) {
      if (j.kind !== 'query') continue;
      try {
        j.job.resolve(j.job.fn(state, now));
      } catch (err) {
        j.job.reject(err);
      }
    }
    const commands = group.flatMap((j) => (j.kind === 'command' ? [j.job] : []));
    const records = group.flatMap((j) => (j.kind === 'record' ? [j.job] : []));
    if (commands.length > 0 || records.length > 0) await log.runBatch(commands, records.length > 0);
    for (const r of records) r.resolve(null);
  }

  /**
   * On the first use of a new day: close the previous day that has events (the last one the store
   * knows when this process starts, so a night with the server down still closes it).
   */
  private async turnOver(today: string): Promise<void> {
    if (this.today !== today) {
      const previous = this.today ?? (await this.deps.store.days(this.config.id)).filter((d) => d < today).at(-1) ?? null;
      this.today = today;
      this.toClose = previous;
      for (const d of [...this.days.keys()]) if (d < today) this.days.delete(d);
    }
    if (this.toClose === null) return;
    const day = this.toClose;
    // The finished day closes under the configuration its log recorded.
    const log = new DayLog(this.liveNow, day, this.deps, false);
    await new Promise<void>((resolve, reject) => {
      void log.runBatch([
        {
          req: { command: { type: 'close-day' }, commandId: `close-day:${this.config.id}:${day}`, actor: null, respond: () => null },
          resolve: () => resolve(),
          reject,
        },
      ]);
    });
    this.toClose = null;
  }
}
