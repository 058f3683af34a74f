import { describe, expect, it } from 'vitest';
import { ticketsAhead } from '../../server/domain/call-policy';
import { Harness, MANAGER, clerk, testHall } from '../support/hall-harness';

describe('numbering', () => {
  it('numbers each area separately, B001, B002 …, zero-padded to three digits', () => {
    const h = new Harness();
    expect([h.issue('estate'), h.issue('estate'), h.issue('tax'), h.issue('estate')]).toEqual(['B001', 'B002', 'D001', 'B003']);
  });

  it('goes past 999 without wrapping', () => {
    const h = new Harness(testHall(), undefined, true);
    let last = '';
    for (let i = 0; i < 1000; i++) last = h.issue('police');
    expect(last).toBe('H1000');
    expect(new Set(h.state.numbers.keys()).size).toBe(1000);
  });

  it('keeps the citizen number through a transfer and does not use up a number in the new area', () => {
    const h = new Harness();
    h.open('1');
    h.issue('estate');
    h.callNext('1');
    h.run({ type: 'transfer', windowId: '1', areaId: 'tax' }, clerk(1));
    expect(h.issue('tax')).toBe('D001');
    const moved = [...h.state.tickets.values()].find((t) => t.number === 'B001')!;
    expect(moved).toMatchObject({ areaId: 'tax', status: 'waiting', transferredFrom: 'estate' });
  });
});

describe('which ticket a window calls next', () => {
  it('calls urgent, then transferred-in, then priority, then normal', () => {
    const h = new Harness(testHall({ policy: { maxPreferredInARow: 100 } }));
    h.open('1');
    h.open('3');
    h.issue('estate'); // B001 normal
    h.issue('estate', 'priority'); // B002
    h.issue('tax'); // D001 → will be transferred into estate
    h.issue('estate', 'urgent'); // B003
    h.callNext('3'); // window 3 (tax first) takes D001
    h.run({ type: 'transfer', windowId: '3', areaId: 'estate' }, clerk(3));
    const order: Array<string | null> = [];
    for (let i = 0; i < 4; i++) order.push(h.serveNext('1'));
    expect(order).toEqual(['B003', 'D001', 'B002', 'B001']);
  });

  it('within a class, the one who joined the queue first', () => {
    const h = new Harness();
    h.open('1');
    h.issue('estate');
    h.advance(1);
    h.issue('estate');
    h.advance(1);
    h.issue('estate');
    expect([h.serveNext('1'), h.serveNext('1'), h.serveNext('1')]).toEqual(['B001', 'B002', 'B003']);
  });

  it('answers null when nobody waits for the window, without an event', () => {
    const h = new Harness();
    h.open('1');
    h.issue('tax');
    expect(h.run({ type: 'call-next', windowId: '1' }, clerk(1))).toEqual([]);
  });

  it('a primary-first window serves its first area while anyone waits there', () => {
    const h = new Harness();
    h.open('3'); // tax, then estate
    h.issue('estate');
    h.advance(5);
    h.issue('tax');
    h.issue('tax');
    expect([h.serveNext('3'), h.serveNext('3'), h.serveNext('3'), h.serveNext('3')]).toEqual(['D001', 'D002', 'B001', null]);
  });

  it('a longest-wait window serves its areas as one queue', () => {
    const h = new Harness(
      testHall({
        windows: [
          { id: '3', number: 3, name: 'three', areaIds: ['tax', 'estate'], selection: 'longest-wait' },
          { id: '4', number: 4, name: 'p', areaIds: ['police'] },
        ],
      }),
    );
    h.open('3');
    h.issue('estate');
    h.advance(5);
    h.issue('tax');
    h.advance(1);
    h.issue('estate');
    expect([h.serveNext('3'), h.serveNext('3'), h.serveNext('3')]).toEqual(['B001', 'D001', 'B002']);
  });
});

