/**
 * Which ticket a window calls next.
 *
 * Order of classes: urgent (特事特办) > transferred-in (联办) > appointment > priority (绿色通道) and
 * aged walk-ins > normal. Within a class, whoever joined the queue first.
 *
 * Fairness, so that priority tickets cannot starve walk-ins:
 * - a normal ticket waiting `agingMinutes` or more is called as a priority ticket ("aged");
 * - at most `maxPreferredInARow` appointment/priority calls in a row at one window while a normal
 *   ticket waits for it; the next call then takes the longest-waiting normal ticket.
 * Urgent and transferred tickets are exempt: they neither count towards nor reset the streak.
 */
import type { QueueClass } from './events';
import type { HallState, QueuePolicy, TicketState, WindowState } from './types';
import { areaOrder, firstInLine, placeInQueue, WALK_IN } from './queue-order';

const CLASS_RANK: Record<QueueClass, number> = {
  urgent: 0,
  transferred: 1,
  appointment: 2,
  priority: 3,
  aged: 3,
  normal: 4,
};

/** The class a waiting ticket is in at `now`. */
export function queueClassOf(ticket: TicketState, now: number, policy: QueuePolicy): QueueClass {
  if (ticket.priority === 'urgent') return 'urgent';
  if (ticket.transferredFrom !== null) return 'transferred';
  if (ticket.priority === 'appointment') return 'appointment';
  if (ticket.priority === 'priority') return 'priority';
  if (now - ticket.queuedAt >= policy.agingMinutes * 60_000) return 'aged';
  return 'normal';
}

/** Classes that jump ahead of walk-ins and so count towards the fairness streak. */
export function isPreferred(c: QueueClass): boolean {
  return c === 'appointment' || c === 'priority';
}

/** Walk-in classes: calling one ends a preferred streak. */
function isWalkIn(c: QueueClass): boolean {
  return c === 'normal' || c === 'aged';
}

interface Candidate {
  ticket: TicketState;
  cls: QueueClass;
}

/**
 * Negative when `a` is called before `b`; 0 for tickets equal in every field (they share a place).
 * Between two such tickets of one area the kept order (`queue-order.ts`) calls the smaller id first.
 */
function compare(a: Candidate, b: Candidate): number {
  return (
    CLASS_RANK[a.cls] - CLASS_RANK[b.cls] ||
    a.ticket.queuedAt - b.ticket.queuedAt ||
    a.ticket.issuedAt - b.ticket.issuedAt ||
    a.ticket.seq - b.ticket.seq ||
    (a.ticket.areaId < b.ticket.areaId ? -1 : a.ticket.areaId > b.ticket.areaId ? 1 : 0)
  );
}

/**
 * The areas a window chooses among now: all its areas (`longest-wait`), or its first area with
 * anyone waiting (`primary-first`). Only the tickets in these wait for the window now.
 */
function areasFor(state: HallState, window: WindowState): readonly string[] {
  if (window.selection === 'longest-wait') return window.areaIds;
  const first = window.areaIds.find((a) => (state.waiting.get(a)?.size ?? 0) > 0);
  return first === undefined ? [] : [first];
}

/**
 * Whether a walk-in (a normal or aged ticket) waits for `window` at `now`: one is queued in an area
 * the window chooses among now. This is what the fairness streak counts against, whether the
 * window calls the next ticket or one by its number.
 */
function walkInWaitsFor(state: HallState, window: WindowState, _now: number): boolean {
  // Walk-ins (normal or aged) are one of each area's kept orders: no scan.
  for (const areaId of areasFor(state, window)) if (areaOrder(state, areaId).classes[WALK_IN]!.size > 0) return true;
  return false;
}

/**
 * The window's preferred streak once it calls a ticket of class `cls` at `now`: a walk-in ends it;
 * a preferred ticket lengthens it while a walk-in waits for the window, else starts over; urgent
 * and transferred tickets leave it as it is.
 */
export function streakAfterCall(state: HallState, window: WindowState, cls: QueueClass, now: number): number {
  return nextStreak(window.preferredStreak, cls, () => walkInWaitsFor(state, window, now));
}

/** The streak rule itself, for a real call (above) and for the calls `nextCalls` plays forward. */
function nextStreak(streak: number, cls: QueueClass, walkInWaits: () => boolean): number {
  if (isWalkIn(cls)) return 0;
  if (isPreferred(cls)) return walkInWaits() ? streak + 1 : 0;
  return streak;
}

/**
 * The fairness rule: the best candidate is called, unless it is preferred and the window has
 * called `maxPreferredInARow` preferred tickets in a row while a walk-in waited; then the first walk-in.
 */
function fairPick(top: Candidate, topWalkIn: Candidate | undefined, streak: number, policy: HallState['config']['policy']): Candidate {
  return isPreferred(top.cls) && streak >= policy.maxPreferredInARow && topWalkIn ? topWalkIn : top;
}

/**
 * The ticket a window calls next, or null when nobody is waiting for it. From each of its areas'
 * kept orders (`queue-order.ts`) only the first of each class is a candidate — the best overall is
 * among them, and the best walk-in is the first walk-in — so a call reads O(areas × log n) entries,
 * however long the queues.
 */
