/**
 * 过号重排 in the domain: a no-show re-joins its area's queue behind `requeueBehind` waiting
 * citizens with its number, at most `maxRequeues` times, within `requeueWithinMinutes`; and random
 * days with re-queues mixed in keep every hall invariant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ticketsAhead } from '../../server/domain/call-policy';
import { isDomainError } from '../../server/domain/errors';
import { foldEvents } from '../../server/domain/evolve';
import { dayRollup } from '../../server/domain/day-rollup';
import { Harness, MANAGER, T0, clerk, testHall } from '../support/hall-harness';
import { checkHallInvariants } from '../support/hall-invariants';

/** Issues `n` normal police tickets a minute apart; their numbers. */
function issueMany(h: Harness, n: number): string[] {
  const out = [];
  for (let i = 0; i < n; i++) {
    h.advance(1);
    out.push(h.issue('police'));
  }
  return out;
}

/** Calls the next police ticket at window 4 and marks it absent; its id and number. */
function missNext(h: Harness): { id: string; number: string } {
  const [called] = h.run({ type: 'call-next', windowId: '4' }, clerk(4));
  if (called?.type !== 'ticket.called') throw new Error('nobody to call');
  h.run({ type: 'no-show', windowId: '4' }, clerk(4));
  return { id: called.ticket.id, number: called.ticket.number };
}

function drain(h: Harness): string[] {
  const order: string[] = [];
  for (let n = h.serveNext('4'); n !== null; n = h.serveNext('4')) order.push(n);
  return order;
}

function refusal(h: Harness, ticketId: string): string | null {
  try {
    h.run({ type: 'requeue', ticketId }, MANAGER);
    return null;
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return err.code;
  }
}