describe('the fairness rule', () => {
  it('after N priority calls in a row while a walk-in waits, the walk-in is called', () => {
    const h = new Harness(testHall({ policy: { maxPreferredInARow: 2, agingMinutes: 600 } }));
    h.open('1');
    h.issue('estate'); // B001 walk-in
    for (let i = 0; i < 5; i++) h.issue('estate', 'priority'); // B002–B006
    const calls = Array.from({ length: 6 }, () => h.serveNext('1'));
    expect(calls).toEqual(['B002', 'B003', 'B001', 'B004', 'B005', 'B006']);
  });

  it('does not hold back priority tickets when no walk-in is waiting', () => {
    const h = new Harness(testHall({ policy: { maxPreferredInARow: 1 } }));
    h.open('1');
    for (let i = 0; i < 3; i++) h.issue('estate', 'priority');
    expect([h.serveNext('1'), h.serveNext('1'), h.serveNext('1')]).toEqual(['B001', 'B002', 'B003']);
    expect(h.state.windows.get('1')!.preferredStreak).toBe(0);
  });

  it('counts per window: another window’s priority calls do not use up this one’s', () => {
    const h = new Harness(testHall({ policy: { maxPreferredInARow: 1, agingMinutes: 600 } }));
    h.open('1');
    h.open('2');
    h.issue('estate'); // B001
    for (let i = 0; i < 3; i++) h.issue('estate', 'priority'); // B002–B004
    expect(h.serveNext('1')).toBe('B002');
    expect(h.serveNext('2')).toBe('B003');
    expect(h.serveNext('1')).toBe('B001');
    expect(h.serveNext('2')).toBe('B004');
  });

  it('urgent tickets are exempt: they go first and do not count towards the streak', () => {
    const h = new Harness(testHall({ policy: { maxPreferredInARow: 1, agingMinutes: 600 } }));
    h.open('1');
    h.issue('estate'); // B001
    h.issue('estate', 'priority'); // B002
    h.issue('estate', 'urgent'); // B003
    h.issue('estate', 'priority'); // B004
    expect([h.serveNext('1'), h.serveNext('1'), h.serveNext('1'), h.serveNext('1')]).toEqual(['B003', 'B002', 'B001', 'B004']);
  });

  it('a walk-in who has waited agingMinutes is called as a priority ticket, by queue time', () => {
    const h = new Harness(testHall({ policy: { agingMinutes: 30, maxPreferredInARow: 100 } }));
    h.open('1');
    h.issue('estate'); // B001 at 09:00
    h.advance(10);
    h.issue('estate', 'priority'); // B002 at 09:10
    h.advance(19); // 09:29: B001 has waited 29 minutes
    expect(h.callNext('1')).toBe('B002');
    h.run({ type: 'complete', windowId: '1' }, clerk(1));
    h.issue('estate', 'priority'); // B003 at 09:29
    h.advance(1); // 09:30: B001 has waited 30 minutes and is older than B003
    const [called] = h.run({ type: 'call-next', windowId: '1' }, clerk(1));
    expect(called).toMatchObject({ type: 'ticket.called', ticket: { number: 'B001' }, queueClass: 'aged' });
  });

  it('ahead counts the tickets that will be called first, by class and queue time', () => {
    const h = new Harness();
    h.issue('estate');
    h.issue('estate');
    h.issue('estate', 'priority');
    const byNumber = (n: string) => [...h.state.tickets.values()].find((t) => t.number === n)!;
    expect(ticketsAhead(h.state, byNumber('B003'), h.now)).toBe(0);
    expect(ticketsAhead(h.state, byNumber('B001'), h.now)).toBe(1);
    expect(ticketsAhead(h.state, byNumber('B002'), h.now)).toBe(2);
  });
});

