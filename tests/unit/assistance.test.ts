/**
 * 需要帮办 in the domain: a clerk flags the citizen at their window, a manager any open ticket, a
 * kiosk at issue; a manager assigns a helper; the manager's alerts list open requests until then;
 * refusals have stable codes; replaying the log gives the same tickets.
 */
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../server/domain/errors';
import { foldEvents } from '../../server/domain/evolve';
import { hallOverview } from '../../server/domain/hall-overview';
import { ticketView } from '../../server/domain/views';
import { WEBHOOK_EVENT_TYPES } from '../../server/domain/webhook-payload';
import { Harness, KIOSK, MANAGER, clerk } from '../support/hall-harness';

function code(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return err.code;
  }
}

const idOf = (h: Harness, number: string): string => h.state.numbers.get(number)!;
const assistanceAlerts = (h: Harness) => hallOverview(h.state, h.log, h.now, { alwaysOpen: false }).alerts.filter((a) => a.kind === 'assistance');

describe('assistance (需要帮办)', () => {
  it('a clerk flags the ticket at their window with a note; the manager alert lists it until a helper is assigned', () => {
    const h = new Harness();
    h.open('4');
    const number = h.issue('police');
    h.callNext('4');
    const id = idOf(h, number);
    const [asked] = h.run({ type: 'request-assistance', ticketId: id, note: ' 老人不会填表 ' }, clerk(4));
    expect(asked).toMatchObject({ type: 'ticket.assistance_requested', ticket: { id, number }, by: 'clerk4', note: '老人不会填表' });
    expect(assistanceAlerts(h)).toMatchObject([{ id: `assistance:${id}`, ticketId: id, number, requestedBy: 'clerk4', note: '老人不会填表' }]);
    // A second request while the first waits for a helper is refused.
    expect(code(() => h.run({ type: 'request-assistance', ticketId: id }, MANAGER))).toBe('assistance_already_requested');

    h.advance(2);
    const [assigned] = h.run({ type: 'assign-assistance', ticketId: id, staffId: 'clerk17' }, MANAGER);
    expect(assigned).toMatchObject({ type: 'ticket.assistance_assigned', ticket: { id }, staffId: 'clerk17' });
    expect(assistanceAlerts(h)).toEqual([]);
    expect(ticketView(h.state, h.state.tickets.get(id)!, h.now).assistance).toEqual({ requestedBy: 'clerk4', note: '老人不会填表', assignedTo: 'clerk17' });
    expect(code(() => h.run({ type: 'assign-assistance', ticketId: id, staffId: 'clerk18' }, MANAGER))).toBe('assistance_already_assigned');

    const replayed = foldEvents(h.config, h.state.day, h.log);
    expect([...replayed.tickets.values()]).toEqual([...h.state.tickets.values()]);
  });

  it('a kiosk ticket issued with the flag asks for help at once, from nobody in particular', () => {
    const h = new Harness();
    const events = h.run({ type: 'issue-ticket', areaId: 'tax', assistance: true }, KIOSK);
    expect(events.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.assistance_requested']);
    expect(events[1]).toMatchObject({ by: null, note: null });
    const id = events[0]!.type === 'ticket.issued' ? events[0]!.ticket.id : '';
    expect(assistanceAlerts(h)).toMatchObject([{ ticketId: id, requestedBy: null }]);
    // Counted once as issued: the request is no ticket of its own.
    expect(hallOverview(h.state, h.log, h.now, { alwaysOpen: false }).totals.issued).toBe(1);
    expect(foldEvents(h.config, h.state.day, h.log).tickets.get(id)).toEqual(h.state.tickets.get(id));
  });

  it('refuses a clerk for a ticket not at their window, finished tickets, unknown tickets, and assigning without a request', () => {
    const h = new Harness();
    h.open('4');
    h.open('1');
    const waiting = idOf(h, h.issue('estate'));
    h.issue('police');
    h.callNext('4');
    const atFour = h.state.windows.get('4')!.ticketId!;
    expect(code(() => h.run({ type: 'request-assistance', ticketId: waiting }, clerk(4)))).toBe('not_window_clerk');
    expect(code(() => h.run({ type: 'request-assistance', ticketId: atFour }, clerk(1)))).toBe('not_window_clerk');
    expect(code(() => h.run({ type: 'request-assistance', ticketId: 'nope' }, MANAGER))).toBe('ticket_not_found');
    expect(code(() => h.run({ type: 'assign-assistance', ticketId: waiting, staffId: 'clerk2' }, MANAGER))).toBe('no_assistance_request');
    h.run({ type: 'complete', windowId: '4' }, clerk(4));
    expect(code(() => h.run({ type: 'request-assistance', ticketId: atFour }, MANAGER))).toBe('ticket_not_open');
    // A manager may flag any open ticket, waiting ones too; a blank helper id is bad input.
    h.run({ type: 'request-assistance', ticketId: waiting }, MANAGER);
    expect(code(() => h.run({ type: 'assign-assistance', ticketId: waiting, staffId: '  ' }, MANAGER))).toBe('invalid_request');
  });

  it('offers both events to webhooks', () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual(expect.arrayContaining(['ticket.assistance_requested', 'ticket.assistance_assigned']));
  });
});
