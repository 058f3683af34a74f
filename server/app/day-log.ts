/**
 * One hall's log for one local day, and its state: the fold of the log. Commands are decided in
 * batches (group commit): decided one after another in memory, their events appended in one round
 * trip. A version conflict (another node appended first) means: catch up, decide again. Any store
 * failure drops the in-memory state, which is rebuilt on next use, so nothing half-done survives.
 *
 * Acknowledging, with a replicated store (Redis with QMS_REDIS_WAIT_REPLICAS), and what a failover
 * may do to what was not acknowledged — the rule, kept here:
 * - An answer is given only from events the store confirmed safe: our append returned (the store
 *   waited for its replicas), or, for a retry answered from events already in the log, the store's
 *   `confirm` returned. So every number a citizen holds is on a replica before it is printed.
 * - An append the replicas did not confirm (StoreUnconfirmedError) is answered 503 store_unconfirmed
 *   and nothing is printed. Its events are on the primary all the same: this node drops its state
 *   and reads them back like any other node's, so if the primary survives they are real, and a retry
 *   with the same command id finds them and answers the same ticket — after `confirm`. If the
 *   primary dies before replicating them they are gone, and their numbers may be handed out again:
 *   nobody holds a printed ticket with them.
 * - Restoring lost events (`repair`) may put such unconfirmed events back. That is safe: the restore
 *   is one conditional append at exactly the version where the loss begins, so it cannot land once
 *   any node has written since (no number it restores can have been handed out again), it answers
 *   nobody (a retry is still answered only after `confirm`), and restored-but-unanswered tickets are
 *   like requests cut off by a crash. When it cannot land, numbering continues above every number
 *   this node saw (its floors), which leaves gaps, never duplicates. Duplicates could only come from
 *   an acknowledged event that was lost and written over, which the replica confirmation prevents.
 */
import type { Command } from '../domain/commands';
import { decide } from '../domain/decide';
import { isDomainError } from '../domain/errors';
import type { HallEvent } from '../domain/events';
import { evolve, foldEvents, seal } from '../domain/evolve';
import { configApplied, configChangeProblems } from '../domain/config-change';
import type { Actor, CommandOutcome, HallConfig, HallState } from '../domain/types';
import type { CatalogueItem } from '../domain/catalogue';
import type { EventStore } from '../store/event-store';
import { StoreUnavailableError } from '../store/event-store';
import type { Clock } from './clock';
import { raiseNumbering } from '../domain/numbering';
import type { Floors, HighWaterMarks } from '../store/high-water';

export interface CommandRequest<R> {
  command: Command;
  /** The Idempotency-Key (scoped to the user) or a fresh id; a command id acts at most once. */
  commandId: string;
  actor: Actor | null;
  /** Builds the answer from the state right after this command (or its earlier landing). */
  respond: (state: HallState, outcome: CommandOutcome, now: number) => R;
}

export interface CommandJob {
  req: CommandRequest<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export interface DayLogDeps {
  store: EventStore;
  /** Durable number floors outside the store (Redis); absent when the store is the local journal. */
  highWater?: HighWaterMarks;
  log?: { warn: (obj: object, msg: string) => void };
  clock: Clock;
  newId: () => string;
  newCode: () => string;
  alwaysOpen: boolean;
  /** A hall's live catalogue (its enabled items are the services a ticket may name). */
  catalogue?: (hallId: string) => readonly CatalogueItem[] | undefined;
  /** Told of every batch of events appended here, in version order. */
  onCommitted: (events: HallEvent[], state: HallState) => void;
  /**
   * Told of events this node had not seen (another node's appends, or an append of ours whose
   * reply was lost), once folded, in version order. Not for a first load or a rebuild after a
   * failure: those are read whole, and whoever shows them asks for a snapshot.
   */
  onCaughtUp?: (events: HallEvent[], state: HallState) => void;
}

const MAX_CONFLICT_RETRIES = 20;
const NO_OUTCOME: CommandOutcome = { ticketId: null, windowId: null, noticeId: null, appointmentId: null };

type Answer = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A hall's configuration now, and the version of its store document (0: not from the store). */
export interface LiveConfig {
  config: HallConfig;
  version: number;
}

export class DayLog {
  /** Committed events, in version order (`log[i].version === i + 1`). */
  private log: HallEvent[] = [];
  private loaded = false;
  /** The fold of `log` plus, during a batch, the batch's uncommitted events; null when it must be rebuilt. */
  private state: HallState | null = null;
  /** Highest version another node is known to have appended. */
  private knownVersion = 0;
  /** Numbers known to be handed out (durable marks, and what this node saw before a store lost it). */
  private floors: Floors = {};
  /** Versions up to this one are confirmed safe in the store (see the rule above); 0 after a load. */
  private confirmedVersion = 0;

