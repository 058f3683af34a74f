/**
 * The phones' figures come from one shared pass per area (`publicTicketViews`: each queue ordered
 * once, one wait estimator per area). Property: after any sequence of commands and waits, that pass
 * says exactly what the ticket view says for each ticket on its own — the same people ahead, the
 * same estimate, the same status and window — and never names a ticket's id or credential.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../server/domain/commands';
import { isDomainError } from '../../server/domain/errors';
import { publicTicketViews, ticketView } from '../../server/domain/views';
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

type Step = { cmd: Command; manager: boolean } | { wait: number };
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
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 40 }).map((wait): Step => ({ wait })) },
);

describe('the phones’ shared pass agrees with the ticket view', () => {
  it('people ahead, estimate, status and window for every ticket, after any sequence', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 120 }), (steps) => {
        const h = new Harness(HALL, undefined, true);
        for (const s of steps) {
          if ('wait' in s) {
            h.advance(s.wait);
            continue;
          }
          try {
            h.run(s.cmd, s.manager ? MANAGER : KIOSK);
          } catch (err) {
            if (!isDomainError(err)) throw err;
          }
        }
        const views = publicTicketViews(h.state, h.state.tickets.keys(), h.now);
        expect(views.size).toBe(h.state.tickets.size);
        for (const t of h.state.tickets.values()) {
          const alone = ticketView(h.state, t, h.now);
          const shared = views.get(t.id)!;
          expect({
            ahead: shared.ahead,
            estimatedWaitMinutes: shared.estimatedWaitMinutes,
            status: shared.status,
            windowId: shared.windowId,
            recalls: shared.recalls,
          }).toEqual({
            ahead: alone.ahead,
            estimatedWaitMinutes: alone.estimatedWaitMinutes,
            status: alone.status,
            windowId: alone.windowId,
            recalls: alone.recalls,
          });
          const text = JSON.stringify(shared);
          expect(text).not.toContain(`"${t.id}"`);
          expect(text).not.toContain(`"${t.credential}"`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
