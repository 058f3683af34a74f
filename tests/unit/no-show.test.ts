/**
 * 过号 safeguards and 下一位 in the domain: a no-show only `noShowAfterSeconds` after the call; an
 * undo at its window within `noShowUndoSeconds` puts the ticket back as called, and the window's
 * missed list follows no-shows, undos and re-queues; `nextCalls` lists exactly the order in which
 * call-next then calls the waiting tickets (classes, aging and the fairness streak included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextCalls } from '../../server/domain/call-policy';
import { DomainError } from '../../server/domain/errors';
import { windowView } from '../../server/domain/views';
import { clerk, Harness, testHall } from '../support/hall-harness';

const code = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
};

describe('no-show safeguards', () => {
  const hall = () => new Harness(testHall({ policy: { noShowAfterSeconds: 60, noShowUndoSeconds: 120 } }), undefined, true);

  it('refuses a no-show before 60 s after the call, takes it at 60 s', () => {
    const h = hall();
    h.open('4');
    const id = h.state.numbers.get(h.issue('police'))!;
    h.callNext('4');
    h.now += 59_000;
    expect(code(() => h.run({ type: 'no-show', windowId: '4' }, clerk(4)))).toBe('no_show_too_soon');
    h.now += 1000;
    h.run({ type: 'no-show', windowId: '4' }, clerk(4));
    expect(h.state.tickets.get(id)!.status).toBe('no_show');
    expect(windowView(h.state, h.state.windows.get('4')!, h.now).missed.map((m) => m.id)).toEqual([id]);
  });

  it('undoes within 120 s: called at the window again, off the missed list; later, refused', () => {
    const h = hall();
    h.open('4');
    const a = h.state.numbers.get(h.issue('police'))!;
    const b = h.state.numbers.get(h.issue('police'))!;
    h.callNext('4');
    h.now += 60_000;
    h.run({ type: 'no-show', windowId: '4' }, clerk(4));
    h.now += 120_000;
    const [e] = h.run({ type: 'undo-no-show', windowId: '4', ticketId: a }, clerk(4));
    expect(e).toMatchObject({ type: 'ticket.no_show_undone', afterMs: 120_000 });
    expect(h.state.tickets.get(a)).toMatchObject({ status: 'called', windowId: '4', noShowAt: null });
    expect(h.state.windows.get('4')!.ticketId).toBe(a);
    expect(h.state.windows.get('4')!.missed).toEqual([]);
    // b is still waiting, first in line.
    expect([...h.state.waiting.get('police')!]).toEqual([b]);
    h.now += 60_000;
    h.run({ type: 'no-show', windowId: '4' }, clerk(4));
    h.now += 120_001;
    expect(code(() => h.run({ type: 'undo-no-show', windowId: '4', ticketId: a }, clerk(4)))).toBe('undo_expired');
    h.run({ type: 'requeue', ticketId: a });
    expect(h.state.windows.get('4')!.missed).toEqual([]);
  });

  it('property: nextCalls(n) is the order call-next then calls, with nobody new arriving', () => {
    const step = fc.constantFrom('normal', 'priority', 'urgent' as const);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('estate', 'tax'), step, fc.integer({ min: 0, max: 40 })), { minLength: 0, maxLength: 14 }), (issues) => {
        const h = new Harness(testHall({ policy: { maxPreferredInARow: 2, agingMinutes: 30 } }), undefined, true);
        h.open('3');
        for (const [areaId, priority, minutes] of issues) {
          h.advance(minutes);
          h.issue(areaId, priority);
        }
        const predicted = nextCalls(h.state, h.state.windows.get('3')!, h.now, 6).map((c) => c.ticket.number);
        const called: string[] = [];
        for (let i = 0; i < 6; i++) {
          const id = h.serveNext('3');
          if (id === null) break;
          called.push(id);
        }
        expect(predicted).toEqual(called);
      }),
      { numRuns: 150 },
    );
  });
});
