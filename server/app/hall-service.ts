/**
 * All halls of a deployment: one runner per hall (halls run in parallel, each hall's commands one
 * after another), and one place that hears about every committed event.
 */
import type { HallEvent } from '../domain/events';
import { DomainError } from '../domain/errors';
import type { HallConfig, HallState } from '../domain/types';
import type { CatalogueItem } from '../domain/catalogue';
import type { EventStore } from '../store/event-store';
import type { HighWaterMarks } from '../store/high-water';
import type { Clock } from './clock';
import { HallRunner, type CommandRequest } from './hall-runner';

export type CommittedListener = (events: HallEvent[], state: HallState) => void;

export interface HallServiceOptions {
  store: EventStore;
  halls: HallConfig[];
  clock: Clock;
  newId: () => string;
  /** Four random digits for appointment codes. */
  newCode: () => string;
  alwaysOpen: boolean;
  /** Durable number floors on this node's disk (with Redis). */
  highWater?: HighWaterMarks;
  log?: { warn: (obj: object, msg: string) => void };
  /** A hall's live catalogue (server/admin/catalogue-store.ts). */
  catalogue?: (hallId: string) => readonly CatalogueItem[] | undefined;
}

/** How often halls check whether their day has turned over (closing the old one promptly). */
const TICK_MS = 30_000;

export class HallService {
  private readonly runners = new Map<string, HallRunner>();
  private readonly retired = new Set<string>();
  private readonly listeners = new Set<CommittedListener>();
  private readonly caughtUpListeners = new Set<CommittedListener>();
  private readonly appendListeners = new Set<(hallId: string, day: string, version: number) => void>();
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly opts: HallServiceOptions) {
    for (const hall of opts.halls) this.runners.set(hall.id, this.newRunner(hall, 0));
    this.unsubscribe = opts.store.subscribe((n) => {
      this.runners.get(n.hallId)?.noteAppended(n.day, n.version);
      for (const l of this.appendListeners) l(n.hallId, n.day, n.version);
    });
    this.timer = setInterval(() => void this.tick().catch(() => undefined), TICK_MS);
    this.timer.unref();
  }

  private newRunner(hall: HallConfig, configVersion: number): HallRunner {
    const { opts } = this;
    return new HallRunner(
      hall,
      {
        store: opts.store,
        clock: opts.clock,
        newId: opts.newId,
        newCode: opts.newCode,
        alwaysOpen: opts.alwaysOpen,
        highWater: opts.highWater,
        log: opts.log,
        catalogue: opts.catalogue,
        onCommitted: (events, state) => {
          for (const l of this.listeners) l(events, state);
        },
        onCaughtUp: (events, state) => {
          for (const l of this.caughtUpListeners) l(events, state);
        },
      },
      configVersion,
    );
  }

  /**
   * A hall's configuration document changed (or was first read): add the hall, or decide its
   * commands under the new configuration from now on, or retire it (it then refuses commands and
   * leaves the lists; its history stays).
   */
  async applyHall(config: HallConfig, version: number, retired: boolean): Promise<void> {
    if (retired) this.retired.add(config.id);
    else this.retired.delete(config.id);
    const runner = this.runners.get(config.id);
    if (!runner) {
      this.runners.set(config.id, this.newRunner(config, version));
      return;
    }
    if (!retired) await runner.setConfig(config, version);
  }

  /** The version of the hall's configuration in force on this node (0: not from the store). */
  configVersion(hallId: string): number {
    return this.runners.get(hallId)?.configVersion ?? 0;
  }

  isRetired(hallId: string): boolean {
    return this.retired.has(hallId);
  }

  /** Whether this node holds the hall's log of `day` up to `version` (nothing to catch up). */
  holds(hallId: string, day: string, version: number): boolean {
    return this.runners.get(hallId)?.holds(day, version) ?? false;
  }

  /** Lets every hall notice a new day now (tests with a simulated clock call this). */
  async tick(): Promise<void> {
    await Promise.all([...this.runners.values()].filter((r) => !this.retired.has(r.config.id)).map((r) => r.tick()));
  }

  get clock(): Clock {
    return this.opts.clock;
  }

  get alwaysOpen(): boolean {
    return this.opts.alwaysOpen;
  }

  /** The halls in service (retired ones leave the lists). */
  halls(): HallConfig[] {
    return [...this.runners.values()].filter((r) => !this.retired.has(r.config.id)).map((r) => r.config);
  }

  /** A hall's configuration, retired or not (a retired hall is known, and refuses commands). */
  hall(hallId: string): HallConfig | undefined {
    return this.runners.get(hallId)?.config;
  }

  /** A retired hall's history stays readable. */
  private known(hallId: string): void {
    if (!this.runners.has(hallId)) throw new DomainError('hall_not_found', `no hall ${hallId}`);
  }

  private runner(hallId: string): HallRunner {
    const r = this.runners.get(hallId);
    if (!r) throw new DomainError('hall_not_found', `no hall ${hallId}`);
    if (this.retired.has(hallId)) throw new DomainError('hall_retired', `hall ${hallId} is retired`);
    return r;
  }

  /** Runs a command on the hall's log of today (or of `day`, e.g. an appointment's date). */
  // Async so an unknown or retired hall is a rejected promise, never a throw a caller's .catch misses.
  async execute<R>(hallId: string, req: CommandRequest<R>, day: string | null = null): Promise<R> {
    return this.runner(hallId).execute(req, day);
  }

  /** Reads the hall's state of today (or of `day`), committed and caught up. */
  async query<R>(hallId: string, fn: (state: HallState, now: number) => R, day: string | null = null): Promise<R> {
    return this.runner(hallId).query(fn, day);
  }

  async eventsSince(hallId: string, version: number): Promise<{ day: string; version: number; events: HallEvent[] }> {
    return this.runner(hallId).eventsSince(version);
  }

  /** All events of a hall on a given local day (any day, from the store), for reports and trails. */
  async history(hallId: string, day: string): Promise<HallEvent[]> {
    this.known(hallId);
    return this.opts.store.read({ hallId, day });
  }

  /** The days a hall has events for, ascending. */
  async days(hallId: string): Promise<string[]> {
    this.known(hallId);
    return this.opts.store.days(hallId);
  }

  /** Listens to every batch of events this process commits; returns the unsubscribe. */
  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Listens to events this process folded but did not commit (another node's, read when a hall is
   * caught up: `query` after an append notice); returns the unsubscribe. With `onCommitted`, every
   * event of a hall's day that this node holds, each once, in version order.
   */
  onCaughtUp(listener: CommittedListener): () => void {
    this.caughtUpListeners.add(listener);
    return () => this.caughtUpListeners.delete(listener);
  }

  /**
   * Hears every append the store announces, this node's and other nodes' (several nodes on one
   * Redis): a listener that needs the new state asks `query`, which catches the hall up.
   */
  onAppended(listener: (hallId: string, day: string, version: number) => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  close(): void {
    clearInterval(this.timer);
    this.appendListeners.clear();
    this.unsubscribe();
    this.listeners.clear();
    this.caughtUpListeners.clear();
  }
}
