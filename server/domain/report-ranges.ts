/**
 * The quick ranges of the manager's reports: 今日, 本月 (the 1st of the hall's month to today) and
 * 上月 (the whole previous calendar month). Dates are hall-local (`YYYY-MM-DD`, Asia/Shanghai for
 * the halls here), so a month is the hall's calendar month whatever the browser's time zone.
 */
import { addDays } from './time';

export type QuickRange = 'today' | 'thisMonth' | 'lastMonth';
export const QUICK_RANGES: readonly QuickRange[] = ['today', 'thisMonth', 'lastMonth'];

/** The range `which` means on the hall date `today`. */
export function quickRange(which: QuickRange, today: string): { from: string; to: string } {
  const first = `${today.slice(0, 8)}01`;
  switch (which) {
    case 'today':
      return { from: today, to: today };
    case 'thisMonth':
      return { from: first, to: today };
    case 'lastMonth': {
      const lastDay = addDays(first, -1);
      return { from: `${lastDay.slice(0, 8)}01`, to: lastDay };
    }
  }
}
