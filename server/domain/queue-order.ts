/**
 * Each area's waiting tickets kept in call order as they come and go, so a ticket's place in the
 * queue, the next ticket to call and the first few in line are read in O(log n) — never by sorting
 * or scanning the area. `evolve` tells this module of every ticket joining or leaving a queue
 * (`orderJoin` / `orderLeave`); the order of a state is built once from its queues the first time
 * it is asked for (O(n log n), after a load or rebuild), then kept up to date.
 *
 * The call order (`call-policy.ts`): class (urgent > transferred > appointment > priority and aged
 * walk-ins > normal), then queue time, issue time, sequence. Only one thing moves with the clock: a
 * normal ticket becomes "aged" (a priority) once it has waited `agingMinutes`. Walk-ins age in
 * queue-time order, so the aged ones are always a prefix of the walk-ins' order. Each area keeps
 * five order-statistic trees, one per fixed class (urgent, transferred, appointment, priority,
 * walk-in), and a place is a few counts: the classes before, plus the ranks in the own class and,
 * for priority and aged tickets, among the aged prefix of the walk-ins.
 *
 * The trees are treaps with subtree sizes (split/merge), priorities from a seeded generator so the
 * shape, and so the work counted, is the same on every run.
 */
import type { HallState, TicketState } from './types';
import { work } from './work';

/** The class a ticket keeps while it waits (aging aside). */
export type FixedClass = 0 | 1 | 2 | 3 | 4;
export const URGENT = 0,
  TRANSFERRED = 1,
  APPOINTMENT = 2,
  PRIORITY = 3,
  WALK_IN = 4;

export function fixedClassOf(t: TicketState): FixedClass {
  if (t.priority === 'urgent') return URGENT;
  if (t.transferredFrom !== null) return TRANSFERRED;
  if (t.priority === 'appointment') return APPOINTMENT;
  if (t.priority === 'priority') return PRIORITY;
  return WALK_IN;
}

interface Node {
  t: TicketState;
  /** The ordering fields as they were when the ticket joined (a waiting ticket's do not change). */
  queuedAt: number;
  issuedAt: number;
  seq: number;
  id: string;
  pri: number;
  size: number;
  left: Node | null;
  right: Node | null;
}

/** Negative when `a` comes before `b` (same fields as `compare` in call-policy; the id only keeps keys unique). */
function cmpKey(a: Node, b: { queuedAt: number; issuedAt: number; seq: number }): number {
  return a.queuedAt - b.queuedAt || a.issuedAt - b.issuedAt || a.seq - b.seq;
}

