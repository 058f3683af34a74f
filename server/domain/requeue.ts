/**
 * 过号重排: a citizen who missed their call re-joins their area's queue, keeping their number.
 *
 * The rule: the ticket goes behind `requeueBehind` waiting citizens of its area, counted in the
 * area's call order at the moment of the re-queue (fewer waiting: behind all of them). Its class
 * still applies afterwards (a priority ticket stays ahead of walk-ins, an urgent one arriving later
 * still goes first). At most `maxRequeues` per ticket, on the day it was issued, within
 * `requeueWithinMinutes` of being marked absent.
 */
import { firstInLine } from './queue-order';
import type { HallState, QueuePolicy, TicketState } from './types';

export interface RequeueSettings {
  requeueBehind: number;
  maxRequeues: number;
  requeueWithinMinutes: number;
}

export const REQUEUE_DEFAULTS: RequeueSettings = { requeueBehind: 3, maxRequeues: 1, requeueWithinMinutes: 60 };

/** The hall policy's re-queue settings, defaults for what it leaves out. */
export function requeueSettings(policy: QueuePolicy): RequeueSettings {
  return {
    requeueBehind: policy.requeueBehind ?? REQUEUE_DEFAULTS.requeueBehind,
    maxRequeues: policy.maxRequeues ?? REQUEUE_DEFAULTS.maxRequeues,
    requeueWithinMinutes: policy.requeueWithinMinutes ?? REQUEUE_DEFAULTS.requeueWithinMinutes,
  };
}

export type RequeueRefusal = 'not_no_show' | 'requeue_limit' | 'requeue_expired';

/** Why `ticket` may not re-join the queue at `now`, or null when it may. */
export function requeueRefusal(ticket: TicketState, now: number, settings: RequeueSettings): RequeueRefusal | null {
  if (ticket.status !== 'no_show') return 'not_no_show';
  if (ticket.requeues >= settings.maxRequeues) return 'requeue_limit';
  if (ticket.noShowAt === null || now - ticket.noShowAt > settings.requeueWithinMinutes * 60_000) return 'requeue_expired';
  return null;
}

/**
 * Whether an end of the ticket (served, absent, cancelled) is its first: a re-queued ticket already
 * ended once, as a no-show, so a count of tickets by how they ended counts it once, not twice.
 */
export function isFirstEnd(ticket: Pick<TicketState, 'requeues'> | undefined): boolean {
  return (ticket?.requeues ?? 0) === 0;
}

/** Where a re-queued ticket goes: its queue time, the waiting ticket it goes just before (null: the end), and how many it is behind. */
export interface RequeuePlace {
  queuedAt: number;
  beforeTicketId: string | null;
  behind: number;
}

/**
 * The place `behind` waiting tickets back in `areaId`'s call order: the ticket takes the queue time
 * of the one it goes before, so it is called after those ahead and before that one and everyone
 * after it (within its class; ties at the same millisecond fall back to the issue time).
 */
export function requeuePlace(state: HallState, areaId: string, behind: number, now: number): RequeuePlace {
  // The first `behind + 1` in line are all it needs: read from the kept order, not a sort of the area.
  const order = firstInLine(state, areaId, now, behind + 1).map(([t]) => t);
  // Behind everyone: after the latest queue time too, so a ticket that joined this very millisecond stays ahead.
  if (order.length <= behind) return { queuedAt: Math.max(now, ...order.map((t) => t.queuedAt + 1)), beforeTicketId: null, behind: order.length };
  const next = order[behind]!;
  return { queuedAt: Math.min(next.queuedAt, now), beforeTicketId: next.id, behind };
}
