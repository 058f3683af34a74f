/**
 * Long work (a year of day rollups) done in slices: `pause()` gives the event loop back once the
 * current slice has run for `sliceMs`, so tickets keep being issued while a report is made.
 */
export class TimeSlice {
  private started = performance.now();

  constructor(private readonly sliceMs = 4) {}

  /** Yields to the event loop (timers, sockets, other requests) when this slice has had its time. */
  async pause(): Promise<void> {
    if (performance.now() - this.started < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}

/** Gives the event loop a turn (timers, sockets) before going on. */
export function yieldToLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
