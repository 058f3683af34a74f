/**
 * One warn line per refused live connection, with its reason, so an installer sees why a screen
 * shows 连接中断 — but a screen retrying every two seconds must not bury the log: the same refusal
 * (same reason, origin or address, hall) is written at most once a minute, and the next line says
 * how many were left out in between.
 */
import type { FastifyBaseLogger } from 'fastify';

/** How long the same refusal stays quiet after it was written. */
export const REFUSAL_QUIET_MS = 60_000;

/** Past this many remembered refusals the oldest are forgotten (a scan from many addresses must not grow memory). */
const MAX_REMEMBERED = 10_000;

export interface Refusal {
  /** Stable code: origin_mismatch, origin_unreadable, unauthorized, forbidden, not_found, … */
  reason: string;
  hallId?: string | undefined;
  /** The client's address (the proxy's, unless the proxy is trusted). */
  ip?: string | undefined;
  origin?: string | undefined;
  /** Whatever else explains it: the Host seen, the fix, the detail of a token refusal. */
  [key: string]: unknown;
}

export class RefusalLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes `message` at warn (or `level`) unless the same refusal was written within the last minute. */
  refused(refusal: Refusal, message: string, level: 'warn' | 'info' = 'warn'): void {
    const key = [refusal.reason, refusal.origin ?? refusal.ip ?? '', refusal.hallId ?? ''].join('\u0000');
    const now = this.now();
    const seen = this.last.get(key);
    if (seen && now - seen.at < REFUSAL_QUIET_MS) {
      seen.suppressed++;
      return;
    }
    const suppressed = seen?.suppressed ?? 0;
    this.last.delete(key);
    this.last.set(key, { at: now, suppressed: 0 });
    if (this.last.size > MAX_REMEMBERED) this.last.delete(this.last.keys().next().value!);
    this.log[level]({ module: 'realtime', event: 'handshake_refused', ...refusal, ...(suppressed > 0 ? { suppressed } : {}) }, message);
  }
}
