/**
 * The hall engine's invariants, checked after every step of the property tests: versions
 * consecutive, numbers unique and consecutive per area, a ticket at one window at most, waiting
 * tickets in exactly their area's queue, one clerk per window, and nothing pointing at an area the
 * configuration no longer has; each area's kept call order holding exactly its waiting tickets, and
 * re-queues within their limit.
 */
import { expect } from 'vitest';
import { areaOrder } from '../../server/domain/queue-order';
import type { Harness } from './hall-harness';

export function checkHallInvariants(h: Pick<Harness, 'state' | 'log'>): void {
  const { state, log } = h;
  // Versions are consecutive from 1.
  log.forEach((e, i) => expect(e.version).toBe(i + 1));
  expect(state.version).toBe(log.length);

  // Numbers are unique, and per area (the one issued for) consecutive from 1.
  const tickets = [...state.tickets.values()];
  expect(new Set(tickets.map((t) => t.number)).size).toBe(tickets.length);
  expect(tickets.length).toBe(log.filter((e) => e.type === 'ticket.issued').length);
  for (const area of new Set(tickets.map((t) => t.originAreaId))) {
    const seqs = tickets
      .filter((t) => t.originAreaId === area)
      .map((t) => t.seq)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  }

  // A ticket is at one window at most, and a window's ticket is called or served there.
  const areaIds = new Set(state.config.areas.map((a) => a.id));
  const held = new Map<string, string>();
  for (const w of state.windows.values()) {
    for (const a of w.areaIds) expect(areaIds.has(a), `window ${w.id} serves area ${a} that is gone`).toBe(true);
    if (w.ticketId === null) continue;
    expect(held.has(w.ticketId), `ticket at two windows`).toBe(false);
    held.set(w.ticketId, w.id);
    const t = state.tickets.get(w.ticketId)!;
    expect(['called', 'serving']).toContain(t.status);
    expect(t.windowId).toBe(w.id);
  }
  for (const t of tickets) {
    if (t.status === 'called' || t.status === 'serving') expect(held.get(t.id)).toBe(t.windowId);
    // Waiting tickets are in exactly their area's queue, an area the hall has.
    const queues = [...state.waiting.entries()].filter(([, q]) => q.has(t.id)).map(([a]) => a);
    expect(queues).toEqual(t.status === 'waiting' ? [t.areaId] : []);
    if (t.status === 'waiting') expect(areaIds.has(t.areaId), `ticket ${t.number} waits in an area that is gone`).toBe(true);
  }

  // Each area's kept call order (queue-order.ts) holds exactly its waiting tickets (that it puts them
  // where a sort of the area does is tests/unit/queue-order.test.ts's, after every step).
  for (const [areaId, q] of state.waiting) {
    const order = areaOrder(state, areaId);
    expect(order.size, `area ${areaId}'s kept order`).toBe(q.size);
    for (const id of q) expect(order.nodes.has(id), `area ${areaId}: ticket ${state.tickets.get(id)?.number} missing from the kept order`).toBe(true);
  }

  // Re-queues (过号重排) stay within the policy's limit.
  const maxRequeues = state.config.policy.maxRequeues ?? 1;
  for (const t of tickets) expect(t.requeues, `ticket ${t.number} re-queued too often`).toBeLessThanOrEqual(maxRequeues);

  // A parked ticket (挂起) is on exactly one window's parked list and nowhere else; nothing else is.
  const parkedAt = new Map<string, string[]>();
  for (const w of state.windows.values()) for (const id of w.parked) parkedAt.set(id, [...(parkedAt.get(id) ?? []), w.id]);
  for (const t of tickets) {
    if (t.status === 'parked') expect(parkedAt.get(t.id), `parked ${t.number}`).toEqual([t.windowId]);
    else expect(parkedAt.has(t.id), `${t.number} (${t.status}) on a parked list`).toBe(false);
  }

  // One clerk per window, one window per clerk.
  const clerks = [...state.windows.values()].filter((w) => w.clerk).map((w) => w.clerk!.id);
  expect(new Set(clerks).size).toBe(clerks.length);
  for (const [clerkId, w] of state.clerkWindows) expect(state.windows.get(w)?.clerk?.id).toBe(clerkId);
}