describe('re-queue (过号重排)', () => {
  it('puts the ticket behind three waiting citizens, keeping its number', () => {
    const h = new Harness();
    h.open('4');
    issueMany(h, 1);
    const missed = missNext(h);
    const waiting = issueMany(h, 6);
    h.advance(5);
    const [e] = h.run({ type: 'requeue', ticketId: missed.id }, MANAGER);
    expect(e).toMatchObject({ type: 'ticket.requeued', ticket: { id: missed.id, number: missed.number, status: 'waiting' }, behind: 3, requeue: 1 });
    expect(ticketsAhead(h.state, h.state.tickets.get(missed.id)!, h.now)).toBe(3);
    expect(drain(h)).toEqual([...waiting.slice(0, 3), missed.number, ...waiting.slice(3)]);
  });

  it('takes the policy values: requeueBehind 1, maxRequeues 2, requeueWithinMinutes 10', () => {
    const h = new Harness(testHall({ policy: { requeueBehind: 1, maxRequeues: 2, requeueWithinMinutes: 10 } }));
    h.open('4');
    issueMany(h, 1);
    const missed = missNext(h);
    const waiting = issueMany(h, 3);
    h.run({ type: 'requeue', ticketId: missed.id });
    expect(h.serveNext('4')).toBe(waiting[0]);
    h.run({ type: 'call-next', windowId: '4' }, clerk(4));
    h.run({ type: 'no-show', windowId: '4' }, clerk(4));
    h.advance(10);
    expect(refusal(h, missed.id)).toBeNull();
    expect(h.state.tickets.get(missed.id)!.requeues).toBe(2);
    expect(h.serveNext('4')).toBe(waiting[1]);
    h.run({ type: 'call-next', windowId: '4' }, clerk(4));
    h.run({ type: 'no-show', windowId: '4' }, clerk(4));
    expect(refusal(h, missed.id)).toBe('requeue_limit');
  });

  it('refuses after the time limit, for a ticket that was not missed, and once the day is closed', () => {
    const h = new Harness();
    h.open('4');
    const [first] = issueMany(h, 2);
    const missed = missNext(h);
    expect(missed.number).toBe(first);
    h.advance(61);
    expect(refusal(h, missed.id)).toBe('requeue_expired');
    const waitingId = h.state.numbers.get(h.state.tickets.get([...h.state.waiting.get('police')!][0]!)!.number)!;
    expect(refusal(h, waitingId)).toBe('not_no_show');
    expect(refusal(h, 'nobody')).toBe('ticket_not_found');
    const late = missNext(h);
    h.run({ type: 'close-day' });
    expect(refusal(h, late.id)).toBe('hall_closed');
  });

  it('counts a re-queued ticket once as issued and once as served in the day rollup', () => {
    const h = new Harness();
    h.open('4');
    issueMany(h, 2);
    const missed = missNext(h);
    h.run({ type: 'requeue', ticketId: missed.id });
    drain(h);
    const police = dayRollup(h.config, h.state.day, h.log).byArea.get('police')!;
    expect(police.issued).toBe(2);
    expect(police.served).toBe(2);
    expect(police.noShow).toBe(1);
  });

  it('property: with normal tickets waiting, the re-queued ticket has exactly min(behind, waiting) ahead and is called right after them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 59 }), (waitingCount, behind, minutes) => {
        const h = new Harness(testHall({ policy: { requeueBehind: behind } }));
        h.open('4');
        issueMany(h, 1);
        const missed = missNext(h);
        const waiting = issueMany(h, waitingCount);
        h.advance(minutes - Math.min(minutes, waitingCount));
        h.run({ type: 'requeue', ticketId: missed.id });
        const ahead = Math.min(behind, waitingCount);
        expect(ticketsAhead(h.state, h.state.tickets.get(missed.id)!, h.now)).toBe(ahead);
        checkHallInvariants(h);
        expect(drain(h)).toEqual([...waiting.slice(0, ahead), missed.number, ...waiting.slice(ahead)]);
        // Replaying the log gives the same queue: the place is in the event, not in the clock.
        expect(foldEvents(h.config, h.state.day, h.log).tickets.get(missed.id)).toEqual(h.state.tickets.get(missed.id));
      }),
      { numRuns: 200 },
    );
  });

  it('property: random days with no-shows and re-queues keep numbers, queues and limits', () => {
    type Step =
      | { k: 'issue'; prio: 'normal' | 'priority' }
      | { k: 'call' }
      | { k: 'done' }
      | { k: 'miss' }
      | { k: 'requeue'; pick: number }
      | { k: 'wait'; minutes: number };
    const step = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom('normal', 'normal', 'priority' as const).map((prio): Step => ({ k: 'issue', prio })) },
      { weight: 3, arbitrary: fc.constant<Step>({ k: 'call' }) },
      { weight: 2, arbitrary: fc.constant<Step>({ k: 'done' }) },
      { weight: 2, arbitrary: fc.constant<Step>({ k: 'miss' }) },
      { weight: 3, arbitrary: fc.nat(20).map((pick): Step => ({ k: 'requeue', pick })) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map((minutes): Step => ({ k: 'wait', minutes })) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const h = new Harness(testHall(), T0);
        h.open('4');
        const numbersAtIssue = new Map<string, string>();
        for (const s of steps) {
          try {
            if (s.k === 'issue') {
              const [e] = h.run({ type: 'issue-ticket', areaId: 'police', priority: s.prio }, { id: 'kiosk01', role: 'kiosk' });
              if (e?.type === 'ticket.issued') numbersAtIssue.set(e.ticket.id, e.ticket.number);
            } else if (s.k === 'call') h.run({ type: 'call-next', windowId: '4' }, clerk(4));
            else if (s.k === 'done') h.run({ type: 'complete', windowId: '4' }, clerk(4));
            else if (s.k === 'miss') h.run({ type: 'no-show', windowId: '4' }, clerk(4));
            else if (s.k === 'wait') h.advance(s.minutes);
            else {
              const ids = [...h.state.tickets.keys()];
              if (ids.length === 0) continue;
              const id = ids[s.pick % ids.length]!;
              const before = h.state.tickets.get(id)!;
              const mayRequeue = before.status === 'no_show' && before.requeues < 1 && h.now - before.noShowAt! <= 60 * 60_000;
              const waitingBefore = h.state.waiting.get('police')!.size;
              const code = refusal(h, id);
              expect(code === null, `re-queue of ${before.number} (${before.status}, ${before.requeues})`).toBe(mayRequeue);
              if (code === null) {
                expect(h.state.waiting.get('police')!.size).toBe(waitingBefore + 1);
                expect(h.state.tickets.get(id)!.status).toBe('waiting');
              }
            }
          } catch (err) {
            if (!isDomainError(err)) throw err;
          }
          checkHallInvariants(h);
        }
        for (const [id, number] of numbersAtIssue) expect(h.state.tickets.get(id)!.number).toBe(number);
        for (const t of h.state.tickets.values()) expect(t.requeues).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
