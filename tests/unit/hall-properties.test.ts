/**
 * Property tests: random sequences of counter, kiosk and clock commands keep the hall's invariants,
 * whatever the order and whatever the rules refuse along the way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPreferred } from '../../server/domain/call-policy';
import type { Command } from '../../server/domain/commands';
import { isDomainError } from '../../server/domain/errors';
import { foldEvents } from '../../server/domain/evolve';
import { boardView } from '../../server/domain/views';
import { Harness, KIOSK, MANAGER, clerk, testHall } from '../support/hall-harness';

const AREAS = ['estate', 'tax', 'police'];
const WINDOWS = ['1', '2', '3', '4'];
/** Windows with one area, where "a walk-in waits for this window" is simply "in its area". */
const SINGLE_AREA = new Set(['1', '2', '4']);
const MAX_IN_A_ROW = 2;

type As = 'kiosk' | 'manager' | number;
type Step = { kind: 'cmd'; cmd: Command; as: As } | { kind: 'wait'; minutes: number };

const windowId = fc.constantFrom(...WINDOWS);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ areaId: fc.constantFrom(...AREAS), priority: fc.constantFrom('normal', 'normal', 'priority', 'urgent' as const) }).map(({ areaId, priority }): Step => ({ kind: 'cmd', cmd: { type: 'issue-ticket', areaId, priority }, as: priority === 'urgent' ? 'manager' : 'kiosk' })) },
  { weight: 2, arbitrary: fc.tuple(windowId, fc.integer({ min: 1, max: 5 })).map(([w, c]): Step => ({ kind: 'cmd', cmd: { type: 'sign-in', windowId: w, clerk: { id: `clerk${c}`, name: `C${c}`, staffNo: null } }, as: c })) },
  { weight: 1, arbitrary: windowId.map((w): Step => ({ kind: 'cmd', cmd: { type: 'sign-out', windowId: w }, as: 'manager' })) },
  { weight: 6, arbitrary: windowId.map((w): Step => ({ kind: 'cmd', cmd: { type: 'call-next', windowId: w }, as: 'manager' })) },
  { weight: 1, arbitrary: fc.tuple(windowId, fc.constantFrom('B', 'D', 'H'), fc.integer({ min: 1, max: 12 })).map(([w, p, n]): Step => ({ kind: 'cmd', cmd: { type: 'call-number', windowId: w, number: `${p}${n}` }, as: 'manager' })) },
  { weight: 2, arbitrary: fc.tuple(windowId, fc.constantFrom('recall', 'start', 'no-show', 'pause', 'resume' as const)).map(([w, type]): Step => ({ kind: 'cmd', cmd: { type, windowId: w }, as: 'manager' })) },
  { weight: 4, arbitrary: windowId.map((w): Step => ({ kind: 'cmd', cmd: { type: 'complete', windowId: w }, as: 'manager' })) },
  { weight: 1, arbitrary: fc.tuple(windowId, fc.constantFrom(...AREAS)).map(([w, a]): Step => ({ kind: 'cmd', cmd: { type: 'transfer', windowId: w, areaId: a }, as: 'manager' })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 20 }).map((minutes): Step => ({ kind: 'wait', minutes })) },
);

function actorFor(as: As) {
  if (as === 'kiosk') return KIOSK;
  if (as === 'manager') return MANAGER;
  return clerk(as);
}

/** Runs the steps, checking invariants after each one; returns the harness. */
function play(steps: Step[]): Harness {
  const h = new Harness(testHall({ policy: { maxPreferredInARow: MAX_IN_A_ROW, agingMinutes: 45 } }), undefined, true);
  const streak = new Map<string, number>();
  for (const s of steps) {
    if (s.kind === 'wait') {
      h.advance(s.minutes);
      continue;
    }
    // What the fairness rule must respect, observed before the call.
    let walkInWaiting = false;
    let urgentWaiting = false;
    const w = 'windowId' in s.cmd ? h.state.windows.get(s.cmd.windowId) : undefined;
    if (s.cmd.type === 'call-next' && w && SINGLE_AREA.has(w.id)) {
      for (const id of h.state.waiting.get(w.areaIds[0]!) ?? []) {
        const t = h.state.tickets.get(id)!;
        if (t.priority === 'normal' && t.transferredFrom === null) walkInWaiting = true;
        if (t.priority === 'urgent') urgentWaiting = true;
      }
    }
    let events;
    try {
      events = h.run(s.cmd, actorFor(s.as));
    } catch (err) {
      if (!isDomainError(err)) throw err;
      continue;
    }
    const called = events.find((e) => e.type === 'ticket.called');
    if (called?.type === 'ticket.called' && s.cmd.type === 'call-next' && SINGLE_AREA.has(called.window.id)) {
      if (urgentWaiting) expect(called.queueClass).toBe('urgent');
      const before = streak.get(called.window.id) ?? 0;
      const cls = called.queueClass;
      const after = cls === 'normal' || cls === 'aged' ? 0 : isPreferred(cls) ? (walkInWaiting ? before + 1 : 0) : before;
      expect(after, `window ${called.window.id} called ${after} preferred tickets in a row while a walk-in waited`).toBeLessThanOrEqual(MAX_IN_A_ROW);
      streak.set(called.window.id, after);
    }
    if (called?.type === 'ticket.called' && s.cmd.type === 'call-next' && !SINGLE_AREA.has(called.window.id)) {
      streak.set(called.window.id, called.preferredStreak);
    }
    checkInvariants(h);
  }
  return h;
}