  /**
   * `live` is the hall's configuration now and its document version (0: not from the store, never
   * recorded). With `recordConfig`, the first batch decided under a version the log has not recorded
   * appends `config.applied` first; a closing day does not take the new configuration.
   */
  constructor(
    private readonly live: () => LiveConfig,
    readonly day: string,
    private readonly deps: DayLogDeps,
    private readonly recordConfig = true,
  ) {}

  get config(): HallConfig {
    return this.live().config;
  }

  /** Whether the log has recorded the configuration in force (or has nothing to record). */
  configRecorded(state: HallState): boolean {
    const { version } = this.live();
    return !this.recordConfig || version === 0 || state.closed || state.configVersion >= version;
  }

  /** The `config.applied` event due before the next command, folded into `state`; none if the day refuses it. */
  private configEvents(state: HallState, now: number): HallEvent[] {
    if (this.configRecorded(state)) return [];
    const { config, version } = this.live();
    const problems = configChangeProblems(state, config);
    if (problems.length > 0) {
      // Checked when the change was accepted; a citizen arrived since. Keep deciding under the recorded one.
      this.deps.log?.warn(
        { hallId: config.id, day: this.day, configVersion: version, problems: problems.map((p) => p.message) },
        'configuration not applied to the day yet',
      );
      return [];
    }
    const sealed = seal(state, [configApplied(state, config, version, now)], { commandId: `config:${config.id}:${version}`, actor: null });
    for (const e of sealed) evolve(state, e);
    return sealed;
  }

  /** Committed events this node holds. */
  get length(): number {
    return this.log.length;
  }

  /** Another node appended to this day. */
  noteAppended(version: number): void {
    if (version > this.knownVersion) this.knownVersion = version;
  }

  /** The committed events after `version`. Call after `fresh()`. */
  since(version: number): HallEvent[] {
    return this.log.slice(Math.max(0, version));
  }

  /** The state, loaded, rebuilt after a failure, or caught up with other nodes. */
  async fresh(): Promise<HallState> {
    const stream = { hallId: this.config.id, day: this.day };
    let caughtUp: HallEvent[] = [];
    if (!this.loaded) {
      if (this.deps.highWater) this.floors = maxFloors(this.floors, await this.deps.highWater.read(this.config.id, this.day));
      this.log = await this.deps.store.read(stream);
      this.loaded = true;
      this.confirmedVersion = 0;
      this.knownVersion = Math.max(this.knownVersion, this.log.length);
      this.state = null;
    } else if (this.knownVersion > this.log.length || !this.state) {
      // Another node appended, or our own last append may have landed without our knowing.
      const newer = await this.deps.store.read(stream, this.log.length);
      this.log.push(...newer);
      caughtUp = newer;
      if (this.state && this.state.version + newer.length === this.log.length) {
        for (const e of newer) evolve(this.state, e);
      } else {
        this.state = null;
      }
      this.knownVersion = Math.max(this.knownVersion, this.log.length);
    }
    if (!this.state) {
      this.state = foldEvents(this.config, this.day, this.log);
      // A log that never recorded a configuration was decided under the one in force now.
      if (this.state.configVersion === 0) this.state.configVersion = this.live().version;
      raiseNumbering(this.state.lastSeq, this.floors);
    }
    if (caughtUp.length > 0) this.deps.onCaughtUp?.(caughtUp, this.state);
    return this.state;
  }

  /**
   * The store has fewer events than this node saw committed (Redis came back from an older AOF, or
   * a failover lost writes). Put the lost events back if nobody wrote since; otherwise take the
   * store's history and keep numbering above everything this node saw. The lost events may include
   * writes no replica confirmed (never acknowledged): why restoring them is safe is in the rule at
   * the top of this file.
   */
  private async repair(storeVersion: number): Promise<void> {
    const lost = this.log.slice(storeVersion);
    this.deps.log?.warn({ hallId: this.config.id, day: this.day, storeVersion, lost: lost.length }, 'store lost events; restoring them');
    const seen = foldEvents(this.config, this.day, this.log);
    this.floors = maxFloors(this.floors, Object.fromEntries(seen.lastSeq));
    const result = await this.deps.store.append({ hallId: this.config.id, day: this.day }, storeVersion, lost);
    if (!result.ok) {
      this.deps.log?.warn({ hallId: this.config.id, day: this.day }, 'lost events could not be restored; numbering continues above them');
      this.loaded = false;
    }
    this.state = null;
  }

  /** Writes the durable number marks; false (and a warning) when they could not be written. */
  private async markHighWater(floors: Floors): Promise<boolean> {
    try {
      await this.deps.highWater!.record(this.config.id, this.day, floors);
      return true;
    } catch (err) {
      this.deps.log?.warn({ err, hallId: this.config.id }, 'high-water mark not written');
      return false;
    }
  }

