/**
 * Calls in order, never over each other: one FIFO per hall and zone. A call waits until the one
 * before it in its zone has been said; zones of a hall (and halls) speak independently. A recall is
 * queued like a new call, so it is said again after whatever was called before it.
 */
import type { Announcer, SpokenCall } from './announcer';

/** A call waiting its turn; its audio may still be being synthesised. */
export type QueuedCall = Omit<SpokenCall, 'wav'> & { audio: Promise<Buffer> };

interface Line {
  calls: QueuedCall[];
  busy: boolean;
}

export class AnnouncementQueue {
  private readonly lines = new Map<string, Line>();
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    private readonly announcer: Announcer,
    /** A call that could not be synthesised or said is reported here and skipped; the line goes on. */
    private readonly onError: (err: unknown, call: QueuedCall) => void,
  ) {}

  push(call: QueuedCall): void {
    // Its failure is reported when its turn comes; until then it must not count as unhandled.
    call.audio.catch(() => {});
    const key = `${call.hallId}/${call.zone}`;
    let line = this.lines.get(key);
    if (!line) this.lines.set(key, (line = { calls: [], busy: false }));
    line.calls.push(call);
    if (!line.busy) void this.drain(line);
  }

  /** Calls waiting (not yet being said) in a hall's zone. */
  waiting(hallId: string, zone: string): number {
    return this.lines.get(`${hallId}/${zone}`)?.calls.length ?? 0;
  }

  /** Resolves when every zone has said everything queued. */
  idle(): Promise<void> {
    if ([...this.lines.values()].every((l) => !l.busy)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(line: Line): Promise<void> {
    line.busy = true;
    for (let call = line.calls.shift(); call; call = line.calls.shift()) {
      try {
        const { audio, ...rest } = call;
        await this.announcer.announce({ ...rest, wav: await audio });
      } catch (err) {
        this.onError(err, call);
      }
    }
    line.busy = false;
    if ([...this.lines.values()].every((l) => !l.busy)) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
