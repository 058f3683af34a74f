/**
 * 办不成事反映窗口 in the domain: an area of `kind: "complaint"` alerts the manager for each ticket
 * while it is open; once served the ticket is a follow-up case (like a bad rating), counted once as
 * issued and once as served in the day's figures.
 */
import { describe, expect, it } from 'vitest';
import { dayRollup } from '../../server/domain/day-rollup';
import { hallOverview } from '../../server/domain/hall-overview';
import { ratingFollowUps } from '../../server/domain/rating-follow-up';
import { Harness, area, clerk, testHall } from '../support/hall-harness';

describe('complaint areas (办不成事反映窗口)', () => {
  it('alerts while the ticket is open, then lists it for follow-up; the statistics count it once', () => {
    const config = testHall({ areas: [area('estate', 'B'), area('tax', 'D'), { ...area('police', 'H'), kind: 'complaint' }] });
    const h = new Harness(config);
    h.open('4');
    const number = h.issue('police');
    h.issue('estate');
    const complaintAlerts = () => hallOverview(h.state, h.log, h.now, { alwaysOpen: false }).alerts.filter((a) => a.kind === 'complaint');
    expect(complaintAlerts()).toMatchObject([{ number, areaId: 'police' }]);
    h.callNext('4');
    expect(complaintAlerts()).toHaveLength(1);
    h.advance(5);
    h.run({ type: 'complete', windowId: '4' }, clerk(4));
    expect(complaintAlerts()).toEqual([]);

    const rollup = dayRollup(config, h.state.day, h.log);
    expect(rollup.total.issued).toBe(2);
    expect(rollup.total.served).toBe(1);
    expect(rollup.complaints).toMatchObject([{ number, areaId: 'police', windowId: '4', windowNumber: 4 }]);
    expect(rollup.badRatings).toEqual([]);
    const items = ratingFollowUps(config.calendar, rollup.badRatings, h.log, h.state.day, rollup.complaints);
    expect(items).toMatchObject([{ number, source: 'complaint', score: null, resolved: false, overdue: false }]);
  });
});
