/**
 * An Announcer that keeps what it was asked to say, for tests. With `hold`, each call stays "being
 * said" until the test releases it, so a test can see that the next call waits for the previous one.
 */
import type { Announcer, SpokenCall } from './announcer';

export interface RecordedCall {
  call: SpokenCall;
  /** `performance.now()` when it started and finished. */
  startedAt: number;
  endedAt: number | null;
}

export class RecordingAnnouncer implements Announcer {
  readonly calls: RecordedCall[] = [];
  /** The most calls of one zone said at the same time (1: never over each other). */
  maxOverlap = 0;
  private readonly playing = new Map<string, number>();
  private readonly held: Array<() => void> = [];
  private readonly watchers: Array<{ count: number; resolve: () => void }> = [];

  /** While true, each new call is held until `release()`; a test may switch it as it goes. */
  hold: boolean;

  constructor(opts: { hold?: boolean } = {}) {
    this.hold = opts.hold ?? false;
  }

  async announce(call: SpokenCall): Promise<void> {
    const zone = `${call.hallId}/${call.zone}`;
    const record: RecordedCall = { call, startedAt: performance.now(), endedAt: null };
    this.calls.push(record);
    const now = (this.playing.get(zone) ?? 0) + 1;
    this.playing.set(zone, now);
    this.maxOverlap = Math.max(this.maxOverlap, now);
    for (const w of [...this.watchers]) {
      if (this.calls.length >= w.count) {
        this.watchers.splice(this.watchers.indexOf(w), 1);
        w.resolve();
      }
    }
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    this.playing.set(zone, (this.playing.get(zone) ?? 1) - 1);
    record.endedAt = performance.now();
  }

  /** Lets the oldest held call finish. */
  release(): void {
    this.held.shift()?.();
  }

  /** Calls being said right now. */
  get inProgress(): RecordedCall[] {
    return this.calls.filter((c) => c.endedAt === null);
  }

  /** Resolves once `count` calls have started. */
  started(count: number): Promise<RecordedCall[]> {
    if (this.calls.length >= count) return Promise.resolve(this.calls.slice(0, count));
    return new Promise((resolve) => this.watchers.push({ count, resolve: () => resolve(this.calls.slice(0, count)) }));
  }
}
