/** 今日 / 本月 / 上月 on the manager's reports: the hall's calendar months, across a year's end and February. */
import { describe, expect, it } from 'vitest';
import { quickRange } from '../../server/domain/report-ranges';

describe('the quick report ranges', () => {
  it('今日 is the hall date; 本月 runs from the 1st to today', () => {
    expect(quickRange('today', '2026-11-25')).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    expect(quickRange('thisMonth', '2026-11-25')).toEqual({ from: '2026-11-01', to: '2026-11-25' });
    expect(quickRange('thisMonth', '2026-11-01')).toEqual({ from: '2026-11-01', to: '2026-11-01' });
  });

  it('上月 is the whole previous calendar month, across a year and in a leap February', () => {
    expect(quickRange('lastMonth', '2026-11-25')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(quickRange('lastMonth', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(quickRange('lastMonth', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(quickRange('lastMonth', '2027-03-01')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
  });
});
