/**
 * Each area's call order is kept as tickets come and go (`server/domain/queue-order.ts`), so a
 * place, the next ticket and the first few in line are read without sorting the area. Property:
 * after any sequence of commands and waits (aging walk-ins included), checked at every step so the
 * kept order lives through the whole sequence, it says exactly what sorting the queue says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseNext, queueClassOf, ticketsAhead, ticketsAheadInArea } from '../../server/domain/call-policy';
import type { Command } from '../../server/domain/commands';
import { isDomainError } from '../../server/domain/errors';
import { firstInLine } from '../../server/domain/queue-order';
import type { HallState, TicketState, WindowState } from '../../server/domain/types';
import { Harness, KIOSK, MANAGER, testHall } from '../support/hall-harness';

const AREAS = ['estate', 'tax', 'police'];
const HALL = testHall({
  policy: { maxPreferredInARow: 2, agingMinutes: 30 },
  windows: [
    { id: '1', number: 1, name: 'one', areaIds: ['estate'] },
    { id: '2', number: 2, name: 'two', areaIds: ['tax', 'estate'], selection: 'primary-first' },
    { id: '3', number: 3, name: 'three', areaIds: ['police', 'estate', 'tax'], selection: 'longest-wait' },
  ],
});
const windowId = fc.constantFrom('1', '2', '3');

type Step = { cmd: Command; manager: boolean } | { wait: number } | { requeue: true } | { next: string };
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({ areaId: fc.constantFrom(...AREAS), priority: fc.constantFrom('normal', 'normal', 'priority', 'appointment', 'urgent' as const) })
      .map(({ areaId, priority }): Step => ({ cmd: { type: 'issue-ticket', areaId, priority }, manager: priority !== 'normal' && priority !== 'priority' })),
  },
  {
    weight: 1,
    arbitrary: windowId.map((w): Step => ({ cmd: { type: 'sign-in', windowId: w, clerk: { id: `clerk${w}`, name: `C${w}`, staffNo: null } }, manager: true })),
  },
  { weight: 4, arbitrary: windowId.map((w): Step => ({ cmd: { type: 'call-next', windowId: w }, manager: true })) },
  { weight: 3, arbitrary: windowId.map((w): Step => ({ cmd: { type: 'complete', windowId: w }, manager: true })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(windowId, fc.constantFrom('recall', 'start', 'no-show', 'pause', 'resume' as const))
      .map(([w, type]): Step => ({ cmd: { type, windowId: w }, manager: true })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(windowId, fc.constantFrom(...AREAS)).map(([w, a]): Step => ({ cmd: { type: 'transfer', windowId: w, areaId: a }, manager: true })),
  },
  { weight: 1, arbitrary: fc.constant<Step>({ requeue: true }) },
  // A window done with its citizen calls the next at once (how fairness streaks build up).
  { weight: 4, arbitrary: windowId.map((w): Step => ({ next: w })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 40 }).map((wait): Step => ({ wait })) },
);

const RANK: Record<string, number> = { urgent: 0, transferred: 1, appointment: 2, priority: 3, aged: 3, normal: 4 };

/** The call order by its definition: every waiting ticket of the window's areas compared with every other (the scan the kept order replaced). */
function chooseByScan(state: HallState, w: WindowState, now: number): TicketState | null {
  const policy = state.config.policy;
  const areas = w.selection === 'longest-wait' ? w.areaIds : w.areaIds.filter((a) => (state.waiting.get(a)?.size ?? 0) > 0).slice(0, 1);
  // The last key settles a full tie (a ticket transferred in the same millisecond as another was issued, with the same sequence): the ticket id, as the kept order does.
  const key = (t: TicketState) => [RANK[queueClassOf(t, now, policy)]!, t.queuedAt, t.issuedAt, t.seq, t.areaId, t.id] as const;
  const before = (a: TicketState, b: TicketState) => {
    const ka = key(a),
      kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]!;
    return false;
  };
  let top: TicketState | null = null;
  let topWalkIn: TicketState | null = null;
  for (const a of areas) {
    for (const id of state.waiting.get(a) ?? []) {
      const t = state.tickets.get(id)!;
      if (!top || before(t, top)) top = t;
      const cls = queueClassOf(t, now, policy);
      if ((cls === 'normal' || cls === 'aged') && (!topWalkIn || before(t, topWalkIn))) topWalkIn = t;
    }
  }
  if (!top) return null;
  const cls = queueClassOf(top, now, policy);
  return (cls === 'appointment' || cls === 'priority') && w.preferredStreak >= policy.maxPreferredInARow && topWalkIn ? topWalkIn : top;
}

function agrees(h: Harness): void {
  for (const areaId of AREAS) {
    const sorted = ticketsAheadInArea(h.state, areaId, h.now);
    for (const id of h.state.waiting.get(areaId) ?? []) expect(ticketsAhead(h.state, h.state.tickets.get(id)!, h.now)).toBe(sorted.get(id));
    const line = firstInLine(h.state, areaId, h.now, 5);
    expect(line.length).toBe(Math.min(5, sorted.size));
    for (const [t, ahead] of line) expect(ahead).toBe(sorted.get(t.id));
  }
  for (const w of h.state.windows.values()) expect(chooseNext(h.state, w, h.now)?.id ?? null).toBe(chooseByScan(h.state, w, h.now)?.id ?? null);
}

describe('each area’s kept call order', () => {
  it('gives the same places, first in line and next ticket as sorting the queue, after every step', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 30, maxLength: 120, size: 'max' }), (steps) => {
        const h = new Harness(HALL, undefined, true);
        for (const s of steps) {
          if ('wait' in s) h.advance(s.wait);
          else if ('next' in s) {
            for (const type of ['complete', 'call-next'] as const) {
              try {
                h.run({ type, windowId: s.next }, MANAGER);
              } catch (err) {
                if (!isDomainError(err)) throw err;
              }
            }
          } else {
            // 过号重排: the latest no-show goes back into its queue, behind a few.
            const missed = 'requeue' in s ? [...h.state.tickets.values()].filter((t) => t.status === 'no_show').at(-1) : undefined;
            if ('requeue' in s && !missed) continue;
            const cmd: Command = 'requeue' in s ? { type: 'requeue', ticketId: missed!.id } : s.cmd;
            try {
              h.run(cmd, 'requeue' in s || s.manager ? MANAGER : KIOSK);
            } catch (err) {
              if (!isDomainError(err)) throw err;
            }
          }
          agrees(h);
        }
      }),
      { numRuns: 100 },
    );
  });
});