function checkInvariants(h: Harness): void {
  const { state, log } = h;
  // Versions are consecutive from 1.
  log.forEach((e, i) => expect(e.version).toBe(i + 1));
  expect(state.version).toBe(log.length);

  // Numbers are unique, and per area (the one issued for) consecutive from 1.
  const tickets = [...state.tickets.values()];
  expect(new Set(tickets.map((t) => t.number)).size).toBe(tickets.length);
  expect(tickets.length).toBe(log.filter((e) => e.type === 'ticket.issued').length);
  for (const area of AREAS) {
    const seqs = tickets.filter((t) => t.originAreaId === area).map((t) => t.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  }

  // A ticket is at one window at most, and a window's ticket is called or served there.
  const held = new Map<string, string>();
  for (const w of state.windows.values()) {
    if (w.ticketId === null) continue;
    expect(held.has(w.ticketId), `ticket at two windows`).toBe(false);
    held.set(w.ticketId, w.id);
    const t = state.tickets.get(w.ticketId)!;
    expect(['called', 'serving']).toContain(t.status);
    expect(t.windowId).toBe(w.id);
  }
  for (const t of tickets) {
    if (t.status === 'called' || t.status === 'serving') expect(held.get(t.id)).toBe(t.windowId);
    // Waiting tickets are in exactly their area's queue.
    const queues = [...state.waiting.entries()].filter(([, q]) => q.has(t.id)).map(([a]) => a);
    expect(queues).toEqual(t.status === 'waiting' ? [t.areaId] : []);
  }

  // One clerk per window, one window per clerk.
  const clerks = [...state.windows.values()].filter((w) => w.clerk).map((w) => w.clerk!.id);
  expect(new Set(clerks).size).toBe(clerks.length);
}

describe('random command sequences keep the hall consistent', () => {
  it('numbers, windows, versions and the fairness rule hold after every step', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 150 }), (steps) => {
        play(steps);
      }),
      { numRuns: 300 },
    );
  });

  it('the fairness rule holds at a busy window where priority tickets keep arriving', () => {
    const busy = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('normal', 'priority', 'priority', 'priority', 'urgent' as const).map((priority): Step => ({ kind: 'cmd', cmd: { type: 'issue-ticket', areaId: 'estate', priority }, as: priority === 'urgent' ? 'manager' : 'kiosk' })) },
      { weight: 4, arbitrary: fc.constant<Step>({ kind: 'cmd', cmd: { type: 'call-next', windowId: '1' }, as: 'manager' }) },
      { weight: 4, arbitrary: fc.constant<Step>({ kind: 'cmd', cmd: { type: 'complete', windowId: '1' }, as: 'manager' }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }).map((minutes): Step => ({ kind: 'wait', minutes })) },
    );
    let preferredRuns = 0;
    fc.assert(
      fc.property(fc.array(busy, { minLength: 10, maxLength: 120 }), (steps) => {
        const h = play([{ kind: 'cmd', cmd: { type: 'sign-in', windowId: '1', clerk: { id: 'clerk1', name: 'C1', staffNo: null } }, as: 1 }, ...steps]);
        if (h.log.some((e) => e.type === 'ticket.called' && e.preferredStreak === MAX_IN_A_ROW)) preferredRuns++;
      }),
      { numRuns: 300 },
    );
    // The rule was really put to the test: many runs reached the limit.
    expect(preferredRuns).toBeGreaterThan(20);
  });

  it('the state is the fold of the log: replaying every event gives the same hall', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 120 }), (steps) => {
        const h = play(steps);
        const replayed = foldEvents(h.config, h.state.day, JSON.parse(JSON.stringify(h.log)));
        expect(boardView(replayed, h.now, { alwaysOpen: true })).toEqual(boardView(h.state, h.now, { alwaysOpen: true }));
        expect([...replayed.tickets.values()]).toEqual([...h.state.tickets.values()]);
      }),
      { numRuns: 150 },
    );
  });
});