  /** Decides `commands` as one batch; with `configOnly`, records a new configuration even without commands. */
  async runBatch(commands: CommandJob[], configOnly = false): Promise<void> {
    const stream = { hallId: this.config.id, day: this.day };
    for (let attempt = 0; commands.length > 0 || (configOnly && attempt <= MAX_CONFLICT_RETRIES); attempt++) {
      let state: HallState;
      try {
        state = await this.fresh();
      } catch (err) {
        for (const c of commands) c.reject(err);
        return;
      }
      const now = this.deps.clock.now();
      const base = state.version;
      const events: HallEvent[] = this.configEvents(state, now);
      const answers: Answer[] = [];
      /** Some answer comes from events already in the log (a retry), not from this batch's append. */
      let answeredFromLog = false;
      let broken: CommandJob | null = null;
      for (const job of commands) {
        const { req } = job;
        try {
          const landed = state.outcomes.get(req.commandId);
          if (landed) {
            // Already applied (a retry, or our own append whose reply was lost): answer, don't act.
            answers.push({ ok: true, value: req.respond(state, landed, now) });
            answeredFromLog = true;
            continue;
          }
          const pending = decide(state, req.command, {
            now,
            newId: this.deps.newId,
            newCode: this.deps.newCode,
            actor: req.actor,
            alwaysOpen: this.deps.alwaysOpen,
            catalogue: this.deps.catalogue?.(state.config.id),
          });
          const sealed = seal(state, pending, { commandId: req.commandId, actor: req.actor });
          for (const e of sealed) evolve(state, e);
          events.push(...sealed);
          answers.push({ ok: true, value: req.respond(state, state.outcomes.get(req.commandId) ?? NO_OUTCOME, now) });
        } catch (error) {
          if (isDomainError(error)) {
            answers.push({ ok: false, error });
            continue;
          }
          // A bug, not a refusal: the state may be half-changed. Fail this command alone and
          // decide the others again on a state rebuilt from the log.
          job.reject(error);
          broken = job;
          break;
        }
      }
      if (broken) {
        this.state = null;
        commands = commands.filter((c) => c !== broken);
        continue;
      }
      if (events.length === 0) {
        if (answeredFromLog && state.version > this.confirmedVersion && this.deps.store.confirm) {
          // A retry of a write that may never have been confirmed: the same ticket, but only once it is safe.
          try {
            await this.deps.store.confirm(stream, state.version);
            this.confirmedVersion = state.version;
          } catch (err) {
            this.state = null;
            for (const c of commands) c.reject(asStoreError(err));
            return;
          }
        }
        settle(commands, answers);
        return;
      }
      // The batch's numbers are made durable on this node's disk while the store takes the append:
      // both are disk syncs (Redis with appendfsync always), and waiting for one after the other
      // kept the hall's next batch waiting for both. Written before the append lands, a mark may
      // name numbers an append that then fails never handed out: that leaves a gap after a reload,
      // never a number twice. Always waited for before the batch ends, so marks stay in order.
      const floors = this.deps.highWater && events.some((e) => e.type === 'ticket.issued') ? Object.fromEntries(state.lastSeq) : null;
      const marked = floors === null ? null : this.markHighWater(floors);
      // (With events, the append below confirms everything before them too: replication is in order.)
      let result;
      try {
        result = await this.deps.store.append(stream, base, events);
      } catch (err) {
        // Unavailable, or appended but unconfirmed (StoreUnconfirmedError): either way nothing is
        // answered, and the events, if they landed, are read back from the store like another node's.
        await marked;
        this.state = null;
        const error = asStoreError(err);
        for (const c of commands) c.reject(error);
        return;
      }
      // Durable before the number is answered: it may be printed the moment we reply.
      const markWritten = await marked;
      if (result.ok) {
        this.log.push(...events);
        this.confirmedVersion = result.version;
        this.knownVersion = Math.max(this.knownVersion, result.version);
        if (floors !== null && markWritten) this.floors = maxFloors(this.floors, floors);
        settle(commands, answers);
        this.deps.onCommitted(events, state);
        return;
      }
      if (result.version < this.log.length) {
        try {
          await this.repair(result.version);
        } catch (err) {
          this.state = null;
          for (const c of commands) c.reject(asStoreError(err));
          return;
        }
        continue;
      }
      // Someone else appended first: forget what we decided, catch up, decide again.
      this.state = null;
      this.knownVersion = Math.max(this.knownVersion, result.version);
      if (attempt >= MAX_CONFLICT_RETRIES) {
        const error = new StoreUnavailableError(`hall ${this.config.id}: too many concurrent writers`);
        for (const c of commands) c.reject(error);
        return;
      }
    }
  }
}

/** Store failures keep their kind (unavailable, unconfirmed); anything else becomes unavailable. */
function asStoreError(err: unknown): StoreUnavailableError {
  return err instanceof StoreUnavailableError ? err : new StoreUnavailableError(String(err), { cause: err });
}

function maxFloors(a: Floors, b: Floors): Floors {
  const out: Floors = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, v);
  return out;
}

function settle(commands: CommandJob[], answers: Answer[]): void {
  commands.forEach((c, i) => {
    const a = answers[i]!;
    if (a.ok) c.resolve(a.value);
    else c.reject(a.error);
  });
}