function cmpNode(a: Node, b: Node): number {
  return cmpKey(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const size = (n: Node | null): number => (n ? n.size : 0);

function fix(n: Node): Node {
  n.size = 1 + size(n.left) + size(n.right);
  return n;
}

/** Splits into the nodes for which `left` holds (a prefix of the order) and the rest. */
function split(n: Node | null, left: (n: Node) => boolean): [Node | null, Node | null] {
  if (!n) return [null, null];
  work.queueEntriesTouched++;
  if (left(n)) {
    const [a, b] = split(n.right, left);
    n.right = a;
    return [fix(n), b];
  }
  const [a, b] = split(n.left, left);
  n.left = b;
  return [a, fix(n)];
}

function merge(a: Node | null, b: Node | null): Node | null {
  if (!a) return b;
  if (!b) return a;
  work.queueEntriesTouched++;
  if (a.pri > b.pri) {
    a.right = merge(a.right, b);
    return fix(a);
  }
  b.left = merge(a, b.left);
  return fix(b);
}

/** How many nodes lie in the prefix where `before` holds. */
function countWhile(n: Node | null, before: (n: Node) => boolean): number {
  let count = 0;
  while (n) {
    work.queueEntriesTouched++;
    if (before(n)) {
      count += size(n.left) + 1;
      n = n.right;
    } else n = n.left;
  }
  return count;
}

/** One fixed class of one area, in call order. */
class ClassOrder {
  root: Node | null = null;

  get size(): number {
    return size(this.root);
  }

  insert(node: Node): void {
    const [a, b] = split(this.root, (n) => cmpNode(n, node) < 0);
    this.root = merge(merge(a, node), b);
  }

  remove(node: Node): void {
    const [a, rest] = split(this.root, (n) => cmpNode(n, node) < 0);
    const [, b] = split(rest, (n) => n === node);
    this.root = merge(a, b);
  }

  /** Tickets strictly before these fields (ties count as not before, as `ticketsAhead` counts). */
  countBefore(key: { queuedAt: number; issuedAt: number; seq: number }): number {
    return countWhile(this.root, (n) => cmpKey(n, key) < 0);
  }

  /** Tickets that joined the queue at or before `ms`. */
  countQueuedBy(ms: number): number {
    return countWhile(this.root, (n) => n.queuedAt <= ms);
  }

  first(): TicketState | null {
    let n = this.root;
    if (!n) return null;
    while (n.left) {
      work.queueEntriesTouched++;
      n = n.left;
    }
    work.queueEntriesTouched++;
    return n.t;
  }

  /** The tickets in order, touching only those read (and the path to them). */
  *inOrder(): Generator<TicketState> {
    const stack: Node[] = [];
    let n = this.root;
    while (n || stack.length > 0) {
      while (n) {
        stack.push(n);
        n = n.left;
      }
      n = stack.pop()!;
      work.queueEntriesTouched++;
      yield n.t;
      n = n.right;
    }
  }
}

/** An area's waiting tickets, one order per fixed class. */
export class AreaOrder {
  readonly classes: ClassOrder[] = [new ClassOrder(), new ClassOrder(), new ClassOrder(), new ClassOrder(), new ClassOrder()];
  readonly nodes = new Map<string, { node: Node; cls: FixedClass }>();

  get size(): number {
    return this.nodes.size;
  }

  join(t: TicketState, rnd: () => number): void {
    if (this.nodes.has(t.id)) this.leave(t.id);
    const node: Node = { t, queuedAt: t.queuedAt, issuedAt: t.issuedAt, seq: t.seq, id: t.id, pri: rnd(), size: 1, left: null, right: null };
    const cls = fixedClassOf(t);
    this.classes[cls]!.insert(node);
    this.nodes.set(t.id, { node, cls });
  }

  leave(id: string): void {
    const entry = this.nodes.get(id);
    if (!entry) return;
    this.classes[entry.cls]!.remove(entry.node);
    this.nodes.delete(id);
  }
}

interface HallOrders {
  areas: Map<string, AreaOrder>;
  /** Ticket id → the area order it is in. */
  where: Map<string, AreaOrder>;
  rnd: () => number;
}

const orders = new WeakMap<HallState, HallOrders>();

/** Xorshift32: the treaps' priorities, the same sequence on every run. */
function generator(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

function hallOrders(state: HallState): HallOrders {
  let o = orders.get(state);
  if (!o) {
    o = { areas: new Map(), where: new Map(), rnd: generator(0x9e3779b9) };
    orders.set(state, o);
    for (const [areaId, queue] of state.waiting) {
      const area = new AreaOrder();
      for (const id of queue) {
        area.join(state.tickets.get(id)!, o.rnd);
        o.where.set(id, area);
      }
      o.areas.set(areaId, area);
    }
  }
  return o;
}

/** The area's order (built from the state's queues on first use). */
export function areaOrder(state: HallState, areaId: string): AreaOrder {
  const o = hallOrders(state);
  let area = o.areas.get(areaId);
  if (!area) o.areas.set(areaId, (area = new AreaOrder()));
  return area;
}

/** `evolve`: a ticket joined its area's queue (its ordering fields are set). */
export function orderJoin(state: HallState, t: TicketState): void {
  const o = orders.get(state);
  if (!o) return; // not built yet: it will be, from the queues
  let area = o.areas.get(t.areaId);
  if (!area) o.areas.set(t.areaId, (area = new AreaOrder()));
  const was = o.where.get(t.id);
  if (was && was !== area) was.leave(t.id);
  area.join(t, o.rnd);
  o.where.set(t.id, area);
}

/** `evolve`: a ticket left (or was never in) its area's queue. */
export function orderLeave(state: HallState, t: TicketState): void {
  const o = orders.get(state);
  if (!o) return;
  o.where.get(t.id)?.leave(t.id);
  o.where.delete(t.id);
}

/**
 * How many waiting tickets of the ticket's area are called before it at `now` (by class and queue
 * time; the fairness streak left out), in O(log n).
 */
export function placeInQueue(state: HallState, t: TicketState, now: number): number {
  const area = areaOrder(state, t.areaId);
  const [u, tr, ap, pr, walkIn] = area.classes as [ClassOrder, ClassOrder, ClassOrder, ClassOrder, ClassOrder];
  const cls = fixedClassOf(t);
  if (cls === URGENT) return u.countBefore(t);
  if (cls === TRANSFERRED) return u.size + tr.countBefore(t);
  if (cls === APPOINTMENT) return u.size + tr.size + ap.countBefore(t);
  const preferredBefore = u.size + tr.size + ap.size;
  const agedBy = now - state.config.policy.agingMinutes * 60_000;
  if (cls === PRIORITY) {
    // Aged walk-ins share the priority class: those aged and before this ticket.
    return preferredBefore + pr.countBefore(t) + Math.min(walkIn.countQueuedBy(agedBy), walkIn.countBefore(t));
  }
  // A walk-in: every walk-in before it joined earlier, so is aged whenever it is.
  if (t.queuedAt <= agedBy) return preferredBefore + pr.countBefore(t) + walkIn.countBefore(t);
  return preferredBefore + pr.size + walkIn.countBefore(t);
}

/**
 * The first `limit` waiting tickets of an area in call order at `now`, each with how many are
 * before it; touches only those read (and the paths to them).
 */
export function firstInLine(state: HallState, areaId: string, now: number, limit: number): Array<[TicketState, number]> {
  const out: Array<[TicketState, number]> = [];
  if (limit <= 0) return out;
  const area = areaOrder(state, areaId);
  const agedBy = now - state.config.policy.agingMinutes * 60_000;
  const [u, tr, ap, pr, walkIn] = area.classes as [ClassOrder, ClassOrder, ClassOrder, ClassOrder, ClassOrder];
  let prev: TicketState | null = null;
  let prevRank = -1;
  let firstOfTie = 0;
  const push = (t: TicketState, rank: number): boolean => {
    // Tickets equal in every ordering field share a place, as `ticketsAhead` counts.
    if (!prev || prevRank !== rank || prev.queuedAt !== t.queuedAt || prev.issuedAt !== t.issuedAt || prev.seq !== t.seq) firstOfTie = out.length;
    out.push([t, firstOfTie]);
    prev = t;
    prevRank = rank;
    return out.length < limit;
  };
  for (const [order, rank] of [
    [u, 0],
    [tr, 1],
    [ap, 2],
  ] as const) {
    for (const t of order.inOrder()) if (!push(t, rank)) return out;
  }
  // Priority tickets and aged walk-ins, merged by queue time; then the walk-ins not yet aged.
  const ps = pr.inOrder();
  const ws = walkIn.inOrder();
  let p = ps.next();
  let w = ws.next();
  const before = (a: TicketState, b: TicketState) => a.queuedAt - b.queuedAt || a.issuedAt - b.issuedAt || a.seq - b.seq;
  while (!p.done || (!w.done && w.value.queuedAt <= agedBy)) {
    const aged = !w.done && w.value.queuedAt <= agedBy ? w.value : undefined;
    if (!p.done && (!aged || before(p.value, aged) <= 0)) {
      if (!push(p.value, 3)) return out;
      p = ps.next();
    } else {
      // The loop runs on with priority tickets done only while a walk-in is aged: `aged` is set here.
      if (!push(aged!, 3)) return out;
      w = ws.next();
    }
  }
  while (!w.done) {
    if (!push(w.value, 4)) return out;
    w = ws.next();
  }
  return out;
}
