/**
 * 挂起 in the domain: a window parks its citizen, calls others, and resumes the parked citizen
 * there without re-queueing; the day's close cancels whoever is still parked; random sequences
 * never lose or duplicate a ticket.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../server/domain/errors';
import { foldEvents } from '../../server/domain/evolve';
import { windowView } from '../../server/domain/views';
import { Harness, clerk } from '../support/hall-harness';
import { checkHallInvariants } from '../support/hall-invariants';

function code(h: Harness, run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return err.code;
  }
}

describe('park and resume (挂起)', () => {
  it('parks the citizen being served, calls the next, then resumes the parked one at the same window', () => {
    const h = new Harness();
    h.open('4');
    const first = h.issue('police');
    const second = h.issue('police');
    h.callNext('4');
    h.run({ type: 'start', windowId: '4' }, clerk(4));
    const [parked] = h.run({ type: 'park', windowId: '4', reason: ' 补材料 ' }, clerk(4));
    expect(parked).toMatchObject({ type: 'ticket.parked', ticket: { number: first, status: 'parked' }, reason: '补材料' });
    const id = parked!.type === 'ticket.parked' ? parked!.ticket.id : '';
    expect(windowView(h.state, h.state.windows.get('4')!, h.now).parked).toMatchObject([{ id, number: first, reason: '补材料' }]);
    expect(h.state.waiting.get('police')!.has(id)).toBe(false);
    expect(h.serveNext('4')).toBe(second);
    // Another window cannot resume it; this one can, and it is being served again with its number.
    h.open('3');
    expect(code(h, () => h.run({ type: 'resume-parked', windowId: '3', ticketId: id }, clerk(3)))).toBe('not_parked_here');
    h.advance(12);
    const [back] = h.run({ type: 'resume-parked', windowId: '4', ticketId: id }, clerk(4));
    expect(back).toMatchObject({ type: 'ticket.unparked', ticket: { number: first, status: 'serving' }, parkedMs: 12 * 60_000 });
    expect(h.state.windows.get('4')!.ticketId).toBe(id);
    expect(h.state.windows.get('4')!.parked).toEqual([]);
    checkHallInvariants(h);
  });

  it('resumes only at a free window; a ticket parked before it started comes back called; the day close cancels parked tickets', () => {
    const h = new Harness();
    h.open('4');
    h.issue('police');
    h.issue('police');
    h.callNext('4');
    const [p] = h.run({ type: 'park', windowId: '4' }, clerk(4));
    const id = p!.type === 'ticket.parked' ? p!.ticket.id : '';
    h.callNext('4');
    expect(code(h, () => h.run({ type: 'resume-parked', windowId: '4', ticketId: id }, clerk(4)))).toBe('window_busy');
    h.run({ type: 'complete', windowId: '4' }, clerk(4));
    h.run({ type: 'resume-parked', windowId: '4', ticketId: id }, clerk(4));
    expect(h.state.tickets.get(id)!.status).toBe('called');
    h.run({ type: 'park', windowId: '4' }, clerk(4));
    // Signing out leaves the parked citizen with the window; closing the day cancels them.
    h.run({ type: 'sign-out', windowId: '4' }, clerk(4));
    expect(h.state.windows.get('4')!.parked).toEqual([id]);
    h.run({ type: 'close-day' });
    expect(h.state.tickets.get(id)!.status).toBe('cancelled');
    checkHallInvariants(h);
    expect(code(h, () => h.run({ type: 'park', windowId: '4' }))).toBe('no_current_ticket');
  });

  it('property: random parks, resumes, calls and completions never lose or duplicate a ticket, and replaying the log agrees', () => {
    type Step =
      | { k: 'issue' }
      | { k: 'call'; w: string }
      | { k: 'start'; w: string }
      | { k: 'done'; w: string }
      | { k: 'park'; w: string }
      | { k: 'resume'; w: string; pick: number }
      | { k: 'out'; w: string }
      | { k: 'in'; w: string };
    const w = fc.constantFrom('1', '2');
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 4, arbitrary: fc.constant<Step>({ k: 'issue' }) },
      { weight: 3, arbitrary: w.map((x): Step => ({ k: 'call', w: x })) },
      { weight: 1, arbitrary: w.map((x): Step => ({ k: 'start', w: x })) },
      { weight: 2, arbitrary: w.map((x): Step => ({ k: 'done', w: x })) },
      { weight: 2, arbitrary: w.map((x): Step => ({ k: 'park', w: x })) },
      { weight: 2, arbitrary: fc.tuple(w, fc.nat(9)).map(([x, pick]): Step => ({ k: 'resume', w: x, pick })) },
      { weight: 1, arbitrary: w.map((x): Step => ({ k: 'out', w: x })) },
      { weight: 1, arbitrary: w.map((x): Step => ({ k: 'in', w: x })) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 100 }), (steps) => {
        const h = new Harness();
        h.open('1');
        h.open('2');
        for (const s of steps) {
          code(h, () => {
            if (s.k === 'issue') h.issue('estate');
            else if (s.k === 'call') h.run({ type: 'call-next', windowId: s.w }, clerk(Number(s.w)));
            else if (s.k === 'start') h.run({ type: 'start', windowId: s.w }, clerk(Number(s.w)));
            else if (s.k === 'done') h.run({ type: 'complete', windowId: s.w }, clerk(Number(s.w)));
            else if (s.k === 'park') h.run({ type: 'park', windowId: s.w }, clerk(Number(s.w)));
            else if (s.k === 'out') h.run({ type: 'sign-out', windowId: s.w }, clerk(Number(s.w)));
            else if (s.k === 'in') h.open(s.w);
            else {
              const parked = [...h.state.tickets.values()].filter((t) => t.status === 'parked');
              const t = parked[s.pick % Math.max(1, parked.length)];
              if (t) h.run({ type: 'resume-parked', windowId: s.w, ticketId: t.id }, clerk(Number(s.w)));
            }
          });
          checkHallInvariants(h);
          // Every ticket is in exactly one place: a queue, a window, a parked list, or finished.
          for (const t of h.state.tickets.values()) {
            const places =
              (h.state.waiting.get('estate')!.has(t.id) ? 1 : 0) +
              [...h.state.windows.values()].filter((x) => x.ticketId === t.id).length +
              [...h.state.windows.values()].filter((x) => x.parked.includes(t.id)).length;
            expect(places, `${t.number} (${t.status})`).toBe(t.status === 'done' ? 0 : 1);
          }
        }
        const replayed = foldEvents(h.config, h.state.day, h.log);
        expect([...replayed.tickets.values()]).toEqual([...h.state.tickets.values()]);
        expect([...replayed.windows.values()].map((x) => x.parked)).toEqual([...h.state.windows.values()].map((x) => x.parked));
      }),
      { numRuns: 200 },
    );
  });
});