export function chooseNext(state: HallState, window: WindowState, now: number): TicketState | null {
  const policy = state.config.policy;
  let top: Candidate | undefined;
  let topWalkIn: Candidate | undefined;
  for (const areaId of areasFor(state, window)) {
    const classes = areaOrder(state, areaId).classes;
    for (let k = 0; k < classes.length; k++) {
      const ticket = classes[k]!.first();
      if (!ticket) continue;
      const c: Candidate = { ticket, cls: queueClassOf(ticket, now, policy) };
      if (!top || compare(c, top) < 0) top = c;
      if (k === WALK_IN && (!topWalkIn || compare(c, topWalkIn) < 0)) topWalkIn = c;
    }
  }
  if (!top) return null;
  return fairPick(top, topWalkIn, window.preferredStreak, policy).ticket;
}

/**
 * How many waiting tickets of the same area will be called before this one, by class and queue
 * time. An estimate: it leaves out the fairness streak and windows shared with other areas.
 * Runs for every ticket shown, so it reads the area's kept order: O(log n) (`queue-order.ts`).
 */
export function ticketsAhead(state: HallState, ticket: TicketState, now: number): number {
  if (ticket.status !== 'waiting') return 0;
  if (!state.waiting.get(ticket.areaId)?.has(ticket.id)) return 0;
  return placeInQueue(state, ticket, now);
}

/** An area's waiting tickets in the order they would be called (class, then queue time), leaving out the fairness streak. */
export function sortedQueue(state: HallState, areaId: string, now: number): TicketState[] {
  const policy = state.config.policy;
  const queue: Candidate[] = [];
  for (const id of state.waiting.get(areaId) ?? []) {
    const ticket = state.tickets.get(id)!;
    queue.push({ ticket, cls: queueClassOf(ticket, now, policy) });
  }
  return queue.sort(compare).map((c) => c.ticket);
}

/**
 * `ticketsAhead` for every waiting ticket of an area at once, by sorting the area: the definition
 * the kept order (`queue-order.ts`) is checked against in tests. Not for the hot path: it costs
 * O(n log n) per call; read `ticketsAhead` or `firstInLine` there.
 */
export function ticketsAheadInArea(state: HallState, areaId: string, now: number): Map<string, number> {
  const policy = state.config.policy;
  const queue: Candidate[] = [];
  for (const id of state.waiting.get(areaId) ?? []) {
    const ticket = state.tickets.get(id)!;
    queue.push({ ticket, cls: queueClassOf(ticket, now, policy) });
  }
  queue.sort(compare);
  const ahead = new Map<string, number>();
  let firstOfTie = 0;
  for (let i = 0; i < queue.length; i++) {
    if (i > 0 && compare(queue[i - 1]!, queue[i]!) !== 0) firstOfTie = i;
    ahead.set(queue[i]!.ticket.id, firstOfTie);
  }
  return ahead;
}

/**
 * The next `n` tickets `window` would call, in order, if nobody else called and nobody new came:
 * `chooseNext` repeated with the fairness streak carried on. The next `n` calls can only come from
 * each area's first `n` in call order and its first `n` walk-ins, so only those are read from the
 * kept orders (`queue-order.ts`): O(areas × n log n), however long the queues (`n` ≤ 10, the
 * counter's 下一位 list).
 */
export function nextCalls(state: HallState, window: WindowState, now: number, n: number): Array<{ ticket: TicketState; cls: QueueClass }> {
  const policy = state.config.policy;
  const out: Array<{ ticket: TicketState; cls: QueueClass }> = [];
  if (n <= 0) return out;
  const lines = new Map<string, { inLine: TicketState[]; walkIns: TicketState[]; left: number }>();
  for (const areaId of window.areaIds) {
    const order = areaOrder(state, areaId);
    const walkIns: TicketState[] = [];
    if (walkIns.length < n) for (const t of order.classes[WALK_IN]!.inOrder()) if (walkIns.push(t) >= n) break;
    lines.set(areaId, { inLine: firstInLine(state, areaId, now, n).map(([t]) => t), walkIns, left: order.size });
  }
  const taken = new Set<string>();
  const firstLeft = (list: TicketState[]) => list.find((t) => !taken.has(t.id));
  let streak = window.preferredStreak;
  while (out.length < n) {
    const first = window.areaIds.find((a) => lines.get(a)!.left > 0);
    const areas = window.selection === 'longest-wait' ? window.areaIds : first === undefined ? [] : [first];
    let top: Candidate | undefined;
    let topWalkIn: Candidate | undefined;
    for (const areaId of areas) {
      const line = lines.get(areaId)!;
      const t = firstLeft(line.inLine);
      if (t) {
        const c: Candidate = { ticket: t, cls: queueClassOf(t, now, policy) };
        if (!top || compare(c, top) < 0) top = c;
      }
      const w = firstLeft(line.walkIns);
      if (w) {
        const c: Candidate = { ticket: w, cls: queueClassOf(w, now, policy) };
        if (!topWalkIn || compare(c, topWalkIn) < 0) topWalkIn = c;
      }
    }
    if (!top) break;
    const pick = fairPick(top, topWalkIn, streak, policy);
    // A walk-in other than the pick still waits when one was found.
    streak = nextStreak(streak, pick.cls, () => topWalkIn !== undefined && topWalkIn !== pick);
    taken.add(pick.ticket.id);
    lines.get(pick.ticket.areaId)!.left--;
    out.push(pick);
  }
  return out;
}