describe('counter actions', () => {
  function withCalled() {
    const h = new Harness();
    h.open('1');
    h.issue('estate');
    h.callNext('1');
    return h;
  }

  it('recalls up to the limit, then refuses with recall_limit', () => {
    const h = withCalled();
    for (let i = 1; i <= 3; i++) expect(h.run({ type: 'recall', windowId: '1' }, clerk(1))[0]).toMatchObject({ recall: i });
    expect(() => h.run({ type: 'recall', windowId: '1' }, clerk(1))).toThrow(expect.objectContaining({ code: 'recall_limit', status: 409 }));
  });

  it('completes straight from called, and frees the window', () => {
    const h = withCalled();
    const [done] = h.run({ type: 'complete', windowId: '1' }, clerk(1));
    expect(done).toMatchObject({ type: 'ticket.completed', ticket: { status: 'done' } });
    expect(h.state.windows.get('1')!.ticketId).toBeNull();
  });

  it('marks a no-show only before service started', () => {
    const h = withCalled();
    h.run({ type: 'start', windowId: '1' }, clerk(1));
    expect(() => h.run({ type: 'no-show', windowId: '1' }, clerk(1))).toThrow(expect.objectContaining({ code: 'already_started' }));
  });

  it('refuses to call while the current ticket is not finished', () => {
    const h = withCalled();
    h.issue('estate');
    expect(() => h.callNext('1')).toThrow(expect.objectContaining({ code: 'window_busy' }));
  });

  it('a paused window cannot call; after resume it can', () => {
    const h = new Harness();
    h.open('1');
    h.issue('estate');
    h.run({ type: 'pause', windowId: '1', reason: '系统维护' }, clerk(1));
    expect(() => h.callNext('1')).toThrow(expect.objectContaining({ code: 'window_paused' }));
    h.run({ type: 'resume', windowId: '1' }, clerk(1));
    expect(h.callNext('1')).toBe('B001');
  });

  it('calls a specific waiting number of its areas, and refuses others with clear codes', () => {
    const h = new Harness();
    h.open('1');
    h.issue('estate');
    h.issue('estate');
    h.issue('tax');
    expect(h.run({ type: 'call-number', windowId: '1', number: 'b2' }, clerk(1))[0]).toMatchObject({ ticket: { number: 'B002' }, how: 'number' });
    h.run({ type: 'complete', windowId: '1' }, clerk(1));
    expect(() => h.run({ type: 'call-number', windowId: '1', number: 'D001' }, clerk(1))).toThrow(expect.objectContaining({ code: 'area_not_served' }));
    expect(() => h.run({ type: 'call-number', windowId: '1', number: 'B002' }, clerk(1))).toThrow(expect.objectContaining({ code: 'ticket_not_waiting' }));
    expect(() => h.run({ type: 'call-number', windowId: '1', number: 'B099' }, clerk(1))).toThrow(expect.objectContaining({ code: 'ticket_not_found' }));
    expect(() => h.run({ type: 'call-number', windowId: '1', number: '12' }, clerk(1))).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });

  it('transfers ahead of normal tickets of the new area, keeping the number', () => {
    const h = new Harness();
    h.open('1');
    h.open('4');
    h.issue('police'); // H001
    h.issue('police'); // H002
    h.issue('estate'); // B001
    h.callNext('1');
    h.run({ type: 'transfer', windowId: '1', areaId: 'police' }, clerk(1));
    expect([h.serveNext('4'), h.serveNext('4'), h.serveNext('4')]).toEqual(['B001', 'H001', 'H002']);
    expect(() => h.run({ type: 'transfer', windowId: '1', areaId: 'nowhere' }, clerk(1))).toThrow(expect.objectContaining({ code: 'no_current_ticket' }));
  });

  it('one clerk per window and one window per clerk', () => {
    const h = new Harness();
    h.open('1', 1);
    expect(() => h.open('1', 2)).toThrow(expect.objectContaining({ code: 'window_taken' }));
    expect(() => h.open('2', 1)).toThrow(expect.objectContaining({ code: 'clerk_elsewhere' }));
    expect(h.run({ type: 'sign-in', windowId: '1', clerk: { id: 'clerk1', name: 'Clerk 1', staffNo: null } }, clerk(1))).toEqual([]);
    h.run({ type: 'sign-out', windowId: '1' }, clerk(1));
    h.open('2', 1);
    expect(h.state.clerkWindows.get('clerk1')).toBe('2');
  });

  it('a clerk acts only at their own window; a manager may act at any open window', () => {
    const h = new Harness();
    h.open('1');
    h.open('2');
    h.issue('estate');
    expect(() => h.run({ type: 'call-next', windowId: '1' }, clerk(2))).toThrow(expect.objectContaining({ code: 'not_window_clerk', status: 403 }));
    expect(h.run({ type: 'call-next', windowId: '1' }, MANAGER)[0]).toMatchObject({ type: 'ticket.called', window: { id: '1' } });
  });

  it('cannot sign out with a citizen at the window', () => {
    const h = withCalled();
    expect(() => h.run({ type: 'sign-out', windowId: '1' }, clerk(1))).toThrow(expect.objectContaining({ code: 'window_busy' }));
  });
});

