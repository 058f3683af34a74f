/**
 * Work counters of the hot path: how much the server did, counted where it is done, so a test can
 * assert that the work per command follows what changed and who listens — not the hall's size —
 * without a clock (`tests/api/hot-path-work.test.ts`). One set per process (every hall, every app
 * built in it adds to the same counters): a test reads them before and after its own commands.
 * `app.qms.work` is this object. Counting is a few additions; it stays on in production.
 */
export interface WorkCounters {
  /** Public or staff ticket views worked out (`publicTicketView`, `ticketView`). */
  viewsComputed: number;
  /** Queue entries (nodes of an area's order) visited while keeping or reading places in the queue. */
  queueEntriesTouched: number;
  /** Wait-estimate play-outs run (each plays an area's queue out `RUNS` times; cached otherwise). */
  estimatesRun: number;
  /** Messages serialised for sockets: one per broadcast to a room, one per update sent to a phone. */
  messagesSerialised: number;
  /** Time strings formatted (`toLocalIso`). */
  timeStrings: number;
}

export const work: WorkCounters = { viewsComputed: 0, queueEntriesTouched: 0, estimatesRun: 0, messagesSerialised: 0, timeStrings: 0 };

/** A copy of the counters now (to subtract later). */
export function workSnapshot(): WorkCounters {
  return { ...work };
}