describe('issuing', () => {
  it('refuses outside opening hours with hall_closed, and takes tickets inside them', () => {
    const h = new Harness(testHall(), Date.parse('2026-11-26T08:59:00+08:00'));
    expect(() => h.issue('estate')).toThrow(expect.objectContaining({ code: 'hall_closed', status: 409 }));
    h.advance(1);
    expect(h.issue('estate')).toBe('B001');
    h.now = Date.parse('2026-11-26T17:00:00+08:00');
    expect(() => h.issue('estate')).toThrow(expect.objectContaining({ code: 'hall_closed' }));
  });

  it('QMS_ALWAYS_OPEN takes tickets at night', () => {
    const h = new Harness(testHall(), Date.parse('2026-11-26T23:30:00+08:00'), true);
    expect(h.issue('estate')).toBe('B001');
  });

  it('kiosks may give priority (绿色通道) tickets but only staff give urgent ones', () => {
    const h = new Harness();
    expect(() => h.issue('estate', 'urgent', { id: 'kiosk01', role: 'kiosk' })).toThrow(expect.objectContaining({ code: 'priority_not_allowed' }));
    expect(h.issue('estate', 'urgent', clerk(1))).toBe('B001');
    expect(() => h.run({ type: 'issue-ticket', areaId: 'estate', priority: 'appointment' }, MANAGER)).toThrow(
      expect.objectContaining({ code: 'priority_not_allowed' }),
    );
  });

  it('finds the area from a service, and names the wrong field', () => {
    const h = new Harness();
    const [e] = h.run({ type: 'issue-ticket', serviceId: 'tax-01' });
    expect(e).toMatchObject({ ticket: { areaId: 'tax', number: 'D001' }, serviceId: 'tax-01' });
    expect(() => h.run({ type: 'issue-ticket', areaId: 'nope' })).toThrow(expect.objectContaining({ code: 'invalid_request', detail: { field: 'areaId' } }));
    expect(() => h.run({ type: 'issue-ticket', areaId: 'estate', serviceId: 'tax-01' })).toThrow(expect.objectContaining({ detail: { field: 'areaId' } }));
  });
});

describe('manager actions', () => {
  it('moves a window to other areas, and it then calls from them', () => {
    const h = new Harness();
    h.open('4');
    h.issue('estate');
    expect(h.callNext('4')).toBeNull();
    const [e] = h.run({ type: 'set-window-areas', windowId: '4', areaIds: ['estate', 'police'] }, MANAGER);
    expect(e).toMatchObject({ type: 'window.areas_changed', areaIds: ['estate', 'police'], previous: ['police'] });
    expect(h.callNext('4')).toBe('B001');
    expect(() => h.run({ type: 'set-window-areas', windowId: '4', areaIds: ['moon'] }, MANAGER)).toThrow(
      expect.objectContaining({ code: 'invalid_request', detail: { field: 'areaIds' } }),
    );
  });

  it('extends today’s hours (延时服务): tickets are taken until then', () => {
    const h = new Harness(testHall(), Date.parse('2026-11-26T16:50:00+08:00'));
    h.run({ type: 'extend-hours', until: '18:30' }, MANAGER);
    h.now = Date.parse('2026-11-26T18:00:00+08:00');
    expect(h.issue('estate')).toBe('B001');
    h.now = Date.parse('2026-11-26T18:30:00+08:00');
    expect(() => h.issue('estate')).toThrow(expect.objectContaining({ code: 'hall_closed' }));
    expect(() => h.run({ type: 'extend-hours', until: '18:00' }, MANAGER)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });
});
